"""Writes of the money trail: freeze requests opened for beneficiaries, the banks' answers, staff actions.

States: sent → acknowledged → on hold (amount held) | moved on (opens a request to the next bank: a new layer) |
not found | rejected (reason). Staff may cancel an open request, send one again, or add a layer by hand.
Callbacks to banks and the victim's notice go out after commit.
"""

import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from complaints.access import require_can_work
from complaints.models import Complaint, Transaction
from fraudsafe.money import format_inr
from fraudsafe.tasking import task_enqueue
from recovery.callbacks import callback_deliveries_create, callback_url_check
from recovery.models import BankPartner, FreezeEvent, FreezeRequest, UnknownHandle
from recovery.resolution import BankDirectory, Beneficiary, beneficiary_from, unknown_handles_flag

logger = logging.getLogger(__name__)

Status = FreezeRequest.Status
OPEN_COMPLAINT = (Complaint.Status.PENDING, Complaint.Status.IN_PROGRESS)


class FreezeConflict(Exception):
    """The request is not in a state that allows this (e.g. answered already): the API answers 409."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def deadlines(sent_at: datetime) -> dict[str, datetime]:
    return {
        "ack_due_at": sent_at + timedelta(minutes=settings.RECOVERY_ACK_MINUTES),
        "answer_due_at": sent_at + timedelta(minutes=settings.RECOVERY_ANSWER_MINUTES),
    }


# --- opening requests -------------------------------------------------------------------------------------------


def freeze_requests_open(
    *,
    complaint_ids: list[int] | None = None,
    transaction_ids: list[int] | None = None,
    by: User | None = None,
    now: datetime | None = None,
) -> list[FreezeRequest]:
    """Opens a first-layer freeze request for every transaction (of open complaints) whose beneficiary resolves to
    a bank and has no live request yet; open requests to a beneficiary the transaction no longer names are
    cancelled (the details were corrected). Idempotent; batched (a few queries whatever the number of complaints).

    Unknown UPI handles and bank codes are flagged for the admins. Returns the new requests.
    """
    now = now or timezone.now()
    try:
        return _open(complaint_ids=complaint_ids, transaction_ids=transaction_ids, by=by, now=now)
    except IntegrityError:  # a concurrent run opened one of them first: read again, open the rest
        return _open(complaint_ids=complaint_ids, transaction_ids=transaction_ids, by=by, now=now)


def _open(*, complaint_ids, transaction_ids, by, now: datetime) -> list[FreezeRequest]:
    transactions = (
        Transaction.objects.filter(complaint__status__in=OPEN_COMPLAINT).select_related("complaint").order_by()
    )
    if complaint_ids is not None:
        transactions = transactions.filter(complaint_id__in=complaint_ids)
    if transaction_ids is not None:
        transactions = transactions.filter(pk__in=transaction_ids)
    transactions = list(transactions)
    live: dict[int, list[FreezeRequest]] = defaultdict(list)
    for request in (
        FreezeRequest.objects.filter(transaction_id__in=[t.pk for t in transactions], parent__isnull=True)
        .exclude(status=Status.CANCELLED)
        .order_by()
    ):
        live[request.transaction_id].append(request)
    directory = BankDirectory.current()
    new, superseded, flags = [], [], []
    for txn in transactions:
        beneficiary = beneficiary_from(txn.beneficiary)
        key = beneficiary.key if beneficiary else ""
        superseded += [r for r in live[txn.pk] if r.identifier_key != key and r.is_open]
        if beneficiary is None or any(r.identifier_key == key for r in live[txn.pk]):
            continue
        bank, flag = directory.resolve(beneficiary)
        if flag:
            flags.append(flag)
        if bank is None:
            continue
        new.append(
            FreezeRequest(
                complaint=txn.complaint,
                transaction=txn,
                layer=1,
                bank=bank,
                identifier_key=key,
                amount=txn.amount,
                occurred_at=txn.occurred_at,
                transaction_ref=txn.transaction_id,
                source_bank=txn.bank,
                source_account=txn.account_number,
                ack_number=txn.complaint.ack_number,
                sent_at=now,
                created_by=by if getattr(by, "pk", None) else None,
                created_at=now,
                **beneficiary.as_fields(),
                **deadlines(now),
            )
        )
    if not (new or superseded or flags):
        return []
    with transaction.atomic():
        for request in superseded:
            _cancel(request, by=by, reason=_("The beneficiary details were corrected."), now=now)
        created = FreezeRequest.objects.bulk_create(new, batch_size=1000) if new else []
        FreezeEvent.objects.bulk_create(
            [FreezeEvent(request=r, kind=FreezeEvent.Kind.CREATED, actor=r.created_by, created_at=now) for r in created]
        )
        if flags:
            unknown_handles_flag(flags)
        _after_commit_push(created, event="freeze_request.created")
    return created


def _after_commit_push(requests: list[FreezeRequest], *, event: str) -> None:
    ids = [r.pk for r in requests]
    if ids:
        transaction.on_commit(lambda: callbacks_queue(request_ids=ids, event=event))


def callbacks_queue(*, request_ids: list[int], event: str) -> int:
    """Creates a callback delivery per request for every bank partner with a callback URL that answers for the
    request's bank, and queues their sending. Returns how many were queued."""
    return callback_deliveries_create(request_ids=request_ids, event=event)


def freeze_requests_open_waiting(*, kind: str, value: str) -> list[FreezeRequest]:
    """A handle or bank code was added to the mapping: opens the requests that were waiting for it (transactions
    of open complaints naming it) and marks the flag resolved."""
    transactions = Transaction.objects.filter(complaint__status__in=OPEN_COMPLAINT)
    if kind == UnknownHandle.Kind.UPI:
        transactions = transactions.filter(beneficiary_kind="upi", beneficiary_upi__iendswith="@" + value)
    elif kind == UnknownHandle.Kind.IFSC:
        transactions = transactions.filter(beneficiary_kind="account", beneficiary_ifsc__istartswith=value)
    else:
        transactions = transactions.filter(beneficiary_kind="wallet", beneficiary_wallet__icontains=value)
    UnknownHandle.objects.filter(kind=kind, value=value, resolved_at__isnull=True).update(resolved_at=timezone.now())
    return freeze_requests_open(transaction_ids=list(transactions.values_list("pk", flat=True)))


# --- the bank's answers -------------------------------------------------------------------------------------------


def _locked(request_id: int, *, partner: BankPartner | None = None) -> FreezeRequest:
    queryset = FreezeRequest.objects.select_for_update().select_related("bank", "complaint")
    if partner is not None:
        queryset = queryset.filter(bank__in=partner.banks.all())
    return queryset.get(pk=request_id)


def freeze_request_acknowledge(
    *, request_id: int, partner: BankPartner, bank_reference: str = "", now: datetime | None = None
) -> FreezeRequest:
    """The bank has seen the request (sent → acknowledged). Acknowledging again changes nothing.

    Raises FreezeRequest.DoesNotExist for a request not addressed to the partner, FreezeConflict when answered.
    """
    now = now or timezone.now()
    with transaction.atomic():
        request = _locked(request_id, partner=partner)
        if request.status == Status.ACKNOWLEDGED:
            return request
        if request.status != Status.SENT:
            raise FreezeConflict(_("This request is already %(status)s.") % {"status": request.get_status_display()})
        request.status, request.acknowledged_at = Status.ACKNOWLEDGED, now
        request.bank_reference = (bank_reference or request.bank_reference)[:64]
        request.save(update_fields=["status", "acknowledged_at", "bank_reference", "updated_at"])
        _event(request, FreezeEvent.Kind.ACKNOWLEDGED, partner=partner, note=bank_reference, now=now)
    return request


@dataclass
class MovedOn:
    """Where a bank reports the money went next (opens the next layer)."""

    beneficiary: Beneficiary
    amount: Decimal
    moved_at: datetime | None = None
    transaction_ref: str = ""


def freeze_request_answer(
    *,
    request_id: int,
    partner: BankPartner | None,
    outcome: str,
    amount_held: Decimal | None = None,
    moved_on: list[MovedOn] | None = None,
    reason: str = "",
    bank_reference: str = "",
    by: User | None = None,
    now: datetime | None = None,
) -> tuple[FreezeRequest, list[FreezeRequest], list[MovedOn]]:
    """The bank's outcome: on hold (amount held; any rest may have moved on), moved on (the next accounts, each
    opening a request to its bank: the next layer), not found, or rejected (reason required).

    An answer to a request still `sent` acknowledges it too. Returns (the request, the new layer's requests,
    moved-on entries whose bank is unknown — flagged, shown on the trail, not sent). Raises ValidationError,
    FreezeConflict (answered already) and FreezeRequest.DoesNotExist (not the partner's request).
    """
    now = now or timezone.now()
    moved_on = moved_on or []
    amount_held = Decimal(amount_held or 0)
    reason = (reason or "").strip()
    if outcome not in FreezeRequest.ANSWERED:
        raise ValidationError({"outcome": _("Choose on_hold, moved_on, not_found or rejected.")})
    with transaction.atomic():
        request = _locked(request_id, partner=partner)
        if not request.is_open:
            raise FreezeConflict(
                _("This request is already %(status)s; its answer cannot change.")
                % {"status": request.get_status_display()}
            )
        _check_answer(request, outcome=outcome, amount_held=amount_held, moved_on=moved_on, reason=reason)
        request.status = outcome
        request.amount_held = amount_held if outcome in (Status.ON_HOLD, Status.MOVED_ON) else Decimal(0)
        request.reason = reason
        request.bank_reference = (bank_reference or request.bank_reference)[:64]
        request.acknowledged_at = request.acknowledged_at or now
        request.answered_at = now
        request.save(
            update_fields=["status", "amount_held", "reason", "bank_reference", "acknowledged_at", "answered_at",
                           "updated_at"]
        )  # fmt: skip
        children, unrouted = _open_layers(request, moved_on, by=by, now=now)
        note = _answer_note(request, children, unrouted)
        _event(request, FreezeEvent.Kind.ANSWERED, partner=partner, actor=by, note=note, now=now)
        _after_commit_push(children, event="freeze_request.created")
        if request.status == Status.ON_HOLD or request.amount_held > 0:
            task_enqueue("recovery.tasks.victim_notify_on_hold_task", request.pk, on_commit=True)
    return request, children, unrouted


def _check_answer(request: FreezeRequest, *, outcome: str, amount_held: Decimal, moved_on, reason: str) -> None:
    errors: dict[str, list[str]] = {}
    if amount_held < 0 or amount_held > request.amount:
        errors["amount_held"] = [
            _("The amount held must be between 0 and the requested %(amount)s.") % {"amount": request.amount}
        ]
    if outcome == Status.ON_HOLD and amount_held <= 0:
        errors["amount_held"] = [_("Give the amount put on hold.")]
    if outcome == Status.MOVED_ON and not moved_on:
        errors["moved_on"] = [_("Give the account(s) the money moved on to.")]
    if outcome in (Status.NOT_FOUND, Status.REJECTED) and (moved_on or amount_held):
        errors["outcome"] = [_("Nothing is held or moved on when the request is not found or rejected.")]
    if outcome == Status.REJECTED and not reason:
        errors["reason"] = [_("Give the reason for rejecting the request.")]
    for entry in moved_on:
        if entry.amount <= 0 or entry.amount > request.amount:
            errors["moved_on"] = [_("Each amount moved on must be more than 0 and at most the requested amount.")]
    if sum((entry.amount for entry in moved_on), Decimal(0)) + amount_held > request.amount:
        errors.setdefault("moved_on", []).append(
            _("The amounts held and moved on add up to more than the requested amount.")
        )
    if errors:
        raise ValidationError(errors)


def _open_layers(parent: FreezeRequest, moved_on: list[MovedOn], *, by, now: datetime):
    if not moved_on:
        return [], []
    directory = BankDirectory.current()
    children, unrouted, flags = [], [], []
    for entry in moved_on:
        bank, flag = directory.resolve(entry.beneficiary)
        if flag:
            flags.append(flag)
        if bank is None:
            unrouted.append(entry)
            continue
        children.append(
            FreezeRequest(
                complaint_id=parent.complaint_id,
                transaction_id=parent.transaction_id,
                parent=parent,
                layer=parent.layer + 1,
                bank=bank,
                identifier_key=entry.beneficiary.key,
                amount=entry.amount,
                occurred_at=entry.moved_at or now,
                transaction_ref=entry.transaction_ref[:64],
                source_bank=parent.bank.name,
                source_account=parent.beneficiary_display[:100],
                ack_number=parent.ack_number,
                sent_at=now,
                created_by=by if getattr(by, "pk", None) else None,
                created_at=now,
                **entry.beneficiary.as_fields(),
                **deadlines(now),
            )
        )
    for child in children:
        child.save(force_insert=True)
    FreezeEvent.objects.bulk_create(
        [FreezeEvent(request=c, kind=FreezeEvent.Kind.CREATED, actor=c.created_by, created_at=now) for c in children]
    )
    if flags:
        unknown_handles_flag(flags)
    return children, unrouted


def _answer_note(request: FreezeRequest, children, unrouted) -> str:
    parts = [str(request.get_status_display())]
    if request.amount_held:
        parts.append(_("₹%(amount)s held") % {"amount": format_inr(request.amount_held)})
    for child in children:
        parts.append(
            _("₹%(amount)s moved on to %(bank)s (layer %(layer)s)")
            % {"amount": format_inr(child.amount), "bank": child.bank.name, "layer": child.layer}
        )
    for entry in unrouted:
        parts.append(
            _("₹%(amount)s moved on to %(to)s: bank unknown, flagged for the admins")
            % {"amount": format_inr(entry.amount), "to": entry.beneficiary.display}
        )
    if request.reason:
        parts.append(request.reason)
    return "; ".join(parts)


def _event(request, kind, *, partner=None, actor=None, note="", now=None) -> None:
    FreezeEvent.objects.create(
        request=request,
        kind=kind,
        actor=actor if getattr(actor, "pk", None) else None,
        partner=str(partner) if partner else "",
        note=note,
        created_at=now or timezone.now(),
    )


# --- staff actions -----------------------------------------------------------------------------------------------


def _require_can_work(request: FreezeRequest, user: User) -> None:
    require_can_work(
        complaint=request.complaint,
        user=user,
        message=_("Only an admin or the complaint's handler can change its freeze requests."),
    )


def freeze_request_resend(*, request_id: int, by: User, now: datetime | None = None) -> FreezeRequest:
    """Sends a request again (still open, or not found / rejected after the details were completed): the
    deadlines start again and bank partners with a callback get it pushed again."""
    now = now or timezone.now()
    with transaction.atomic():
        request = _locked(request_id)
        _require_can_work(request, by)
        if request.status not in (Status.SENT, Status.ACKNOWLEDGED, Status.NOT_FOUND, Status.REJECTED):
            raise FreezeConflict(
                _("A request that is %(status)s cannot be sent again.") % {"status": request.get_status_display()}
            )
        previous = request.get_status_display()
        request.status, request.sent_at = Status.SENT, now
        request.acknowledged_at = request.answered_at = None
        request.ack_escalated_at = request.answer_escalated_at = None
        request.reason = ""
        request.times_sent += 1
        for name, value in deadlines(now).items():
            setattr(request, name, value)
        request.save()
        _event(request, FreezeEvent.Kind.RESENT, actor=by, note=_("was %(status)s") % {"status": previous}, now=now)
        _after_commit_push([request], event="freeze_request.created")
    return request


def freeze_request_cancel(*, request_id: int, by: User, reason: str, now: datetime | None = None) -> FreezeRequest:
    """Withdraws an open request (sent or acknowledged); banks with a callback are told."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give a reason to cancel the request.")})
    with transaction.atomic():
        request = _locked(request_id)
        _require_can_work(request, by)
        if not request.is_open:
            raise FreezeConflict(
                _("A request that is %(status)s cannot be cancelled.") % {"status": request.get_status_display()}
            )
        _cancel(request, by=by, reason=reason, now=now or timezone.now())
    return request


def _cancel(request: FreezeRequest, *, by, reason: str, now: datetime) -> None:
    request.status, request.reason = Status.CANCELLED, reason
    request.save(update_fields=["status", "reason", "updated_at"])
    _event(request, FreezeEvent.Kind.CANCELLED, actor=by, note=reason, now=now)
    _after_commit_push([request], event="freeze_request.cancelled")


def freeze_request_add_layer(
    *,
    parent_id: int,
    by: User,
    values: dict,
    amount: Decimal,
    transaction_ref: str = "",
    moved_at: datetime | None = None,
    now: datetime | None = None,
) -> FreezeRequest:
    """Staff add the next layer by hand (e.g. a bank told them by phone where the money went): a request to the
    bank of that beneficiary, under `parent`. Raises ValidationError when nothing says which bank it is."""
    now = now or timezone.now()
    beneficiary = beneficiary_from(values)
    if beneficiary is None:
        raise ValidationError({"beneficiary_kind": _("Give a UPI ID, an account number with IFSC, or a wallet.")})
    if amount is None or amount <= 0:
        raise ValidationError({"amount": _("Give the amount that moved on.")})
    with transaction.atomic():
        parent = _locked(parent_id)
        _require_can_work(parent, by)
        if amount > parent.amount:
            raise ValidationError({"amount": _("At most the amount of the request it moved on from.")})
        children, unrouted = _open_layers(
            parent,
            [MovedOn(beneficiary=beneficiary, amount=amount, moved_at=moved_at, transaction_ref=transaction_ref)],
            by=by,
            now=now,
        )
        if unrouted:
            raise ValidationError(
                {"beneficiary_kind": _("The bank of %(to)s is not known; it was flagged for the admins.")
                 % {"to": beneficiary.display}}
            )  # fmt: skip
        _after_commit_push(children, event="freeze_request.created")
    return children[0]


def bank_partner_set_callback(*, partner: BankPartner, url: str) -> BankPartner:
    """A bank registers (or removes, with "") its callback URL; the URL must be HTTPS."""
    url = (url or "").strip()
    if url:
        callback_url_check(url)
    partner.callback_url = url
    partner.save(update_fields=["callback_url"])
    return partner
