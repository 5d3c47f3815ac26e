"""The bank's answers: acknowledged, on hold, moved on (a new layer), not found, rejected."""

import logging
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from fraudsafe.money import format_inr
from fraudsafe.tasking import task_enqueue
from recovery.models import BankPartner, FreezeEvent, FreezeRequest
from recovery.resolution import BankDirectory, Beneficiary, unknown_handles_flag
from recovery.services.common import (
    FreezeConflict,
    Status,
    _after_commit_push,
    _event,
    _locked,
    deadlines,
)

logger = logging.getLogger(__name__)


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
