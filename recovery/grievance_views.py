"""The wrongly frozen on the console: the grievances part of the complaint page's "Getting the money back" card
(each hold's evidence, with the weaker-evidence flag; the grievances, their due time and decisions), and the staff
actions: record a grievance, decide it (an uphold that releases money is previewed and confirmed first). Thin
views, one service each, each audited; the complaint must be one the user works (admins, the handler), else 404.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.audit import audit_request
from accounts.models import AuditEntry
from complaints.access import complaints_workable_by, staff_page
from complaints.models import Complaint
from fraudsafe.money import format_inr
from recovery.grievances import (
    DECISIONS,
    LIFT,
    REJECT,
    GrievanceConflict,
    decision_preview,
    grievance_decide,
    grievance_record,
    grievances_of_complaint,
    holds_evidence,
)
from recovery.models import FreezeRequest, HoldGrievance
from recovery.restitution import HELD


class GrievanceForm(forms.Form):
    freeze_request = forms.TypedChoiceField(label=gettext_lazy("hold"), coerce=int)
    holder_name = forms.CharField(label=gettext_lazy("account holder's name"), max_length=150)
    holder_contact = forms.CharField(label=gettext_lazy("account holder's phone or email"), max_length=150)
    statement = forms.CharField(label=gettext_lazy("statement"), widget=forms.Textarea(attrs={"rows": 3}))
    evidence = forms.CharField(label=gettext_lazy("evidence given"), required=False,
                               widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip
    documents = forms.CharField(label=gettext_lazy("documents"), required=False,
                                help_text=gettext_lazy("One a line, e.g. salary slip."),
                                widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip

    def __init__(self, *args, holds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["freeze_request"].choices = [
            (h.pk, f"{h.bank.name}: {h.beneficiary_display} (₹{format_inr(h.amount_held)})") for h in holds
        ]


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("decision"),
        choices=[("lift", gettext_lazy("Uphold: lift the hold")),
                 ("reduce", gettext_lazy("Uphold: reduce to the disputed amount")),
                 ("reject", gettext_lazy("Reject"))],
    )  # fmt: skip
    release_amount = forms.DecimalField(label=gettext_lazy("amount to release"), max_digits=14, decimal_places=2,
                                        required=False, min_value=0)  # fmt: skip
    reason = forms.CharField(label=gettext_lazy("reason for the decision"), widget=forms.Textarea(attrs={"rows": 2}))


def _held(complaint: Complaint) -> list[FreezeRequest]:
    return list(
        complaint.freeze_requests.filter(status__in=HELD, amount_held__gt=0).select_related("bank").order_by("pk")
    )


def grievance_section(request, complaint: Complaint, holds, *, can_work: bool) -> str:
    """The grievances part of the restitution card; sets `hold.evidence` on the card's holds."""
    requests = [h.freeze_request for h in holds]
    evidence = holds_evidence(requests)
    for hold in holds:
        hold.evidence = evidence.get(hold.freeze_request_id)
    grievances = grievances_of_complaint(complaint_id=complaint.pk)
    held = _held(complaint) if can_work else []
    return render_to_string(
        "recovery/grievance_section.html",
        {"complaint": complaint, "grievances": grievances, "can_work": can_work, "held": held,
         "form": GrievanceForm(holds=held, prefix="grievance"), "decision_form": DecisionForm(prefix="decide")},
        request=request,
    )  # fmt: skip


def _complaint(request, pk: int) -> Complaint:
    return get_object_or_404(complaints_workable_by(user=request.user), pk=pk)


def _back(pk: int):
    return redirect(reverse("console-complaint", args=[pk]) + "#grievances")


def _error(request, exc) -> None:
    text = " ".join(exc.messages) if isinstance(exc, ValidationError) else getattr(exc, "message", str(exc))
    messages.error(request, text or _("Not allowed."))


@require_POST
@staff_page
def record_grievance(request, pk: int):
    complaint = _complaint(request, pk)
    form = GrievanceForm(request.POST, holds=_held(complaint), prefix="grievance")
    if not form.is_valid():
        messages.error(request, _("Check the grievance: the hold, who, and their statement are needed."))
        return _back(pk)
    data = form.cleaned_data
    try:
        grievance = grievance_record(freeze_request_id=data.pop("freeze_request"), by=request.user, **data)
    except (ValidationError, GrievanceConflict, PermissionDenied, FreezeRequest.DoesNotExist) as exc:
        _error(request, exc)
    else:
        audit_request(request, action=AuditEntry.Action.GRIEVANCE_RECORD,
                      objects={"complaint": pk, "hold_grievance": grievance.pk})  # fmt: skip
        messages.success(request, _("The grievance was recorded."))
    return _back(pk)


@require_POST
@staff_page
def decide_grievance(request, pk: int, grievance_pk: int):
    """A decision; an uphold is shown first (what is released, what stays held) and done once confirmed."""
    complaint = _complaint(request, pk)
    grievance = get_object_or_404(
        HoldGrievance.objects.select_related("freeze_request__bank", "bank"), pk=grievance_pk,
        freeze_request__complaint=complaint,
    )  # fmt: skip
    form = DecisionForm(request.POST, prefix="decide")
    if not form.is_valid() or form.cleaned_data["decision"] not in DECISIONS:
        messages.error(request, _("Check the decision: choose one and give the reason."))
        return _back(pk)
    data = form.cleaned_data
    if data["decision"] != REJECT and request.POST.get("confirmed") != "yes":
        try:
            preview = decision_preview(grievance, decision=data["decision"], release_amount=data["release_amount"])
        except (ValidationError, GrievanceConflict) as exc:
            _error(request, exc)
            return _back(pk)
        return render(request, "recovery/grievance_confirm.html", {
            "complaint": complaint, "grievance": grievance, "hold": preview.hold, "form": form, "data": data,
            "released": preview.released, "held": preview.held, "left": preview.left, "others": preview.others,
            "lift": data["decision"] == LIFT,
        })  # fmt: skip
    try:
        grievance_decide(grievance_id=grievance.pk, by=request.user, decision=data["decision"],
                         reason=data["reason"], release_amount=data["release_amount"])  # fmt: skip
    except (ValidationError, GrievanceConflict, PermissionDenied) as exc:
        _error(request, exc)
    else:
        audit_request(request, action=AuditEntry.Action.GRIEVANCE_DECIDE,
                      objects={"complaint": pk, "hold_grievance": grievance.pk})  # fmt: skip
        messages.success(request, _("The grievance was decided; the bank is told."))
    return _back(pk)
