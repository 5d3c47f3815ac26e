import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.tests.factories import AdminFactory, AttenderFactory
from complaints.models import Complaint, ComplaintEvent, Transaction
from complaints.tests.factories import ComplaintFactory
from complaints.tests.race import race
from complaints.workflow import (
    ComplaintAlreadyClaimed,
    NoComplaintWaiting,
    complaint_assign,
    complaint_change_status,
    complaint_claim,
    complaint_take_next,
    transaction_set_progress,
)

pytestmark = pytest.mark.django_db
Status = Complaint.Status


def test_attender_claims_an_unassigned_complaint_and_it_is_recorded():
    attender, complaint = AttenderFactory(), ComplaintFactory()
    complaint_claim(complaint_id=complaint.pk, attender=attender)
    complaint.refresh_from_db()
    assert complaint.handler == attender
    event = complaint.events.get(kind=ComplaintEvent.Kind.HANDLER)
    assert (event.actor, event.from_value, event.to_value) == (attender, "", attender.username)


def test_second_claim_of_the_same_complaint_is_told_it_was_taken():
    first, second, complaint = AttenderFactory(), AttenderFactory(), ComplaintFactory()
    complaint_claim(complaint_id=complaint.pk, attender=first)
    with pytest.raises(ComplaintAlreadyClaimed, match=f"{complaint.ack_number} was just claimed by {first.username}"):
        complaint_claim(complaint_id=complaint.pk, attender=second)
    complaint.refresh_from_db()
    assert complaint.handler == first
    assert complaint.events.filter(kind=ComplaintEvent.Kind.HANDLER).count() == 1


def test_closed_complaint_cannot_be_claimed():
    complaint = ComplaintFactory(status=Status.RESOLVED)
    with pytest.raises(ComplaintAlreadyClaimed, match="closed"):
        complaint_claim(complaint_id=complaint.pk, attender=AttenderFactory())


def test_admin_cannot_claim_because_admins_assign():
    with pytest.raises(PermissionDenied):
        complaint_claim(complaint_id=ComplaintFactory().pk, attender=AdminFactory())


def test_take_next_claims_the_oldest_unassigned_complaint():
    from datetime import timedelta

    from django.utils import timezone

    now = timezone.now()
    ComplaintFactory(created_at=now - timedelta(hours=1))
    oldest = ComplaintFactory(created_at=now - timedelta(hours=5))
    ComplaintFactory(created_at=now - timedelta(hours=9), handler=AttenderFactory())  # older but taken
    attender = AttenderFactory()
    assert complaint_take_next(attender=attender) == oldest
    oldest.refresh_from_db()
    assert oldest.handler == attender


def test_take_next_with_an_empty_queue_says_so():
    ComplaintFactory(handler=AttenderFactory())
    with pytest.raises(NoComplaintWaiting):
        complaint_take_next(attender=AttenderFactory())


def test_status_moves_from_pending_to_in_progress_to_resolved_with_history():
    attender = AttenderFactory()
    complaint = ComplaintFactory(handler=attender)
    complaint_change_status(complaint_id=complaint.pk, status=Status.IN_PROGRESS, by=attender, note="Called victim")
    complaint_change_status(complaint_id=complaint.pk, status=Status.RESOLVED, by=attender)
    complaint.refresh_from_db()
    assert complaint.status == Status.RESOLVED
    history = list(complaint.events.filter(kind=ComplaintEvent.Kind.STATUS).order_by("created_at", "id"))
    assert [(e.from_value, e.to_value, e.actor) for e in history] == [
        (Status.PENDING, Status.IN_PROGRESS, attender),
        (Status.IN_PROGRESS, Status.RESOLVED, attender),
    ]
    assert history[0].note == "Called victim"


@pytest.mark.parametrize(
    ("current", "target"),
    [
        (Status.PENDING, Status.RESOLVED),
        (Status.IN_PROGRESS, Status.PENDING),
        (Status.RESOLVED, Status.IN_PROGRESS),
        (Status.RESOLVED, Status.REJECTED),
        (Status.REJECTED, Status.PENDING),
    ],
)
def test_illegal_transition_is_refused_with_a_clear_error(current, target):
    admin = AdminFactory()
    complaint = ComplaintFactory(status=current)
    with pytest.raises(ValidationError) as caught:
        complaint_change_status(complaint_id=complaint.pk, status=target, by=admin)
    assert "cannot go from" in " ".join(caught.value.messages)
    complaint.refresh_from_db()
    assert complaint.status == current
    assert not complaint.events.exists()


def test_same_status_again_is_refused():
    complaint = ComplaintFactory(status=Status.IN_PROGRESS)
    with pytest.raises(ValidationError, match="already"):
        complaint_change_status(complaint_id=complaint.pk, status=Status.IN_PROGRESS, by=AdminFactory())


def test_unknown_status_is_refused():
    with pytest.raises(ValidationError, match="Unknown status"):
        complaint_change_status(complaint_id=ComplaintFactory().pk, status="closed", by=AdminFactory())


def test_rejecting_needs_a_reason():
    complaint = ComplaintFactory()
    with pytest.raises(ValidationError, match="reason"):
        complaint_change_status(complaint_id=complaint.pk, status=Status.REJECTED, by=AdminFactory(), reason="  ")
    complaint.refresh_from_db()
    assert complaint.status == Status.PENDING


def test_rejecting_with_a_reason_keeps_the_reason():
    complaint = ComplaintFactory(status=Status.IN_PROGRESS)
    complaint_change_status(complaint_id=complaint.pk, status=Status.REJECTED, by=AdminFactory(), reason="Duplicate")
    complaint.refresh_from_db()
    assert (complaint.status, complaint.rejection_reason) == (Status.REJECTED, "Duplicate")
    assert "Duplicate" in complaint.events.get(kind=ComplaintEvent.Kind.STATUS).note


def test_attender_cannot_change_a_complaint_they_do_not_handle():
    complaint = ComplaintFactory(handler=AttenderFactory())
    with pytest.raises(PermissionDenied):
        complaint_change_status(complaint_id=complaint.pk, status=Status.IN_PROGRESS, by=AttenderFactory())
    complaint.refresh_from_db()
    assert complaint.status == Status.PENDING


def test_admin_assigns_and_reassigns_with_history():
    admin, first, second = AdminFactory(), AttenderFactory(), AttenderFactory()
    complaint = ComplaintFactory()
    complaint_assign(complaint_id=complaint.pk, handler=first, by=admin)
    complaint_assign(complaint_id=complaint.pk, handler=second, by=admin)
    complaint.refresh_from_db()
    assert complaint.handler == second
    moves = list(complaint.events.filter(kind=ComplaintEvent.Kind.HANDLER).order_by("created_at", "id"))
    assert [(e.from_value, e.to_value, e.actor) for e in moves] == [
        ("", first.username, admin),
        (first.username, second.username, admin),
    ]


def test_only_admins_assign():
    with pytest.raises(PermissionDenied):
        complaint_assign(complaint_id=ComplaintFactory().pk, handler=AttenderFactory(), by=AttenderFactory())


def test_complaints_are_assigned_to_attenders_only():
    with pytest.raises(ValidationError, match="attender"):
        complaint_assign(complaint_id=ComplaintFactory().pk, handler=AdminFactory(), by=AdminFactory())


def test_handler_sets_transaction_progress_with_history():
    attender = AttenderFactory()
    complaint = ComplaintFactory(handler=attender, transactions=2)
    txn = complaint.transactions.get(position=2)
    transaction_set_progress(
        transaction_id=txn.pk, progress=Transaction.Progress.AMOUNT_FROZEN, by=attender, note="Bank froze it"
    )
    txn.refresh_from_db()
    assert txn.progress == Transaction.Progress.AMOUNT_FROZEN
    event = complaint.events.get(kind=ComplaintEvent.Kind.TRANSACTION_PROGRESS)
    assert (event.from_value, event.to_value, event.actor) == ("not_started", "amount_frozen", attender)
    assert "Transaction 2" in event.note and "Bank froze it" in event.note


def test_other_attender_cannot_set_transaction_progress():
    complaint = ComplaintFactory(handler=AttenderFactory(), transactions=1)
    with pytest.raises(PermissionDenied):
        transaction_set_progress(
            transaction_id=complaint.transactions.get().pk,
            progress=Transaction.Progress.REFUNDED,
            by=AttenderFactory(),
        )


def test_unknown_transaction_progress_is_refused():
    complaint = ComplaintFactory(transactions=1)
    with pytest.raises(ValidationError, match="Unknown progress"):
        transaction_set_progress(transaction_id=complaint.transactions.get().pk, progress="lost", by=AdminFactory())


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_attenders_claiming_at_once_give_exactly_one_winner():
    for _round in range(5):
        complaint = ComplaintFactory()
        first, second = AttenderFactory(), AttenderFactory()
        results = race(
            [
                lambda a=first: complaint_claim(complaint_id=complaint.pk, attender=a),
                lambda a=second: complaint_claim(complaint_id=complaint.pk, attender=a),
            ]
        )
        winners = [r for r in results if isinstance(r, Complaint)]
        losers = [r for r in results if isinstance(r, ComplaintAlreadyClaimed)]
        assert (len(winners), len(losers)) == (1, 1), results
        complaint.refresh_from_db()
        assert complaint.handler == winners[0].handler
        assert complaint.events.filter(kind=ComplaintEvent.Kind.HANDLER).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_attenders_taking_next_at_once_never_get_the_same_complaint():
    complaints = [ComplaintFactory() for _ in range(3)]
    attenders = [AttenderFactory() for _ in range(4)]
    results = race([lambda a=a: complaint_take_next(attender=a) for a in attenders])
    taken = [r.pk for r in results if isinstance(r, Complaint)]
    assert sorted(taken) == sorted(c.pk for c in complaints)
    assert sum(isinstance(r, NoComplaintWaiting) for r in results) == 1


@pytest.mark.django_db
def test_history_is_stored_as_the_event_and_read_in_the_readers_language():
    from django.utils import translation

    attender, complaint = AttenderFactory(), ComplaintFactory()
    with translation.override("hi"):  # a Hindi-speaking attender claims and rejects
        complaint_claim(complaint_id=complaint.pk, attender=attender)
        complaint_change_status(complaint_id=complaint.pk, status="rejected", by=attender, reason="duplicate")
    claimed, rejected = ComplaintEvent.objects.filter(complaint=complaint).exclude(note="").order_by("id")
    assert (claimed.note, rejected.note) == ("Claimed", "Reason: duplicate")  # stored once, as the event
    with translation.override("en"):
        assert (claimed.note_display, rejected.note_display) == ("Claimed", "Reason: duplicate")
    with translation.override("hi"):
        assert (claimed.note_display, rejected.note_display) == ("लिया गया", "कारण: duplicate")
    typed = ComplaintEvent(note="Called the victim")  # what staff type is shown as typed
    with translation.override("hi"):
        assert typed.note_display == "Called the victim"
