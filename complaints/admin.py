"""Django admin for helpline admins: complaints with transactions, history, assignment, status, PDF and CSV."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import DecimalField, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.audit import audit_request
from accounts.models import AuditEntry, User
from accounts.selectors import attenders
from complaints.downloads import complaint_pdf_response
from complaints.exports import complaints_csv
from complaints.models import Complaint, ComplaintEvent, Evidence, FraudsterIdentifier, Transaction
from complaints.notices import status_notice_preview
from complaints.workflow import complaint_assign, complaint_change_status
from fraudsafe.districts import district_canonical
from fraudsafe.durations import ago
from fraudsafe.masking import mask_phone
from fraudsafe.money import rupees


class TransactionInline(admin.TabularInline):
    model = Transaction
    extra = 0
    can_delete = False
    # One column for where the money went and one for the fraudster, so the table fits a 1366 px screen.
    fields = (
        "occurred",
        "bank",
        "account_number",
        "amount_display",
        "transaction_id",
        "fraud_type",
        "progress",
        "money_went_to",
        "fraudster",
    )
    readonly_fields = fields
    ordering = ("position",)

    @admin.display(description=gettext_lazy("money went to"))
    def money_went_to(self, obj):
        values = {
            "upi": [obj.beneficiary_upi],
            "account": [obj.beneficiary_account, obj.beneficiary_ifsc and f"IFSC {obj.beneficiary_ifsc}"],
            "wallet": [obj.beneficiary_wallet],
            "merchant": [obj.beneficiary_merchant],
        }.get(obj.beneficiary_kind, [])
        shown = [v for v in values if v]
        return f"{obj.get_beneficiary_kind_display()}: {' · '.join(shown)}" if shown else "—"

    @admin.display(description=gettext_lazy("fraudster"))
    def fraudster(self, obj):
        return " · ".join(v for v in (obj.fraudster_phone, obj.fraudster_website) if v) or "—"

    @admin.display(description=gettext_lazy("amount"))
    def amount_display(self, obj):
        return rupees(obj.amount)

    @admin.display(description=gettext_lazy("date and time"))
    def occurred(self, obj):
        return date_format(obj.occurred_at, "DATETIME_FORMAT")  # helpline time, zone named

    def has_add_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_helpline_admin


class ComplaintEventInline(admin.TabularInline):
    """The complaint's history: read-only, written only by the workflow services."""

    model = ComplaintEvent
    extra = 0
    can_delete = False
    fields = ("created_at", "kind", "from_display", "to_display", "actor", "note_display")
    readonly_fields = fields
    ordering = ("-created_at", "-id")
    verbose_name_plural = gettext_lazy("history")

    # Readable labels ("Pending", "Amount frozen"), never the stored codes.
    @admin.display(description=gettext_lazy("from"))
    def from_display(self, obj):
        return obj.from_label

    @admin.display(description=gettext_lazy("to"))
    def to_display(self, obj):
        return obj.to_label

    @admin.display(description=gettext_lazy("note"))
    def note_display(self, obj):
        return obj.note_display

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_helpline_admin


class EvidenceInline(admin.TabularInline):
    """Files the victim sent; opened through the console's authorised view, never a public URL."""

    model = Evidence
    extra = 0
    can_delete = False
    fields = ("received_at", "status", "refusal", "content_type", "size", "open_link")
    readonly_fields = fields
    ordering = ("received_at", "id")
    verbose_name_plural = gettext_lazy("evidence from the victim")
    template = "admin/complaints/evidence_inline.html"  # says "none" when the victim sent no file

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_helpline_admin

    @admin.display(description=gettext_lazy("file"))
    def open_link(self, obj):
        if obj.status != Evidence.Status.STORED:
            return "—"
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>',
            reverse("console-evidence", args=[obj.complaint_id, obj.pk]),
            _("Open"),
        )


class AssignForm(forms.Form):
    handler = forms.ModelChoiceField(label=gettext_lazy("Attender"), queryset=User.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handler"].queryset = attenders()


class StatusChangeForm(forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("New status"), choices=Complaint.Status.choices)
    note = forms.CharField(label=gettext_lazy("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    reason = forms.CharField(
        label=gettext_lazy("Reason (required to reject; sent to the citizen)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


@admin.register(Complaint)
class ComplaintAdmin(admin.ModelAdmin):
    list_display = ("ack", "name", "district", "language_display", "total_amount_display", "status", "handler", "age")
    list_display_links = ("ack",)
    list_filter = (
        "status",
        "district",
        "language",
        ("handler", admin.RelatedOnlyFieldListFilter),
        ("created_at", admin.DateFieldListFilter),
    )
    search_fields = (
        "ack_number",
        "mobile",
        "citizen__phone",
        "name",
        "district",
        "transactions__transaction_id",
        "transactions__account_number",
    )
    list_select_related = ("handler",)
    date_hierarchy = "created_at"
    ordering = ("-created_at", "-id")
    actions = ("assign_to_attender", "change_status", "export_csv")
    inlines = (TransactionInline, EvidenceInline, ComplaintEventInline)

    class Media:
        css = {"all": ("fraudsafe/admin-complaints.css",)}

    readonly_fields = (
        "ack_number",
        "citizen_display",
        "name",
        "mobile",
        "dob",
        "father_name",
        "district",
        "pin_code",
        "language_display",
        "status",
        "handler",
        "rejection_reason",
        "pdf_link",
        "created_at",
        "updated_at",
    )
    fieldsets = (
        (None, {"fields": ("ack_number", "status", "handler", "rejection_reason", "pdf_link")}),
        (
            gettext_lazy("Complainant"),
            {
                "fields": (
                    "citizen_display",
                    "name",
                    "mobile",
                    "dob",
                    "father_name",
                    "district",
                    "pin_code",
                    "language_display",
                )
            },  # fmt: skip
        ),
        (gettext_lazy("Dates"), {"fields": ("created_at", "updated_at")}),
    )

    def get_search_results(self, request, queryset, search_term):
        """A district alias finds the canonical district too ("Bangalore" → Bengaluru Urban)."""
        found, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        canonical = district_canonical(search_term)
        if search_term and canonical != " ".join(search_term.split()):
            found = queryset.filter(Q(pk__in=found.values("pk")) | Q(district=canonical))
        return found, may_have_duplicates

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                total_amount_annotated=Coalesce(
                    Sum("transactions__amount"), Value(0), output_field=DecimalField(max_digits=14, decimal_places=2)
                )
            )
        )

    # The helpline admin role is what grants the complaint admin (not per-model permission rows).
    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_helpline_admin

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_helpline_admin

    def has_change_permission(self, request, obj=None):
        return False  # status and handler change only through the actions (the workflow services)

    def has_add_permission(self, request):
        return False  # complaints come from citizens (WhatsApp intake), never typed in by staff

    def has_delete_permission(self, request, obj=None):
        return False  # a complaint is evidence: reject it instead

    # --- columns -------------------------------------------------------------------------------------------
    @admin.display(description=gettext_lazy("ack no."), ordering="ack_number")
    def ack(self, obj):
        return obj.ack_number

    @admin.display(description=gettext_lazy("language"), ordering="language")
    def language_display(self, obj):
        return obj.language_label

    @admin.display(description=gettext_lazy("total amount"), ordering="total_amount_annotated")
    def total_amount_display(self, obj):
        return rupees(obj.total_amount)

    @admin.display(description=gettext_lazy("age"), ordering="created_at")
    def age(self, obj):
        return ago(obj.created_at, depth=1)

    @admin.display(description=gettext_lazy("citizen"))
    def citizen_display(self, obj):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:accounts_citizen_change", args=[obj.citizen_id]),
            f"{obj.citizen.name} ({mask_phone(obj.citizen.phone)})",
        )

    @admin.display(description=gettext_lazy("PDF"))
    def pdf_link(self, obj):
        if not obj.pk or not obj.pdf:
            return _("No PDF yet")
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:complaints_complaint_pdf", args=[obj.pk]), _("Download PDF")
        )

    # --- views ---------------------------------------------------------------------------------------------
    def get_urls(self):
        return [
            path(
                "<int:pk>/pdf/",
                self.admin_site.admin_view(self.pdf_view),
                name="complaints_complaint_pdf",
            ),
            *super().get_urls(),
        ]

    def pdf_view(self, request, pk: int):
        if not self.has_view_permission(request):
            raise PermissionDenied
        return complaint_pdf_response(get_object_or_404(Complaint, pk=pk))

    # --- actions -------------------------------------------------------------------------------------------
    def _intermediate(self, request, queryset, form, action: str, title: str, *, next_step="apply", previews=None):
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "form": form,
            "next_step": next_step,
            "previews": previews,
            "told": sum(p["count"] for p in previews or []),
            "complaints": queryset,
            "action": action,
            "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "console/admin_action.html", context)

    @admin.action(description=gettext_lazy("Assign to an attender"))
    def assign_to_attender(self, request, queryset):
        form = AssignForm(request.POST if "apply" in request.POST else None)
        if not form.is_valid():
            return self._intermediate(request, queryset, form, "assign_to_attender", _("Assign to an attender"))
        handler = form.cleaned_data["handler"]
        done = 0
        for complaint in queryset:
            try:
                complaint_assign(complaint_id=complaint.pk, handler=handler, by=request.user)
                done += 1
            except (ValidationError, PermissionDenied) as exc:
                self.message_user(request, f"{complaint.ack_number}: {' '.join(_messages(exc))}", messages.ERROR)
        if done:
            self.message_user(
                request,
                _("%(count)d complaint(s) assigned to %(handler)s.") % {"count": done, "handler": handler},
                messages.SUCCESS,
            )
        return None

    @admin.action(description=gettext_lazy("Change status"))
    def change_status(self, request, queryset):
        """Three steps: choose the status, see what each complainant will be told, then confirm (nothing changes or
        is queued before the confirmation: a status change sends every complainant a case update)."""
        asked = {"apply", "preview", "back"} & set(request.POST)
        form = StatusChangeForm(request.POST if asked else None)
        if "back" in request.POST or not form.is_valid():
            return self._intermediate(request, queryset, form, "change_status", _("Change status"), next_step="preview")
        if "apply" not in request.POST:
            chosen = form.cleaned_data
            previews = status_notice_preview(
                queryset.select_related("citizen"), status=chosen["status"], reason=chosen["reason"]
            )
            return self._intermediate(
                request, queryset, form, "change_status", _("Change status: check and confirm"), previews=previews
            )
        done = 0
        for complaint in queryset:
            try:
                complaint_change_status(complaint_id=complaint.pk, by=request.user, **form.cleaned_data)
                done += 1
            except (ValidationError, PermissionDenied) as exc:
                self.message_user(request, f"{complaint.ack_number}: {' '.join(_messages(exc))}", messages.ERROR)
                outcome = AuditEntry.Outcome.INVALID
            else:
                outcome = AuditEntry.Outcome.OK
            audit_request(
                request, action=AuditEntry.Action.COMPLAINT_STATUS, objects={"complaint": complaint.pk}, outcome=outcome
            )
        if done:
            self.message_user(request, _("%(count)d complaint(s) updated.") % {"count": done}, messages.SUCCESS)
        return None

    @admin.action(description=gettext_lazy("Export as CSV for 1930 / NCRP"))
    def export_csv(self, request, queryset):
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response = HttpResponse(complaints_csv(queryset), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="complaints-{stamp}.csv"'
        return response


def _messages(exc: Exception) -> list[str]:
    return exc.messages if isinstance(exc, ValidationError) else [str(exc) or _("Not allowed.")]


@admin.register(FraudsterIdentifier)
class FraudsterIdentifierAdmin(admin.ModelAdmin):
    """The most-reported fraudster identifiers (UPI IDs, accounts, phones, websites), most complaints first."""

    list_display = (
        "value",
        "kind",
        "complaint_count",
        "transaction_count",
        "amount_display",
        "first_seen",
        "last_seen",
    )
    list_filter = ("kind",)
    search_fields = ("value",)
    ordering = ("-complaint_count", "-last_seen")
    readonly_fields = (
        "kind", "value", "complaint_count", "transaction_count", "amount_total", "first_seen", "last_seen",
        "complaints",
    )  # fmt: skip
    exclude = ("transactions",)

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_helpline_admin

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_helpline_admin

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=gettext_lazy("amount reported"), ordering="amount_total")
    def amount_display(self, obj):
        return f"₹{obj.amount_total:,.2f}"

    @admin.display(description=gettext_lazy("complaints"))
    def complaints(self, obj):
        acks = (
            Complaint.objects.filter(transactions__fraudster_identifiers=obj)
            .distinct()
            .order_by("-created_at")
            .values_list("pk", "ack_number")[:50]
        )
        return format_html_join(
            ", ",
            '<a href="{}">{}</a>',
            ((reverse("admin:complaints_complaint_change", args=[pk]), ack) for pk, ack in acks),
        )
