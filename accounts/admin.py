from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from rest_framework_api_key.admin import APIKeyModelAdmin

from accounts.models import Citizen, ConsentEvent, PartnerAPIKey, User
from accounts.selectors import consent_state
from accounts.services import consent_record


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
    fields = ("created_at", "channel", "action", "source", "evidence", "recorded_by")
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

    list_display = ("created_at", "citizen", "channel", "action", "source", "recorded_by")
    list_filter = ("channel", "action", "source")
    search_fields = ("citizen__phone", "citizen__name")
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


@admin.register(PartnerAPIKey)
class PartnerAPIKeyAdmin(APIKeyModelAdmin):
    list_display = (*APIKeyModelAdmin.list_display, "partner")
    search_fields = (*APIKeyModelAdmin.search_fields, "partner")
