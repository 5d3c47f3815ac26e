"""Working a complaint: claim, take next, assign, status lifecycle, per-transaction progress.

Every business rule of the staff console lives here; the console pages, the API and the admin call these
services. Each change writes a ComplaintEvent (who, when, from, to, note). Status changes tell the citizen
on WhatsApp once the transaction has committed.
"""

import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from complaints.models import Complaint, ComplaintEvent, Transaction
from fraudsafe.channels import ChannelError, OutboundMessage, get_channel_backend

logger = logging.getLogger(__name__)

Status = Complaint.Status

# Pending → In Progress → Resolved, and Rejected (with a reason) from either open state.
ALLOWED_TRANSITIONS: dict[str, tuple[str, ...]] = {
    Status.PENDING: (Status.IN_PROGRESS, Status.REJECTED),
    Status.IN_PROGRESS: (Status.RESOLVED, Status.REJECTED),
    Status.RESOLVED: (),
    Status.REJECTED: (),
}
OPEN_STATUSES = (Status.PENDING, Status.IN_PROGRESS)


class ComplaintAlreadyClaimed(Exception):
    """Someone else claimed the complaint first (the loser of a claim race is told so)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class NoComplaintWaiting(Exception):
    """`take next` found no unassigned open complaint."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _handler_label(user: User | None) -> str:
    return user.get_username() if user is not None else ""


def _event(*, complaint: Complaint, actor: User | None, kind: str, from_value="", to_value="", note="") -> None:
    ComplaintEvent.objects.create(
        complaint=complaint,
        actor=actor,
        kind=kind,
        from_value=str(from_value or ""),
        to_value=str(to_value or ""),
        note=note or "",
    )


def _require_attender(user: User) -> None:
    if not getattr(user, "is_attender", False) or not user.is_active:
        raise PermissionDenied(_("Only an active attender can claim complaints."))


def _require_can_work(*, complaint: Complaint, user: User) -> None:
    """Admins work every complaint; an attender only the complaints assigned to them."""
    if getattr(user, "is_helpline_admin", False):
        return
    if getattr(user, "is_attender", False) and complaint.handler_id == user.pk:
        return
    raise PermissionDenied(_("Only an admin or the complaint's handler can change it."))


def complaint_claim(*, complaint_id: int, attender: User) -> Complaint:
    """Make `attender` the handler of an unassigned open complaint; of concurrent claims exactly one wins.

    Raises Complaint.DoesNotExist, PermissionDenied (not an attender) or ComplaintAlreadyClaimed.
    """
    _require_attender(attender)
    with transaction.atomic():
        # One conditional UPDATE: the database decides the race, never a read-then-write in Python.
        won = Complaint.objects.filter(pk=complaint_id, handler__isnull=True, status__in=OPEN_STATUSES).update(
            handler=attender, updated_at=timezone.now()
        )
        complaint = Complaint.objects.select_related("handler").get(pk=complaint_id)
        if not won:
            if complaint.handler_id == attender.pk:
                raise ComplaintAlreadyClaimed(
                    _("You already handle complaint %(ack)s.") % {"ack": complaint.ack_number}
                )
            if complaint.handler_id is not None:
                raise ComplaintAlreadyClaimed(
                    _("Complaint %(ack)s was just claimed by someone else.") % {"ack": complaint.ack_number}
                )
            raise ComplaintAlreadyClaimed(
                _("Complaint %(ack)s is closed and cannot be claimed.") % {"ack": complaint.ack_number}
            )
        _event(
            complaint=complaint,
            actor=attender,
            kind=ComplaintEvent.Kind.HANDLER,
            to_value=_handler_label(attender),
            note=_("Claimed"),
        )
    return complaint


def complaint_take_next(*, attender: User) -> Complaint:
    """Claim the oldest unassigned open complaint; if another attender wins it, try the next one.

    Raises NoComplaintWaiting when the unassigned queue is empty.
    """
    _require_attender(attender)
    tried: set[int] = set()
    while True:
        candidates = list(
            Complaint.objects.filter(handler__isnull=True, status__in=OPEN_STATUSES)
            .exclude(pk__in=tried)
            .order_by("created_at", "pk")
            .values_list("pk", flat=True)[:20]
        )
        if not candidates:
            raise NoComplaintWaiting(_("No unassigned complaint is waiting."))
        for complaint_id in candidates:
            try:
                return complaint_claim(complaint_id=complaint_id, attender=attender)
            except (ComplaintAlreadyClaimed, Complaint.DoesNotExist):
                tried.add(complaint_id)  # lost this one to a colleague: move on to the next oldest


def complaint_assign(*, complaint_id: int, handler: User, by: User) -> Complaint:
    """An admin assigns (or reassigns) a complaint to an active attender."""
    if not getattr(by, "is_helpline_admin", False):
        raise PermissionDenied(_("Only an admin can assign complaints."))
    if not handler.is_attender or not handler.is_active:
        raise ValidationError({"handler": _("Complaints can only be assigned to an active attender.")})
    with transaction.atomic():
        complaint = Complaint.objects.select_for_update().get(pk=complaint_id)
        if complaint.handler_id == handler.pk:
            return complaint
        previous = complaint.handler
        complaint.handler = handler
        complaint.save(update_fields=["handler", "updated_at"])
        _event(
            complaint=complaint,
            actor=by,
            kind=ComplaintEvent.Kind.HANDLER,
            from_value=_handler_label(previous),
            to_value=_handler_label(handler),
            note=_("Assigned by an admin"),
        )
    return complaint


def complaint_change_status(*, complaint_id: int, status: str, by: User, note: str = "", reason: str = "") -> Complaint:
    """Move a complaint along Pending → In Progress → Resolved, or to Rejected (a reason is required).

    Raises ValidationError for an illegal transition and PermissionDenied for someone who is neither an admin
    nor the handler. The citizen is told on WhatsApp after commit.
    """
    if status not in Status.values:
        raise ValidationError({"status": _("Unknown status “%(status)s”.") % {"status": status}})
    note, reason = (note or "").strip(), (reason or "").strip()
    with transaction.atomic():
        complaint = Complaint.objects.select_for_update().get(pk=complaint_id)
        _require_can_work(complaint=complaint, user=by)
        current = complaint.status
        if status == current:
            raise ValidationError(
                {"status": _("The complaint is already %(status)s.") % {"status": Status(current).label}}
            )
        if status not in ALLOWED_TRANSITIONS[current]:
            allowed = ", ".join(str(Status(s).label) for s in ALLOWED_TRANSITIONS[current])
            raise ValidationError(
                {
                    "status": _("A complaint cannot go from %(current)s to %(new)s. Allowed next: %(allowed)s.")
                    % {
                        "current": Status(current).label,
                        "new": Status(status).label,
                        "allowed": allowed or _("none (the complaint is closed)"),
                    }
                }
            )
        if status == Status.REJECTED and not reason:
            raise ValidationError({"reason": _("Give a reason to reject a complaint.")})
        complaint.status = status
        fields = ["status", "updated_at"]
        if status == Status.REJECTED:
            complaint.rejection_reason = reason
            fields.append("rejection_reason")
        complaint.save(update_fields=fields)
        _event(
            complaint=complaint,
            actor=by,
            kind=ComplaintEvent.Kind.STATUS,
            from_value=current,
            to_value=status,
            note="\n".join(part for part in (reason and _("Reason: %(reason)s") % {"reason": reason}, note) if part),
        )
        # robust: a provider outage is logged, never turns a committed status change into an error page.
        transaction.on_commit(lambda: complaint_notify_status(complaint_id=complaint.pk), robust=True)
    return complaint


def transaction_set_progress(*, transaction_id: int, progress: str, by: User, note: str = "") -> Transaction:
    """Record how far recovery of one transaction has got (reported to bank, frozen, refunded, …)."""
    if progress not in Transaction.Progress.values:
        raise ValidationError({"progress": _("Unknown progress “%(progress)s”.") % {"progress": progress}})
    with transaction.atomic():
        txn = Transaction.objects.select_for_update().select_related("complaint").get(pk=transaction_id)
        _require_can_work(complaint=txn.complaint, user=by)
        if txn.complaint.status not in OPEN_STATUSES:
            raise ValidationError({"progress": _("The complaint is closed; its transactions can no longer change.")})
        if txn.progress == progress:
            return txn
        previous = txn.progress
        txn.progress = progress
        txn.save(update_fields=["progress"])
        _event(
            complaint=txn.complaint,
            actor=by,
            kind=ComplaintEvent.Kind.TRANSACTION_PROGRESS,
            from_value=previous,
            to_value=progress,
            note=" ".join(
                part for part in (_("Transaction %(position)s.") % {"position": txn.position}, note.strip()) if part
            ),
        )
    return txn


def complaint_status_message(*, complaint: Complaint) -> str:
    """What the citizen reads about their complaint's status (WhatsApp notice and the bot's `status`)."""
    text = _("Your complaint %(ack)s is now: %(status)s.") % {
        "ack": complaint.ack_number,
        "status": Status(complaint.status).label,
    }
    if complaint.status == Status.REJECTED and complaint.rejection_reason:
        text += " " + _("Reason: %(reason)s") % {"reason": complaint.rejection_reason}
    elif complaint.status == Status.RESOLVED:
        text += " " + _("Thank you for reporting. Call %(helpline)s if you need more help.") % {
            "helpline": settings.HELPLINE_NUMBER
        }
    else:
        text += " " + _("A case worker is on it; we will message you when it changes.")
    return text


def complaint_notify_status(*, complaint_id: int) -> None:
    """Send the citizen their complaint's status on WhatsApp, in their language. Never raises on send errors."""
    complaint = Complaint.objects.select_related("citizen").get(pk=complaint_id)
    citizen = complaint.citizen
    language = getattr(citizen, "language", "") or complaint.language or settings.LANGUAGE_CODE
    with translation.override(language):
        body = complaint_status_message(complaint=complaint)
    try:
        get_channel_backend("whatsapp").send(
            OutboundMessage(channel="whatsapp", to=str(citizen.phone), body=body, reference=complaint.ack_number)
        )
    except ChannelError as exc:  # the status change stands; the notice is best effort and logged (masked)
        logger.warning("status notice for complaint %s not sent: %s", complaint.ack_number, exc)
