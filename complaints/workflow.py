"""Working a complaint: claim, take next, assign, hand over, unassign, notes, status lifecycle (reopen included),
per-transaction progress.

Every business rule of the staff console lives here; the console pages, the API and the admin call these
services. Each change writes a ComplaintEvent (who, when, from, to, note). Status changes and transaction
progress become case updates for the victim (complaints.notices → alerts), sent by a worker after commit.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.models import User
from complaints.access import is_active_admin, is_active_attender, require_attender, require_can_work
from complaints.models import REASON_NOTE, TRANSACTION_NOTE, Complaint, ComplaintEvent, Transaction
from complaints.notices import complaint_status_notice, transaction_progress_notice
from complaints.priority import PRIORITY_ORDER, with_priority
from complaints.selectors import with_totals

Status = Complaint.Status

# Pending → In Progress → Resolved, and Rejected (with a reason) from either open state.
ALLOWED_TRANSITIONS: dict[str, tuple[str, ...]] = {
    Status.PENDING: (Status.IN_PROGRESS, Status.REJECTED),
    Status.IN_PROGRESS: (Status.RESOLVED, Status.REJECTED),
    Status.RESOLVED: (),
    Status.REJECTED: (),
}
OPEN_STATUSES = (Status.PENDING, Status.IN_PROGRESS)
CLOSED_STATUSES = (Status.RESOLVED, Status.REJECTED)


class ComplaintAlreadyClaimed(Exception):
    """Someone else claimed the complaint first (the loser of a claim race is told so, and by whom)."""

    def __init__(self, message: str, *, handler: str = ""):
        super().__init__(message)
        self.message = message
        self.handler = handler


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


def complaint_claim(*, complaint_id: int, attender: User) -> Complaint:
    """Make `attender` the handler of an unassigned open complaint; of concurrent claims exactly one wins.

    Raises Complaint.DoesNotExist, PermissionDenied (not an attender) or ComplaintAlreadyClaimed.
    """
    require_attender(attender)
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
                handler = _handler_label(complaint.handler)
                raise ComplaintAlreadyClaimed(
                    _("%(ack)s was just claimed by %(handler)s.") % {"ack": complaint.ack_number, "handler": handler},
                    handler=handler,
                )
            raise ComplaintAlreadyClaimed(
                _("Complaint %(ack)s is closed and cannot be claimed.") % {"ack": complaint.ack_number}
            )
        _event(
            complaint=complaint,
            actor=attender,
            kind=ComplaintEvent.Kind.HANDLER,
            to_value=_handler_label(attender),
            note=gettext_noop("Claimed"),  # stored as the event, read in the reader's language (note_display)
        )
    return complaint


def complaint_take_next(*, attender: User) -> Complaint:
    """Claim the unassigned open complaint of highest priority (ties: the oldest); if a colleague wins it, try the
    next one. The complaint returned carries `lost_races`: a message for each one a colleague claimed first.

    Raises NoComplaintWaiting when the unassigned queue is empty (its message names any race lost on the way).
    """
    require_attender(attender)
    tried: set[int] = set()
    lost: list[str] = []
    while True:
        waiting = with_totals(Complaint.objects.filter(handler__isnull=True, status__in=OPEN_STATUSES))
        candidates = list(
            with_priority(waiting.exclude(pk__in=tried)).order_by(*PRIORITY_ORDER).values_list("pk", flat=True)[:20]
        )
        if not candidates:
            raise NoComplaintWaiting(" ".join([*lost, _("No unassigned complaint is waiting.")]))
        for complaint_id in candidates:
            try:
                complaint = complaint_claim(complaint_id=complaint_id, attender=attender)
            except ComplaintAlreadyClaimed as exc:
                tried.add(complaint_id)  # lost this one to a colleague: move on to the next in priority
                if exc.handler:
                    lost.append(exc.message)
            except Complaint.DoesNotExist:
                tried.add(complaint_id)
            else:
                complaint.lost_races = lost
                return complaint


def complaint_assign(*, complaint_id: int, handler: User, by: User) -> Complaint:
    """An admin assigns (or reassigns) a complaint to an active attender."""
    if not is_active_admin(by):
        raise PermissionDenied(_("Only an admin can assign complaints."))
    if not is_active_attender(handler):
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
            note=gettext_noop("Assigned by an admin"),
        )
    return complaint


def complaint_change_status(*, complaint_id: int, status: str, by: User, note: str = "", reason: str = "") -> Complaint:
    """Move a complaint along Pending → In Progress → Resolved, or to Rejected (a reason is required).

    Raises ValidationError for an illegal transition and PermissionDenied for someone who is neither an admin
    nor the handler. The citizen gets a case update (sent by a worker after commit).
    """
    if status not in Status.values:
        raise ValidationError({"status": _("Unknown status “%(status)s”.") % {"status": status}})
    note, reason = (note or "").strip(), (reason or "").strip()
    with transaction.atomic():
        complaint = Complaint.objects.select_for_update().select_related("citizen").get(pk=complaint_id)
        require_can_work(complaint=complaint, user=by)
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
            note="\n".join(part for part in (reason and REASON_NOTE % {"reason": reason}, note) if part),
        )
        complaint_status_notice(complaint=complaint)  # a case update, sent by a worker after commit
    return complaint


def transaction_set_progress(*, transaction_id: int, progress: str, by: User, note: str = "") -> Transaction:
    """Record how far recovery of one transaction has got (reported to bank, frozen, refunded, …)."""
    if progress not in Transaction.Progress.values:
        raise ValidationError({"progress": _("Unknown progress “%(progress)s”.") % {"progress": progress}})
    with transaction.atomic():
        txn = (
            Transaction.objects.select_for_update(of=("self",))
            .select_related("complaint__citizen")
            .get(pk=transaction_id)
        )
        require_can_work(complaint=txn.complaint, user=by)
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
            note=" ".join(part for part in (TRANSACTION_NOTE % {"position": txn.position}, note.strip()) if part),
        )
        transaction_progress_notice(txn=txn)  # a case update when it is news to the victim
    return txn


# --- notes, hand-over, unassign, reopen ------------------------------------------------------------------------


def complaint_note_add(*, complaint_id: int, by: User, note: str) -> ComplaintEvent:
    """A note in the complaint's history, at any time and in any status, by an admin or the handler."""
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Write the note first.")})
    with transaction.atomic():
        complaint = Complaint.objects.select_for_update().get(pk=complaint_id)
        require_can_work(complaint=complaint, user=by)
        Complaint.objects.filter(pk=complaint.pk).update(updated_at=timezone.now())
        return ComplaintEvent.objects.create(complaint=complaint, actor=by, kind=ComplaintEvent.Kind.NOTE, note=note)


def complaint_hand_over(*, complaint_id: int, to: User, by: User, note: str) -> Complaint:
    """The handler (or an admin) hands an open complaint to another active attender, with a note for them."""
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Leave a note for the colleague who takes over.")})
    if not is_active_attender(to):
        raise ValidationError({"to": _("Complaints can only be handed over to an active attender.")})
    with transaction.atomic():
        complaint = Complaint.objects.select_for_update().get(pk=complaint_id)
        require_can_work(complaint=complaint, user=by)
        if complaint.status not in OPEN_STATUSES:
            raise ValidationError({"to": _("A closed complaint is not handed over; reopen it first.")})
        if complaint.handler_id == to.pk:
            raise ValidationError({"to": _("%(name)s already handles this complaint.") % {"name": to.get_username()}})
        previous = complaint.handler
        complaint.handler = to
        complaint.save(update_fields=["handler", "updated_at"])
        _event(
            complaint=complaint,
            actor=by,
            kind=ComplaintEvent.Kind.HANDOVER,
            from_value=_handler_label(previous),
            to_value=_handler_label(to),
            note=note,
        )
    return complaint


def complaint_unassign(*, complaint_id: int, by: User, note: str = "") -> Complaint:
    """The handler (or an admin) returns an open complaint to the unassigned queue."""
    with transaction.atomic():
        complaint = Complaint.objects.select_for_update().get(pk=complaint_id)
        require_can_work(complaint=complaint, user=by)
        if complaint.handler_id is None:
            raise ValidationError({"handler": _("The complaint is already in the unassigned queue.")})
        if complaint.status not in OPEN_STATUSES:
            raise ValidationError({"handler": _("A closed complaint does not go back to the queue.")})
        previous = complaint.handler
        complaint.handler = None
        complaint.save(update_fields=["handler", "updated_at"])
        _event(
            complaint=complaint,
            actor=by,
            kind=ComplaintEvent.Kind.UNASSIGNED,
            from_value=_handler_label(previous),
            note=(note or "").strip(),
        )
    return complaint


def complaint_reopen(*, complaint_id: int, by: User, reason: str) -> Complaint:
    """An admin or the handler reopens a Resolved or Rejected complaint, with a reason: back to In progress when it
    has a handler, else to Pending in the unassigned queue. The victim gets a case update."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give a reason to reopen the complaint.")})
    with transaction.atomic():
        complaint = Complaint.objects.select_for_update().select_related("citizen").get(pk=complaint_id)
        require_can_work(complaint=complaint, user=by)
        if complaint.status not in CLOSED_STATUSES:
            raise ValidationError({"status": _("Only a resolved or rejected complaint can be reopened.")})
        previous = complaint.status
        complaint.status = Status.IN_PROGRESS if complaint.handler_id else Status.PENDING
        complaint.rejection_reason = ""  # the history keeps it
        complaint.save(update_fields=["status", "rejection_reason", "updated_at"])
        _event(
            complaint=complaint,
            actor=by,
            kind=ComplaintEvent.Kind.REOPENED,
            from_value=previous,
            to_value=complaint.status,
            note=REASON_NOTE % {"reason": reason},
        )
        complaint_status_notice(complaint=complaint)
    return complaint
