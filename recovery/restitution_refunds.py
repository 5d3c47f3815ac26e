"""Getting the money back, step by step: the order (court or Lok Adalat) when the route needs one, the refund requests
to the banks, the banks' answers (refunded with UTR, possibly in parts; declined with a reason; lien released).

Case states: open → requested → partly refunded → refunded; declined (every request declined, nothing back);
lapsed (every hold lifted at its 90-day clock without an order). The victim is told after commit.
"""

from datetime import date, datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from complaints import access
from fraudsafe.tasking import task_enqueue
from recovery.models import BankPartner, RefundRequest, RestitutionCase, RestitutionEvent, RestitutionHold
from recovery.restitution import holds_live

Status = RestitutionCase.Status
Route = RestitutionCase.Route


class RestitutionConflict(Exception):
    """Not allowed in the case's or the request's state (the API answers 409, the console shows the message)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _can_work(case: RestitutionCase, user: User) -> None:
    """The one access policy (complaints.access), with restitution's own words."""
    access.require_can_work(
        complaint=case.complaint,
        user=user,
        message=_("Only an admin or the complaint's handler can work its restitution."),
    )


def _case(case_id: int) -> RestitutionCase:
    return RestitutionCase.objects.select_for_update().select_related("complaint").get(pk=case_id)


def _event(case, kind, *, refund=None, actor=None, partner=None, now=None, **fields) -> RestitutionEvent:
    return RestitutionEvent.objects.create(
        case=case, refund=refund, kind=kind, actor=actor if getattr(actor, "pk", None) else None,
        partner=str(partner) if partner else "", created_at=now or timezone.now(), **fields,
    )  # fmt: skip


def target(case: RestitutionCase) -> Decimal:
    """What is to come back: the claimable amount, and at most the amount ordered when there is an order."""
    if case.order_amount is not None:
        return min(case.claimable, case.order_amount)
    return case.claimable


def order_record(
    *, case_id: int, by: User, kind: str, number: str, on_date: date, amount: Decimal, court: str = "",
    now: datetime | None = None,
) -> RestitutionCase:  # fmt: skip
    """Records the court order (s.503 BNSS) or Lok Adalat award releasing the money: number, date, amount. Needed
    before a refund can be asked on the court route; it stops the holds' lapse clocks."""
    now = now or timezone.now()
    errors = {}
    if kind not in (Route.COURT, Route.LOK_ADALAT):
        errors["kind"] = [_("Choose a court order or a Lok Adalat award.")]
    if not (number or "").strip():
        errors["number"] = [_("Give the order's number.")]
    if on_date is None or on_date > timezone.localdate(now):
        errors["on_date"] = [_("Give the order's date (not in the future).")]
    if amount is None or amount <= 0:
        errors["amount"] = [_("Give the amount the order releases.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        case = _case(case_id)
        _can_work(case, by)
        if case.status in case.CLOSED:
            raise RestitutionConflict(_("This case is closed (%(status)s).") % {"status": case.get_status_display()})
        case.route, case.order_number, case.order_date = kind, number.strip()[:80], on_date
        case.order_amount, case.order_court, case.order_recorded_at = amount, (court or "").strip()[:200], now
        case.save()
        _event(case, RestitutionEvent.Kind.ORDER, actor=by, amount=amount, on_date=on_date, now=now,
               note=f"{case.get_route_display()} {case.order_number} {case.order_court}".strip())  # fmt: skip
    return case


def refunds_request(*, case_id: int, by: User, now: datetime | None = None) -> list[RefundRequest]:
    """Asks each bank holding the victim's money for its share (less what it refunded already), in all at most
    what is still to come back. The court route needs its order recorded first. Banks asked already and still
    answering are skipped. Returns the new requests."""
    now = now or timezone.now()
    with transaction.atomic():
        case = _case(case_id)
        _can_work(case, by)
        if case.status in (Status.REFUNDED, Status.LAPSED):  # declined: staff may ask again (e.g. after a call)
            raise RestitutionConflict(_("This case is closed (%(status)s).") % {"status": case.get_status_display()})
        if case.needs_order and not case.has_order:
            raise RestitutionConflict(
                _("Above ₹%(limit)s a refund needs a court order or Lok Adalat award: record it first.")
                % {"limit": settings.RESTITUTION_ADMIN_LIMIT}
            )
        new = _new_requests(case, by=by, now=now)
        if not new:
            raise RestitutionConflict(_("Nothing is left to ask: every bank is asked already or has refunded."))
        for refund in new:
            _event(case, RestitutionEvent.Kind.REQUESTED, refund=refund, actor=by, amount=refund.amount, now=now,
                   note=refund.bank.name)  # fmt: skip
        settle(case)
        task_enqueue("recovery.tasks.restitution_notify_task", case.pk, "requested", on_commit=True)
    return new


def _new_requests(case: RestitutionCase, *, by, now) -> list[RefundRequest]:
    requests = list(case.refund_requests.all())
    busy = {r.bank_id for r in requests if r.is_open}
    left = target(case) - case.refunded - sum((r.amount - r.refunded for r in requests if r.is_open), Decimal(0))
    per_bank: dict[int, Decimal] = {}
    banks = {}
    for hold in holds_live(case).select_related("bank", "freeze_request"):
        per_bank[hold.bank_id] = per_bank.get(hold.bank_id, Decimal(0)) + hold.share
        banks[hold.bank_id] = hold
    for request in requests:
        per_bank[request.bank_id] = per_bank.get(request.bank_id, Decimal(0)) - request.refunded
    new = []
    for bank_id, owed in sorted(per_bank.items()):
        amount = min(owed, left)
        if bank_id in busy or bank_id not in banks or amount <= 0:
            continue
        source = banks[bank_id].freeze_request
        refund = RefundRequest.objects.create(
            case=case, bank_id=bank_id, amount=amount, to_account=source.source_account[:100],
            to_bank=source.source_bank[:100], requested_by=by if getattr(by, "pk", None) else None,
            requested_at=now, due_at=now + timedelta(days=settings.RESTITUTION_REFUND_DUE_DAYS),
        )  # fmt: skip
        left -= amount
        new.append(refund)
    return new


def settle(case: RestitutionCase) -> RestitutionCase:
    """The case's refunded total and state, from its requests and holds."""
    requests = list(case.refund_requests.all())
    case.refunded = sum((r.refunded for r in requests), Decimal(0))
    goal = target(case)
    if goal > 0 and case.refunded >= goal:
        case.status = Status.REFUNDED
    elif case.refunded > 0:
        case.status = Status.PARTLY_REFUNDED
    elif any(r.is_open for r in requests):
        case.status = Status.REQUESTED
    elif requests:
        case.status = Status.DECLINED
    elif not case.holds.filter(lapsed_at__isnull=True).exists():
        case.status = Status.LAPSED
    else:
        case.status = Status.OPEN
    case.closed_at = case.closed_at or timezone.now() if case.status in case.CLOSED else None
    case.save(update_fields=["refunded", "status", "closed_at", "updated_at"])
    return case


# --- the bank's answers ------------------------------------------------------------------------------------------


def _refund(refund_id: int, partner: BankPartner) -> RefundRequest:
    return (
        RefundRequest.objects.select_for_update()
        .select_related("case__complaint", "bank")
        .filter(bank__in=partner.banks.all())
        .get(pk=refund_id)
    )


def refund_confirm(
    *, refund_id: int, partner: BankPartner, amount: Decimal, utr: str, on_date: date, now: datetime | None = None
) -> RefundRequest:
    """The bank sent (part of) the money: amount, UTR, date. The same UTR again changes nothing; more than is
    still asked is refused. Raises RefundRequest.DoesNotExist (not the partner's), ValidationError, conflict."""
    now = now or timezone.now()
    utr = (utr or "").strip()
    if not utr:
        raise ValidationError({"utr": [_("Give the UTR of the refund.")]})
    if on_date is None or on_date > timezone.localdate(now):
        raise ValidationError({"on_date": [_("Give the date the refund was sent (not in the future).")]})
    with transaction.atomic():
        refund = _refund(refund_id, partner)
        if refund.events.filter(kind=RestitutionEvent.Kind.REFUNDED, utr=utr).exists():
            return refund
        if not refund.is_open:
            raise RestitutionConflict(_("This refund request is %(s)s already.") % {"s": refund.get_status_display()})
        if amount is None or amount <= 0 or amount > refund.amount - refund.refunded:
            raise ValidationError(
                {"amount": [_("The amount must be more than 0 and at most the ₹%(left)s still asked.")
                            % {"left": refund.amount - refund.refunded}]}
            )  # fmt: skip
        refund.refunded += amount
        full = refund.refunded == refund.amount
        refund.status = RefundRequest.Status.REFUNDED if full else RefundRequest.Status.PARTLY_REFUNDED
        refund.answered_at = now
        refund.save(update_fields=["refunded", "status", "answered_at"])
        event = _event(refund.case, RestitutionEvent.Kind.REFUNDED, refund=refund, partner=partner, amount=amount,
                       utr=utr[:64], on_date=on_date, now=now, note=refund.bank.name)  # fmt: skip
        settle(refund.case)
        task_enqueue("recovery.tasks.restitution_notify_task", refund.case_id, "refunded", event.pk, on_commit=True)
    return refund


def refund_decline(*, refund_id: int, partner: BankPartner, reason: str, now: datetime | None = None):
    """The bank will not refund (the rest): reason required."""
    now = now or timezone.now()
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Give the reason for declining the refund.")]})
    with transaction.atomic():
        refund = _refund(refund_id, partner)
        if not refund.is_open:
            raise RestitutionConflict(_("This refund request is %(s)s already.") % {"s": refund.get_status_display()})
        refund.status, refund.reason, refund.answered_at = RefundRequest.Status.DECLINED, reason, now
        refund.save(update_fields=["status", "reason", "answered_at"])
        _event(refund.case, RestitutionEvent.Kind.DECLINED, refund=refund, partner=partner, note=reason, now=now)
        settle(refund.case)
    return refund


def hold_release(*, freeze_request_id: int, partner: BankPartner, order_number: str, now: datetime | None = None):
    """The bank lifted the lien on the order recorded on the case (the order's number must match)."""
    now = now or timezone.now()
    with transaction.atomic():
        hold = (
            RestitutionHold.objects.select_for_update()
            .select_related("case")
            .filter(bank__in=partner.banks.all())
            .get(freeze_request_id=freeze_request_id)
        )
        case = hold.case
        if not case.has_order:
            raise RestitutionConflict(_("No order is recorded on this case: the lien stays until there is one."))
        if (order_number or "").strip().lower() != case.order_number.lower():
            raise ValidationError({"order_number": [_("This is not the order recorded on the case.")]})
        if hold.released_at is None:
            hold.released_at = now
            hold.save(update_fields=["released_at"])
            _event(case, RestitutionEvent.Kind.RELEASED, partner=partner, amount=hold.share, now=now,
                   note=f"{hold.bank.name} {case.order_number}")  # fmt: skip
    return hold
