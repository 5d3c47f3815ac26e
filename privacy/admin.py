"""Admin: the queue of data principal requests (due first, overdue marked; corrections and erasures are done
here, each step audited), legal holds (court orders that erasure must respect) and the breach register."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.utils import timezone
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
    list_display = ("created_at", "kind", "status", "masked_phone", "due_at", "overdue")
    list_filter = ("status", "kind")
    readonly_fields = ("citizen", "masked_phone", "kind", "status", "channel", "language", "held", "created_at",
                       "due_at", "completed_at")  # fmt: skip
    inlines = [StepInline]
    actions = ["erase"]
    form = CorrectionForm

    @admin.display(description=gettext_lazy("overdue"), boolean=True)
    def overdue(self, obj):
        return obj.status == DataRequest.Status.OPEN and obj.due_at < timezone.now()

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_fieldsets(self, request, obj=None):
        fieldsets = [(None, {"fields": self.readonly_fields})]
        if obj and obj.kind == DataRequest.Kind.CORRECTION and obj.status == DataRequest.Status.OPEN:
            new = ("new_name", "new_email", "new_district", "new_pin_code", "new_language")
            fieldsets.append((_("Correction"), {"fields": new}))
        return fieldsets

    def save_model(self, request, obj, form, change):
        if obj.kind == DataRequest.Kind.CORRECTION and obj.status == DataRequest.Status.OPEN and obj.citizen:
            changes = {key.removeprefix("new_"): value for key, value in form.cleaned_data.items()}
            changed = services.correction_apply(request=obj, changes=changes, by=request.user)
            self.message_user(request, _("Corrected: %(fields)s.") % {"fields": ", ".join(changed) or "—"})

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
        label=gettext_lazy("affected data kinds"), choices=Breach.DataKind.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Breach
        fields = ("title", "description", "suspected_at", "incident_kind", "data_kinds", "affected_from",
                  "affected_to", "board_reported_at", "cert_in_reported_at")  # fmt: skip


@admin.register(Breach)
class BreachAdmin(admin.ModelAdmin):
    """An admin records a suspected breach; the list shows the clocks, the notice goes out after a preview."""

    form = BreachForm
    list_display = ("title", "suspected_at", "board_due", "cert_in_due", "citizens_notified_at", "citizens_notified")
    readonly_fields = ("citizens_notified_at", "citizens_notified", "cert_in_contact")
    actions = ["notify_citizens"]

    def _clock(self, obj, name):
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
