"""Notes at any time, hand-over, unassign and reopen: services, console pages and the history they leave."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts.tests.factories import AdminFactory, AttenderFactory
from complaints.models import Complaint, ComplaintEvent
from complaints.tests.factories import ComplaintFactory
from complaints.workflow import (
    complaint_hand_over,
    complaint_note_add,
    complaint_reopen,
    complaint_unassign,
)

pytestmark = pytest.mark.django_db
Status = Complaint.Status
Kind = ComplaintEvent.Kind


# --- notes ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("status", list(Status))
def test_the_handler_adds_a_note_in_any_status_without_changing_it(status):
    attender = AttenderFactory()
    complaint = ComplaintFactory(handler=attender, status=status)
    event = complaint_note_add(complaint_id=complaint.pk, by=attender, note="Victim called back: bank ref 12")
    complaint.refresh_from_db()
    assert complaint.status == status
    assert (event.kind, event.actor, event.note) == (Kind.NOTE, attender, "Victim called back: bank ref 12")


def test_an_admin_adds_a_note_to_any_complaint():
    complaint = ComplaintFactory(handler=AttenderFactory())
    admin = AdminFactory()
    assert complaint_note_add(complaint_id=complaint.pk, by=admin, note="Checked").actor == admin


def test_an_empty_note_is_refused():
    attender = AttenderFactory()
    complaint = ComplaintFactory(handler=attender)
    with pytest.raises(ValidationError, match="Write the note"):
        complaint_note_add(complaint_id=complaint.pk, by=attender, note="   ")


def test_another_attender_cannot_add_a_note():
    complaint = ComplaintFactory(handler=AttenderFactory())
    with pytest.raises(PermissionDenied):
        complaint_note_add(complaint_id=complaint.pk, by=AttenderFactory(), note="Hi")


# --- hand-over and unassign ------------------------------------------------------------------------------------


def test_hand_over_moves_the_complaint_with_a_note_in_the_history():
    ravi, meena = AttenderFactory(username="ravi"), AttenderFactory(username="meena")
    complaint = ComplaintFactory(handler=ravi, status=Status.IN_PROGRESS)
    complaint_hand_over(complaint_id=complaint.pk, to=meena, by=ravi, note="Bank promised a call at 18:00")
    complaint.refresh_from_db()
    assert complaint.handler == meena and complaint.status == Status.IN_PROGRESS
    event = complaint.events.get(kind=Kind.HANDOVER)
    assert (event.actor, event.from_value, event.to_value, event.note) == (
        ravi,
        "ravi",
        "meena",
        "Bank promised a call at 18:00",
    )


def test_hand_over_needs_a_note_and_an_active_attender():
    ravi = AttenderFactory()
    complaint = ComplaintFactory(handler=ravi)
    with pytest.raises(ValidationError, match="note"):
        complaint_hand_over(complaint_id=complaint.pk, to=AttenderFactory(), by=ravi, note="")
    with pytest.raises(ValidationError, match="active attender"):
        complaint_hand_over(complaint_id=complaint.pk, to=AdminFactory(), by=ravi, note="over to you")
    with pytest.raises(ValidationError, match="active attender"):
        complaint_hand_over(complaint_id=complaint.pk, to=AttenderFactory(is_active=False), by=ravi, note="x")
    complaint.refresh_from_db()
    assert complaint.handler == ravi


def test_only_the_handler_or_an_admin_hands_over():
    complaint = ComplaintFactory(handler=AttenderFactory())
    with pytest.raises(PermissionDenied):
        complaint_hand_over(complaint_id=complaint.pk, to=AttenderFactory(), by=AttenderFactory(), note="mine now")
    admin, target = AdminFactory(), AttenderFactory()
    complaint_hand_over(complaint_id=complaint.pk, to=target, by=admin, note="Shift change")
    complaint.refresh_from_db()
    assert complaint.handler == target


def test_unassign_returns_the_complaint_to_the_queue_with_history():
    ravi = AttenderFactory(username="ravi")
    complaint = ComplaintFactory(handler=ravi, status=Status.IN_PROGRESS)
    complaint_unassign(complaint_id=complaint.pk, by=ravi, note="Needs a Tamil speaker")
    complaint.refresh_from_db()
    assert complaint.handler is None and complaint.status == Status.IN_PROGRESS
    event = complaint.events.get(kind=Kind.UNASSIGNED)
    assert (event.actor, event.from_value, event.note) == (ravi, "ravi", "Needs a Tamil speaker")


def test_a_closed_complaint_is_neither_handed_over_nor_unassigned():
    ravi = AttenderFactory()
    complaint = ComplaintFactory(handler=ravi, status=Status.RESOLVED)
    with pytest.raises(ValidationError):
        complaint_hand_over(complaint_id=complaint.pk, to=AttenderFactory(), by=ravi, note="x")
    with pytest.raises(ValidationError):
        complaint_unassign(complaint_id=complaint.pk, by=ravi)


# --- reopen -----------------------------------------------------------------------------------------------------


def test_the_handler_reopens_a_resolved_complaint_to_in_progress_with_a_reason():
    ravi = AttenderFactory()
    complaint = ComplaintFactory(handler=ravi, status=Status.RESOLVED)
    complaint_reopen(complaint_id=complaint.pk, by=ravi, reason="Refund bounced")
    complaint.refresh_from_db()
    assert complaint.status == Status.IN_PROGRESS
    event = complaint.events.get(kind=Kind.REOPENED)
    assert (event.actor, event.from_value, event.to_value) == (ravi, Status.RESOLVED, Status.IN_PROGRESS)
    assert "Refund bounced" in event.note


def test_an_admin_reopens_a_rejected_unassigned_complaint_to_pending():
    complaint = ComplaintFactory(status=Status.REJECTED, rejection_reason="Duplicate")
    complaint_reopen(complaint_id=complaint.pk, by=AdminFactory(), reason="Not a duplicate after all")
    complaint.refresh_from_db()
    assert (complaint.status, complaint.rejection_reason) == (Status.PENDING, "")


def test_reopen_needs_a_reason_a_closed_complaint_and_the_right_person():
    ravi = AttenderFactory()
    open_one = ComplaintFactory(handler=ravi, status=Status.IN_PROGRESS)
    closed = ComplaintFactory(handler=ravi, status=Status.RESOLVED)
    with pytest.raises(ValidationError, match="reason"):
        complaint_reopen(complaint_id=closed.pk, by=ravi, reason=" ")
    with pytest.raises(ValidationError, match="resolved or rejected"):
        complaint_reopen(complaint_id=open_one.pk, by=ravi, reason="why not")
    with pytest.raises(PermissionDenied):
        complaint_reopen(complaint_id=closed.pk, by=AttenderFactory(), reason="I want it")


# --- the console pages --------------------------------------------------------------------------------------------


def test_note_from_the_console_page_lands_in_the_history(client):
    attender = AttenderFactory()
    complaint = ComplaintFactory(handler=attender)
    client.force_login(attender)
    response = client.post(
        reverse("console-note", args=[complaint.pk]), {"note": "Asked the victim for the UTR", "from": "search"}
    )
    assert response["Location"].startswith(reverse("console-complaint", args=[complaint.pk]) + "?from=search")
    page = client.get(reverse("console-complaint", args=[complaint.pk])).content.decode()
    assert "Asked the victim for the UTR" in page
    complaint.refresh_from_db()
    assert complaint.status == Status.PENDING


def test_hand_over_from_the_console_goes_back_to_my_queue(client):
    ravi, meena = AttenderFactory(), AttenderFactory(username="meena")
    complaint = ComplaintFactory(handler=ravi)
    client.force_login(ravi)
    page = client.get(reverse("console-complaint", args=[complaint.pk])).content.decode()
    assert "meena" in page  # the colleague is offered
    response = client.post(
        reverse("console-hand-over", args=[complaint.pk]), {"to": meena.pk, "note": "End of my shift"}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("console-home")
    assert f"Complaint {complaint.ack_number} handed over to meena." in response.content.decode()
    complaint.refresh_from_db()
    assert complaint.handler == meena


def test_unassign_and_reopen_from_the_console(client):
    ravi = AttenderFactory()
    waiting = ComplaintFactory(handler=ravi)
    done = ComplaintFactory(handler=ravi, status=Status.RESOLVED)
    client.force_login(ravi)
    client.post(reverse("console-unassign", args=[waiting.pk]), {"note": ""})
    client.post(reverse("console-reopen", args=[done.pk]), {"reason": "Bank reversed the refund"})
    waiting.refresh_from_db()
    done.refresh_from_db()
    assert waiting.handler is None
    assert done.status == Status.IN_PROGRESS


def test_reopen_without_a_reason_is_refused_on_the_page(client):
    ravi = AttenderFactory()
    done = ComplaintFactory(handler=ravi, status=Status.RESOLVED)
    client.force_login(ravi)
    response = client.post(reverse("console-reopen", args=[done.pk]), {"reason": ""})
    assert response.status_code == 400
    done.refresh_from_db()
    assert done.status == Status.RESOLVED


def test_history_reads_every_event_with_labels_not_codes(client):
    ravi, meena = AttenderFactory(username="ravi"), AttenderFactory(username="meena")
    complaint = ComplaintFactory(handler=ravi, transactions=1)
    ComplaintEvent.objects.create(complaint=complaint, kind=Kind.CREATED, to_value=Status.PENDING)
    from complaints.workflow import complaint_change_status, transaction_set_progress

    complaint_change_status(complaint_id=complaint.pk, status=Status.IN_PROGRESS, by=ravi)
    transaction_set_progress(transaction_id=complaint.transactions.get().pk, progress="amount_frozen", by=ravi)
    complaint_note_add(complaint_id=complaint.pk, by=ravi, note="Spoke to the bank")
    complaint_hand_over(complaint_id=complaint.pk, to=meena, by=ravi, note="Over to you")
    client.force_login(meena)
    page = client.get(reverse("console-complaint", args=[complaint.pk])).content.decode()
    history = page[page.index('<ol class="history">') :]
    for text in (
        "Created",
        "— → Pending",
        "Status changed",
        "Pending → In progress",
        "Transaction progress changed",
        "Not started → Amount frozen",
        "Note",
        "Handed over",
        "ravi → meena",
    ):
        assert text in history, text
    for code in ("in_progress", "amount_frozen", "not_started", "handover"):
        assert f"> {code}" not in history and f"{code} →" not in history


def test_admin_history_shows_readable_labels(client):
    admin = AdminFactory()
    complaint = ComplaintFactory(status=Status.IN_PROGRESS)
    ComplaintEvent.objects.create(complaint=complaint, kind=Kind.STATUS, from_value="pending", to_value="in_progress")
    client.force_login(admin)
    page = client.get(reverse("admin:complaints_complaint_change", args=[complaint.pk])).content.decode()
    assert "In progress" in page and ">in_progress<" not in page


def test_admin_complaint_page_shows_rupees_in_indian_grouping_and_times_with_the_zone(client):
    from decimal import Decimal

    from complaints.tests.factories import TransactionFactory

    complaint = ComplaintFactory()
    TransactionFactory(complaint=complaint, position=1, amount=Decimal("1234567.50"))
    client.force_login(AdminFactory())
    page = client.get(reverse("admin:complaints_complaint_change", args=[complaint.pk])).content.decode()
    assert "₹12,34,567.50" in page and "14:30 IST" in page
    listing = client.get(reverse("admin:complaints_complaint_changelist")).content.decode()
    assert "₹12,34,567.50" in listing


def test_the_api_history_carries_readable_labels():
    from rest_framework.test import APIClient

    ravi = AttenderFactory()
    complaint = ComplaintFactory(handler=ravi)
    from complaints.workflow import complaint_change_status

    complaint_change_status(complaint_id=complaint.pk, status=Status.IN_PROGRESS, by=ravi)
    api = APIClient()
    api.force_authenticate(ravi)
    (event,) = api.get(reverse("api-complaint-detail", args=[complaint.pk])).json()["events"]
    assert (event["kind_display"], event["from_label"], event["to_label"]) == (
        "Status changed",
        "Pending",
        "In progress",
    )
