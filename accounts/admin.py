from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from rest_framework_api_key.admin import APIKeyModelAdmin
from rest_framework_api_key.models import APIKey

from accounts.audit import audit_request
from accounts.models import AuditEntry, Citizen, ConsentEvent, PartnerAPIKey, Scope, User
from accounts.selectors import consent_state
from accounts.services import consent_record

# One place issues keys: the library's own "API keys" page made keys that no endpoint accepts.
if admin.site.is_registered(APIKey):
    admin.site.unregister(APIKey)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ("username", "get_full_name", "email", "role", "language", "is_active", "last_login")
    list_filter = ("role", "language", "is_active")
    fieldsets = (
        *DjangoUserAdmin.fieldsets[:2],
        (_("Helpline role"), {"fields": ("role", "language", "is_active", "is_superuser", "groups")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("username", "role", "language", "password1", "password2")}),
    )


class ConsentEventInline(admin.TabularInline):
    model = ConsentEvent
    fk_name = "citizen"
    extra = 0
    can_delete = False
    fields = ("created_at", "channel", "action", "source", "evidence", "recorded_by", "partner_key")
    readonly_fields = fields
    ordering = ("-created_at", "-id")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Citizen)
class CitizenAdmin(admin.ModelAdmin):
    list_display = ("__str__", "district", "area", "language", "created_at")
    list_filter = ("district", "language")
    search_fields = ("phone", "name", "email", "district", "area")
    readonly_fields = ("created_at", "updated_at", "current_consent")
    inlines = [ConsentEventInline]  # the deliveries of each citizen are on the alerts side (citizen alert history)

    @admin.display(description=_("current consent"))
    def current_consent(self, obj):
        if obj.pk is None:
            return "-"
        state = consent_state(citizen=obj)
        return ", ".join(f"{channel}: {'yes' if granted else 'no'}" for channel, granted in state.items())


@admin.register(ConsentEvent)
class ConsentEventAdmin(admin.ModelAdmin):
    """Staff record consent with its basis; the history itself is never edited or deleted."""

    list_display = ("created_at", "citizen", "channel", "action", "source", "recorded_by", "partner_key")
    list_filter = ("channel", "action", "source")
    search_fields = ("citizen__phone", "citizen__name", "partner_key__partner")
    autocomplete_fields = ("citizen",)
    fields = ("citizen", "channel", "action", "evidence")

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        event = consent_record(
            citizen=obj.citizen,
            channel=obj.channel,
            granted=obj.action == ConsentEvent.Action.GRANT,
            source=ConsentEvent.Source.ADMIN,
            evidence=obj.evidence,
            recorded_by=request.user,
        )
        obj.pk = event.pk
        audit_request(
            request,
            action=AuditEntry.Action.CONSENT_CHANGE,
            objects={"citizen": event.citizen_id, "consent_event": event.pk},
        )


class PartnerAPIKeyForm(forms.ModelForm):
    scopes = forms.MultipleChoiceField(
        label=_("scopes"),
        choices=Scope.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only what this partner needs. A key without a scope gets 403 on that scope's endpoints."),
    )

    class Meta:
        model = PartnerAPIKey
        fields = ["name", "partner", "contact_email", "scopes", "max_audience", "daily_message_quota",
                  "expiry_date", "revoked"]  # fmt: skip

    def clean_scopes(self):
        return sorted(self.cleaned_data["scopes"])


@admin.register(PartnerAPIKey)
class PartnerAPIKeyAdmin(APIKeyModelAdmin):
    """Issue keys with their scopes and limits; revoke them (a key is never deleted: its history points to it)."""

    form = PartnerAPIKeyForm
    list_display = (
        "prefix", "name", "partner", "scope_list", "max_audience", "daily_message_quota", "used_today", "created",
        "expiry_date", "_has_expired", "revoked",
    )  # fmt: skip
    list_filter = ("revoked", "created")
    search_fields = ("name", "prefix", "partner", "contact_email")

    @admin.display(description=_("scopes"))
    def scope_list(self, obj):
        return ", ".join(obj.scopes or []) or gettext("none")

    @admin.display(description=_("message-sending calls today"))
    def used_today(self, obj):
        usage = obj.usage.filter(day=timezone.localdate()).first()
        return f"{usage.message_calls if usage else 0} / {obj.daily_message_quota}"

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        if change:
            obj.save()
            return
        key = PartnerAPIKey.objects.assign_key(obj)
        obj.save()
        messages.warning(
            request,
            gettext("The API key for %(name)s is: %(key)s. Store it somewhere safe: it is not shown again.")
            % {"name": obj.name, "key": key},
        )


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """The audit trail, read-only and for helpline admins only."""

    list_display = ("created_at", "actor", "action", "endpoint", "objects_ref", "ip_address", "outcome", "status_code")
    list_filter = ("action", "outcome", "created_at")
    search_fields = ("actor", "endpoint", "objects_ref", "ip_address", "partner_key__partner", "user__username")
    date_hierarchy = "created_at"
    list_select_related = ("partner_key", "user")

    def has_module_permission(self, request):
        return bool(getattr(request.user, "is_helpline_admin", False))

    def has_view_permission(self, request, obj=None):
        return bool(getattr(request.user, "is_helpline_admin", False))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
