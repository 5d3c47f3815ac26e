"""Admin: the bank / UPI-handle mapping (adding a handle opens the requests waiting for it), flagged unknown
handles, bank partners (key → bank codes, callback URL), freeze requests with their history, the callback log."""

from django.contrib import admin, messages
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from recovery import grievance_admin, restitution_admin  # noqa: F401 - registers the restitution models
from recovery.models import Bank, BankPartner, CallbackDelivery, FreezeEvent, FreezeRequest, UnknownHandle, UpiHandle
from recovery.services import freeze_requests_open_waiting


class HelplineAdminOnly:
    """The helpline admin role grants these pages (not per-model permission rows)."""

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_helpline_admin

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_helpline_admin


class UpiHandleInline(admin.TabularInline):
    model = UpiHandle
    extra = 0
    fields = ("handle", "app")


def _open_waiting(modeladmin, request, kind: str, value: str) -> None:
    opened = freeze_requests_open_waiting(kind=kind, value=value)
    if opened:
        modeladmin.message_user(
            request,
            _("%(count)d freeze request(s) waiting for %(value)s were sent.") % {"count": len(opened), "value": value},
            messages.SUCCESS,
        )


@admin.register(Bank)
class BankAdmin(HelplineAdminOnly, admin.ModelAdmin):
    list_display = ("code", "name", "kind", "handles", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("code", "name", "aliases", "upi_handles__handle")
    ordering = ("name",)
    inlines = (UpiHandleInline,)

    @admin.display(description=gettext_lazy("UPI handles"))
    def handles(self, obj):
        return ", ".join("@" + h.handle for h in obj.upi_handles.all()[:8])

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        _open_waiting(self, request, UnknownHandle.Kind.IFSC, obj.code)

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        for handle in formset.new_objects + [changed for changed, _fields in formset.changed_objects]:
            _open_waiting(self, request, UnknownHandle.Kind.UPI, handle.handle)


@admin.register(UpiHandle)
class UpiHandleAdmin(HelplineAdminOnly, admin.ModelAdmin):
    list_display = ("handle", "bank", "app")
    search_fields = ("handle", "bank__name", "bank__code", "app")
    autocomplete_fields = ("bank",)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        _open_waiting(self, request, UnknownHandle.Kind.UPI, obj.handle)


@admin.register(UnknownHandle)
class UnknownHandleAdmin(HelplineAdminOnly, admin.ModelAdmin):
    list_display = ("value", "kind", "times_seen", "first_seen", "last_seen", "resolved_at")
    list_filter = ("kind", ("resolved_at", admin.EmptyFieldListFilter))
    search_fields = ("value",)
    readonly_fields = ("kind", "value", "times_seen", "first_seen", "last_seen", "resolved_at")

    def has_add_permission(self, request):
        return False


@admin.register(BankPartner)
class BankPartnerAdmin(HelplineAdminOnly, admin.ModelAdmin):
    list_display = ("__str__", "codes", "can_manage_freezes", "callback_url")
    filter_horizontal = ("banks",)
    readonly_fields = ("callback_secret", "created_at")
    fields = ("key", "banks", "can_manage_freezes", "callback_url", "callback_secret", "created_at")

    @admin.display(description=gettext_lazy("bank codes"))
    def codes(self, obj):
        return ", ".join(sorted(b.code for b in obj.banks.all()))


class FreezeEventInline(admin.TabularInline):
    model = FreezeEvent
    extra = 0
    can_delete = False
    fields = ("created_at", "kind", "actor", "partner", "note")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(FreezeRequest)
class FreezeRequestAdmin(HelplineAdminOnly, admin.ModelAdmin):
    """Read-only here: banks answer through the API, staff act from the complaint page."""

    list_display = ("ack_number", "layer", "bank", "status", "amount", "amount_held", "sent_at", "answer_due_at")
    list_filter = ("status", "bank", "layer")
    search_fields = ("ack_number", "beneficiary_upi", "beneficiary_account", "transaction_ref", "bank__code")
    list_select_related = ("bank",)
    date_hierarchy = "sent_at"
    inlines = (FreezeEventInline,)
    exclude = ("identifier_key",)

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields if f.name != "identifier_key"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CallbackDelivery)
class CallbackDeliveryAdmin(HelplineAdminOnly, admin.ModelAdmin):
    """The delivery log: every push to a bank's callback URL and each attempt's outcome."""

    list_display = ("created_at", "partner", "event", "request_link", "status", "attempts", "last_status_code")
    list_filter = ("status", "event", "partner")
    list_select_related = ("partner__key", "request")
    readonly_fields = (
        "partner", "request", "event", "url", "payload", "status", "attempts", "last_status_code", "last_error",
        "log", "created_at", "delivered_at",
    )  # fmt: skip

    @admin.display(description=gettext_lazy("freeze request"))
    def request_link(self, obj):
        return format_html("#{} ({})", obj.request_id, obj.request.ack_number)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
