"""The money trail in the staff console: the complaint page's panel (a tree of freeze requests), the attender's
actions on it (re-send, cancel, add a layer by hand) and the money-trail page (dashboard and overdue requests).
Thin views, one service each; the complaint must be one the user works (admins, the handler), else 404.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from complaints import validators
from complaints.access import can_work as may_work
from complaints.access import complaints_workable_by, shown, staff_page
from complaints.models import Complaint
from recovery import selectors
from recovery.forms import AddLayerForm, CancelForm
from recovery.grievances import holds_evidence
from recovery.models import FreezeRequest
from recovery.services import FreezeConflict, freeze_request_add_layer, freeze_request_cancel, freeze_request_resend

OPEN_COMPLAINT = (Complaint.Status.PENDING, Complaint.Status.IN_PROGRESS)
RESENDABLE = (
    FreezeRequest.Status.SENT,
    FreezeRequest.Status.ACKNOWLEDGED,
    FreezeRequest.Status.NOT_FOUND,
    FreezeRequest.Status.REJECTED,
)


def _beneficiary_shown(freeze: FreezeRequest, *, user, complaint: Complaint) -> list[tuple[str, str]]:
    """(label, value) of where the money went, in full for admins and the handler, masked for anyone else
    (complaints.access decides); an account is labelled account number and IFSC."""
    if freeze.beneficiary_kind == "upi":
        return [(_("UPI ID"), shown(freeze.beneficiary_upi, kind="email", viewer=user, complaint=complaint))]
    if freeze.beneficiary_kind == "account":
        parts = [(_("Account"), shown(freeze.beneficiary_account, kind="account", viewer=user, complaint=complaint))]
        return parts + ([(_("IFSC"), freeze.beneficiary_ifsc)] if freeze.beneficiary_ifsc else [])
    return [(_("Wallet"), shown(freeze.beneficiary_wallet, kind="text", viewer=user, complaint=complaint))]


def _decorate(nodes, *, user, complaint: Complaint, notes: dict[int, str], evidence: dict) -> None:
    for node in nodes:
        node.request.shown_beneficiary = _beneficiary_shown(node.request, user=user, complaint=complaint)
        node.request.answer_note = notes.get(node.request.pk, "")
        node.request.evidence = evidence.get(node.request.pk)
        _decorate(node.children, user=user, complaint=complaint, notes=notes, evidence=evidence)


def _requests(nodes):
    for node in nodes:
        yield node.request
        yield from _requests(node.children)


def money_trail_panel(request, complaint: Complaint, *, can_work: bool) -> str:
    """The complaint page's "Money trail" card (registered with complaints.console.panels)."""
    full = may_work(request.user, complaint)
    trails = selectors.money_trail(complaint=complaint)
    notes = selectors.answer_notes(complaint=complaint) if full else {}
    evidence = holds_evidence([r for trail in trails for r in _requests(trail.roots)])  # the weaker-evidence flag
    for trail in trails:
        _decorate(trail.roots, user=request.user, complaint=complaint, notes=notes, evidence=evidence)
    return render_to_string(
        "recovery/money_trail_panel.html",
        {
            "complaint": complaint,
            "trails": trails,
            "can_act": can_work and complaint.status in OPEN_COMPLAINT,
            "resendable": RESENDABLE,
            "open_statuses": FreezeRequest.OPEN,
            "add_layer_form": AddLayerForm(),
            "now": timezone.now(),
        },
        request=request,
    )


def _request_of(request, pk: int, request_pk: int) -> FreezeRequest:
    complaint = get_object_or_404(complaints_workable_by(user=request.user), pk=pk)
    return get_object_or_404(FreezeRequest, pk=request_pk, complaint=complaint)


def _back(pk: int):
    return redirect(reverse("console-complaint", args=[pk]) + "#money-trail")


def _report(request, action, success: str) -> None:
    try:
        action()
    except (ValidationError, FreezeConflict, PermissionDenied) as exc:
        text = " ".join(exc.messages) if isinstance(exc, ValidationError) else getattr(exc, "message", str(exc))
        messages.error(request, text or _("Not allowed."))
    else:
        messages.success(request, success)


@require_POST
@staff_page
def resend(request, pk: int, request_pk: int):
    freeze = _request_of(request, pk, request_pk)
    _report(
        request,
        lambda: freeze_request_resend(request_id=freeze.pk, by=request.user),
        _("The freeze request to %(bank)s was sent again.") % {"bank": freeze.bank.name},
    )
    return _back(pk)


@require_POST
@staff_page
def cancel(request, pk: int, request_pk: int):
    freeze = _request_of(request, pk, request_pk)
    form = CancelForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a reason to cancel the request."))
        return _back(pk)
    _report(
        request,
        lambda: freeze_request_cancel(request_id=freeze.pk, by=request.user, reason=form.cleaned_data["reason"]),
        _("The freeze request to %(bank)s was cancelled.") % {"bank": freeze.bank.name},
    )
    return _back(pk)


@require_POST
@staff_page
def add_layer(request, pk: int, request_pk: int):
    freeze = _request_of(request, pk, request_pk)
    form = AddLayerForm(request.POST, prefix=f"r{freeze.pk}")
    if not form.is_valid():
        messages.error(request, _("Check the details of where the money moved on to."))
        return _back(pk)
    values = form.beneficiary_values()

    def act():
        cleaned = dict(values)
        if cleaned["beneficiary_upi"]:
            cleaned["beneficiary_upi"] = validators.validate_upi_id(cleaned["beneficiary_upi"])
        if cleaned["beneficiary_account"]:
            cleaned["beneficiary_account"] = validators.validate_beneficiary_account(cleaned["beneficiary_account"])
            cleaned["beneficiary_ifsc"] = validators.validate_ifsc(cleaned["beneficiary_ifsc"])
        if cleaned["beneficiary_wallet"]:
            cleaned["beneficiary_wallet"] = validators.validate_wallet(cleaned["beneficiary_wallet"])
        freeze_request_add_layer(
            parent_id=freeze.pk,
            by=request.user,
            values=cleaned,
            amount=form.cleaned_data["amount"],
            transaction_ref=form.cleaned_data["transaction_ref"],
        )

    _report(request, act, _("A request for the next layer was sent."))
    return _back(pk)


@require_GET
@staff_page
def money_trail_page(request):
    """Amount reported vs held, each bank's median acknowledgement and answer times, and overdue requests."""
    try:
        days = max(1, min(int(request.GET.get("days", 90)), 3650))
    except ValueError:
        days = 90
    return render(
        request,
        "recovery/money_trail_page.html",
        {
            "stats": selectors.dashboard(days=days),
            "overdue": selectors.overdue_requests(user=request.user)[:200],
            "now": timezone.now(),
        },
    )
