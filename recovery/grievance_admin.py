"""Hold grievances (the wrongly frozen) in the Django admin: the list, with the weaker-evidence flag and due time,
and the decision actions (lift, reduce by the amount given, reject with the reason given in the action bar). Thin:
each action calls recovery.grievances.grievance_decide, audited; staff usually decide on the console card."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.audit import audit_request
from accounts.models import AuditEntry
from recovery.grievances import LIFT, REDUCE, REJECT, GrievanceConflict, grievance_decide
from recovery.models import HoldGrievance


class DecisionActionForm(ActionForm):
    reason = forms.CharField(label=gettext_lazy("reason for the decision"), required=False)
    release_amount = forms.DecimalField(label=gettext_lazy("amount to release"), required=False, max_digits=14,
                                        decimal_places=2)  # fmt: skip


def _decide(modeladmin, request, queryset, decision: str) -> None:
    done = 0
    for grievance in queryset:
        try:
            grievance_decide(grievance_id=grievance.pk, by=request.user, decision=decision,
                             reason=request.POST.get("reason", ""),
                             release_amount=request.POST.get("release_amount") or None)  # fmt: skip
        except (ValidationError, GrievanceConflict, PermissionDenied) as exc:
            text = " ".join(exc.messages) if isinstance(exc, ValidationError) else getattr(exc, "message", str(exc))
            modeladmin.message_user(request, f"#{grievance.pk}: {text}", level=messages.ERROR)
        else:
            audit_request(request, action=AuditEntry.Action.GRIEVANCE_DECIDE, objects={"hold_grievance": grievance.pk})
            done += 1
    if done:
        modeladmin.message_user(request, _("%(n)s grievance(s) decided; the bank is told.") % {"n": done})


@admin.register(HoldGrievance)
class HoldGrievanceAdmin(admin.ModelAdmin):
    list_display = ["id", "holder_name", "bank", "freeze_request", "status", "outcome", "amount_held",
                    "release_amount", "weaker_evidence", "channel", "received_at", "due_at"]  # fmt: skip
    list_filter = ["status", "outcome", "weaker_evidence", "channel", "bank"]
    search_fields = ["holder_name", "holder_contact", "freeze_request__ack_number"]
    action_form = DecisionActionForm
    actions = ["uphold_lift", "uphold_reduce", "reject"]
    readonly_fields = [f.name for f in HoldGrievance._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.action(description=gettext_lazy("Uphold: lift the hold (give the reason)"))
    def uphold_lift(self, request, queryset):
        _decide(self, request, queryset, LIFT)

    @admin.action(description=gettext_lazy("Uphold: reduce the hold (give the amount to release and the reason)"))
    def uphold_reduce(self, request, queryset):
        _decide(self, request, queryset, REDUCE)

    @admin.action(description=gettext_lazy("Reject (give the reason)"))
    def reject(self, request, queryset):
        _decide(self, request, queryset, REJECT)
