"""Staff actions on the money trail: re-send, cancel, add a layer by hand; a bank partner's callback URL."""

import logging
from datetime import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from complaints.access import require_can_work
from recovery.callbacks import callback_url_check
from recovery.models import BankPartner, FreezeEvent, FreezeRequest
from recovery.resolution import beneficiary_from
from recovery.services.answers import MovedOn, _open_layers
from recovery.services.common import (
    FreezeConflict,
    Status,
    _after_commit_push,
    _cancel,
    _event,
    _locked,
    deadlines,
)

logger = logging.getLogger(__name__)


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
