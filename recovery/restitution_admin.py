"""Restitution in the Django admin: read-only views of cases, their holds, refund requests and history (staff work
them in the console; the banks answer through the API)."""

from django.contrib import admin

from recovery.models import RefundRequest, RestitutionCase, RestitutionEvent, RestitutionHold


class _ReadOnly:
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class HoldInline(_ReadOnly, admin.TabularInline):
    model = RestitutionHold
    extra = 0
    fields = ["bank", "pool", "claimants", "share", "held_at", "lapses_at", "released_at", "lapsed_at"]


class RefundInline(_ReadOnly, admin.TabularInline):
    model = RefundRequest
    extra = 0
    fields = ["bank", "status", "amount", "refunded", "requested_at", "due_at", "escalated_at", "reason"]


class EventInline(_ReadOnly, admin.TabularInline):
    model = RestitutionEvent
    extra = 0
    fields = ["created_at", "kind", "amount", "utr", "on_date", "partner", "note"]


@admin.register(RestitutionCase)
class RestitutionCaseAdmin(_ReadOnly, admin.ModelAdmin):
    list_display = ["complaint", "status", "route", "claimable", "refunded", "opened_at"]
    list_filter = ["status", "route"]
    search_fields = ["complaint__ack_number", "order_number"]
    inlines = [HoldInline, RefundInline, EventInline]
