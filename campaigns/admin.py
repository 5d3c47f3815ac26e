"""Admin pages: campaigns, verification holds, model versions (mirrored from the model cards), thresholds."""

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns import detection, services
from campaigns.ml import serving
from campaigns.models import BehaviourProfile, Campaign, CampaignSettings, ModelVersion, VerificationHold, VolumeSample
from fraudsafe.masking import mask_phone


class HelplineAdmin(admin.ModelAdmin):
    """Helpline admins (the role, not per-model permissions) run these pages."""

    def _admin(self, request) -> bool:
        return bool(getattr(request.user, "is_helpline_admin", False))

    def has_module_permission(self, request):
        return self._admin(request)

    def has_view_permission(self, request, obj=None):
        return self._admin(request)

    def has_change_permission(self, request, obj=None):
        return self._admin(request)

    def has_add_permission(self, request):
        return self._admin(request)

    def has_delete_permission(self, request, obj=None):
        return self._admin(request)


@admin.register(Campaign)
class CampaignAdmin(HelplineAdmin):
    list_display = [
        "id",
        "campaign_type",
        "channel",
        "status",
        "risk_score",
        "volume",
        "vulnerable_count",
        "scorer",
        "first_seen",
        "last_seen",
    ]
    list_filter = ["status", "channel"]
    search_fields = ["campaign_type", "series"]
    readonly_fields = [f.name for f in Campaign._meta.fields]
    actions = ["deactivate"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Deactivate the selected campaigns"))
    def deactivate(self, request, queryset):
        for campaign_id in queryset.filter(status=Campaign.Status.ACTIVE).values_list("id", flat=True):
            detection.campaign_deactivate(campaign_id=campaign_id, by=request.user)
        self.message_user(request, _("Campaigns deactivated."), messages.SUCCESS)


class InForceFilter(admin.SimpleListFilter):
    title = _("in force")
    parameter_name = "in_force"

    def lookups(self, request, model_admin):
        return [("yes", _("In force")), ("no", _("Expired or released"))]

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == "yes":
            return queryset.filter(expires_at__gt=now, released_at__isnull=True)
        if self.value() == "no":
            return queryset.exclude(expires_at__gt=now, released_at__isnull=True)
        return queryset


@admin.register(VerificationHold)
class VerificationHoldAdmin(HelplineAdmin):
    list_display = ["id", "masked_phone", "level", "campaign", "created_at", "expires_at", "released_at"]
    list_filter = ["level", InForceFilter]
    raw_id_fields = ["citizen", "campaign"]
    actions = ["release"]

    @admin.display(description=_("phone"))
    def masked_phone(self, hold):
        return mask_phone(hold.citizen.phone)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("citizen", "campaign")

    @admin.action(description=_("Release the selected holds now"))
    def release(self, request, queryset):
        for hold_id in queryset.values_list("id", flat=True):
            services.hold_release(hold_id=hold_id)
        self.message_user(request, _("Holds released."), messages.SUCCESS)


@admin.register(ModelVersion)
class ModelVersionAdmin(HelplineAdmin):
    list_display = ["version", "kind", "passed", "model_auc", "heuristic_auc", "schema_version", "created_at"]
    list_filter = ["kind", "passed"]
    readonly_fields = [f.name for f in ModelVersion._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        services.model_versions_sync()  # the cards on disk are the truth; mirror them before listing
        extra_context = {
            **(extra_context or {}),
            "title": _("Model versions (in use: %(s)s)")
            % {"s": ", ".join(f"{k}={v}" for k, v in serving.scorers().items())},
        }
        return super().changelist_view(request, extra_context)


@admin.register(CampaignSettings)
class CampaignSettingsAdmin(HelplineAdmin):
    list_display = ["__str__", "cohort_vulnerability", "uplift", "campaign_anomaly", "min_volume", "updated_at"]

    def has_add_permission(self, request):
        return self._admin(request) and not CampaignSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(VolumeSample)
class VolumeSampleAdmin(HelplineAdmin):
    list_display = ["channel", "series", "bucket_start", "count", "unique_targets", "suspicious_numbers", "source"]
    list_filter = ["channel", "source"]
    date_hierarchy = "bucket_start"


@admin.register(BehaviourProfile)
class BehaviourProfileAdmin(HelplineAdmin):
    list_display = ["citizen_id", "updated_at"]
    raw_id_fields = ["citizen"]
