"""Admin: the queue of data principal requests (due first, overdue marked; corrections and erasures are done
here, each step audited) and legal holds (court orders that erasure must respect)."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from privacy import services
from privacy.models import DataRequest, DataRequestStep, LegalHold


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
