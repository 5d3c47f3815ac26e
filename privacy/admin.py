"""Admin: the queue of data principal requests (due first, overdue marked; corrections and erasures are done
here, each step audited), legal holds (court orders that erasure must respect) and the breach register."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from privacy import breaches, services
from privacy.models import Breach, DataRequest, DataRequestStep, LegalHold


class StepInline(admin.TabularInline):
    model = DataRequestStep
    extra = 0
    can_delete = False
    fields = ("at", "action", "note", "by")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class CorrectionForm(forms.ModelForm):
    """A correction request's change page: staff type the corrected values the citizen gave (blank: unchanged)."""

    new_name = forms.CharField(label=gettext_lazy("corrected name"), required=False, max_length=100)
    new_email = forms.EmailField(label=gettext_lazy("corrected email"), required=False)
    new_district = forms.CharField(label=gettext_lazy("corrected district"), required=False, max_length=50)
    new_pin_code = forms.CharField(label=gettext_lazy("corrected PIN code"), required=False, max_length=6)
    new_language = forms.ChoiceField(
        label=gettext_lazy("corrected language"), required=False, choices=[("", "—"), *settings.LANGUAGES]
    )

    class Meta:
        model = DataRequest
        fields = ()


@admin.register(DataRequest)
class DataRequestAdmin(admin.ModelAdmin):
    # The due time first: on a phone the result table scrolls sideways, and what is due is what matters.
    list_display = ("due_at", "overdue", "kind", "status", "masked_phone", "created_at")
    list_filter = ("status", "kind")
    readonly_fields = ("citizen", "masked_phone", "kind", "status", "due_at", "holds", "channel", "language",
                       "created_at", "completed_at")  # fmt: skip
    inlines = [StepInline]
    actions = ["erase"]
    form = CorrectionForm
    change_form_template = "admin/privacy/datarequest/change_form.html"

    @staticmethod
    def _erasable(obj) -> bool:
        return obj.kind == DataRequest.Kind.ERASURE and obj.status == DataRequest.Status.OPEN and obj.citizen_id

    @admin.display(description=gettext_lazy("Legal holds (kept on erasure)"))
    def holds(self, obj):
        """An open erasure: what erasure will keep, and why (the holds in force now); an answered one: what it kept."""
        rows = services.legal_holds(citizen=obj.citizen) if self._erasable(obj) else obj.held
        if not rows:
            return "—"
        return format_html_join(mark_safe("<br>"), "• {}", ((row["reason"],) for row in rows))

    @admin.display(description=gettext_lazy("overdue"))
    def overdue(self, obj):
        """A word, not the admin's boolean icons (a green tick for "overdue" and a red cross for "in time")."""
        if obj.status == DataRequest.Status.OPEN and obj.due_at < timezone.now():
            return format_html('<strong style="color: var(--error-fg)">{}</strong>', _("overdue"))
        return "—"

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_fieldsets(self, request, obj=None):
        shown = [f for f in self.readonly_fields if f != "holds" or (obj and obj.kind == DataRequest.Kind.ERASURE)]
        fieldsets = [(None, {"fields": shown})]
        if obj and obj.kind == DataRequest.Kind.CORRECTION and obj.status == DataRequest.Status.OPEN:
            new = ("new_name", "new_email", "new_district", "new_pin_code", "new_language")
            fieldsets.append((_("Correction"), {"fields": new}))
        return fieldsets

    def save_model(self, request, obj, form, change):
        if obj.kind == DataRequest.Kind.CORRECTION and obj.status == DataRequest.Status.OPEN and obj.citizen:
            changes = {key.removeprefix("new_"): value for key, value in form.cleaned_data.items()}
            changed = services.correction_apply(request=obj, changes=changes, by=request.user)
            self.message_user(request, _("Corrected: %(fields)s.") % {"fields": ", ".join(changed) or "—"})

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        extra_context = {**(extra_context or {}), "can_erase": bool(obj and self._erasable(obj))}
        return super().change_view(request, object_id, form_url, extra_context)

    def response_change(self, request, obj):
        """The change page's "Erase now" button: the same decision as the list's action, for this request."""
        if "_erase" in request.POST and self._erasable(obj):
            services.erasure_apply(request=obj, by=request.user)
            self.message_user(request, _("%(count)d erasure request(s) done.") % {"count": 1}, messages.SUCCESS)
            return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)

    @admin.action(description=gettext_lazy("Erase now (keeps what a legal hold needs)"))
    def erase(self, request, queryset):
        done = 0
        for data_request in queryset.filter(kind=DataRequest.Kind.ERASURE, status=DataRequest.Status.OPEN):
            if data_request.citizen is not None:
                services.erasure_apply(request=data_request, by=request.user)
                done += 1
        self.message_user(request, _("%(count)d erasure request(s) done.") % {"count": done}, messages.SUCCESS)


@admin.register(LegalHold)
class LegalHoldAdmin(admin.ModelAdmin):
    list_display = ("citizen", "reason", "reference", "created_at", "released_at")
    autocomplete_fields = ("citizen",)
    fields = ("citizen", "reason", "reference", "released_at")
    actions = ["release"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    @admin.action(description=gettext_lazy("Release the hold"))
    def release(self, request, queryset):
        queryset.filter(released_at__isnull=True).update(released_at=timezone.now())


class BreachForm(forms.ModelForm):
    data_kinds = forms.MultipleChoiceField(
        label=capfirst(Breach._meta.get_field("data_kinds").verbose_name),
        choices=Breach.DataKind.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Breach
        fields = ("title", "description", "suspected_at", "incident_kind", "data_kinds", "affected_from",
                  "affected_to", "board_reported_at", "cert_in_reported_at")  # fmt: skip


@admin.register(Breach)
class BreachAdmin(admin.ModelAdmin):
    """An admin records a suspected breach; the list shows the clocks, the notice goes out after a preview."""

    form = BreachForm
    # The clocks next to the title (CERT-In's 6 hours first): on a phone the result table scrolls sideways.
    list_display = ("title", "cert_in_due", "board_due", "suspected_at", "citizens_notified_at", "citizens_notified")
    readonly_fields = ("cert_in_due", "board_due", "citizens_notified_at", "citizens_notified", "cert_in_contact")
    fields = ("title", "description", "suspected_at", "incident_kind", "cert_in_due", "board_due", "data_kinds",
              "affected_from", "affected_to", "board_reported_at", "cert_in_reported_at", "citizens_notified_at",
              "citizens_notified", "cert_in_contact")  # fmt: skip
    actions = ["notify_citizens"]

    def _clock(self, obj, name):
        if obj is None or obj.pk is None:  # the add page: the clocks start when it is saved
            return "—"
        clock = next((c for c in breaches.breach_clocks(obj) if c.name == name), None)
        if clock is None:
            return "—"
        if clock.reported_at:
            return _("reported %(when)s") % {"when": timezone.localtime(clock.reported_at).strftime("%d-%m-%Y %H:%M")}
        due = timezone.localtime(clock.due_at).strftime("%d-%m-%Y %H:%M")
        if clock.overdue(timezone.now()):
            return _("OVERDUE since %(when)s") % {"when": due}
        return _("due %(when)s") % {"when": due}

    @admin.display(description=gettext_lazy("Board (72 h)"))
    def board_due(self, obj):
        return self._clock(obj, "board")

    @admin.display(description=gettext_lazy("CERT-In (6 h)"))
    def cert_in_due(self, obj):
        return self._clock(obj, "cert_in")

    @admin.display(description=gettext_lazy("CERT-In point of contact"))
    def cert_in_contact(self, obj):
        parts = (settings.CERT_IN_CONTACT_NAME, settings.CERT_IN_CONTACT_EMAIL, settings.CERT_IN_CONTACT_PHONE)
        return " · ".join(p for p in parts if p) or _("Not appointed: set CERT_IN_CONTACT_NAME and its details.")

    def save_model(self, request, obj, form, change):
        if not change:
            obj.recorded_by = request.user
        super().save_model(request, obj, form, change)

    @admin.action(description=gettext_lazy("Notify the affected citizens (preview first)"))
    def notify_citizens(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, _("Choose one breach at a time."), messages.WARNING)
            return None
        breach = queryset.get()
        if breach.citizens_notified_at is not None:
            self.message_user(request, _("The citizens were already notified."), messages.WARNING)
            return None
        if request.POST.get("confirm") != "yes":
            preview = breaches.notice_preview(breach)
            context = {**self.admin_site.each_context(request), "breach": breach, "preview": preview,
                       "total": sum(row["count"] for row in preview), "opts": self.model._meta}  # fmt: skip
            return TemplateResponse(request, "admin/privacy/breach_notify_confirm.html", context)
        count = breaches.citizens_notify(breach=breach)
        self.message_user(request, _("Notice queued for %(count)d citizens.") % {"count": count}, messages.SUCCESS)
        return None
