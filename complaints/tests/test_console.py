import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import AdminFactory, AttenderFactory
from complaints.models import Complaint, ComplaintEvent, Transaction
from complaints.services import complaint_pdf_attach
from complaints.tests.factories import ComplaintFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def attender(client):
    user = AttenderFactory()
    client.force_login(user)
    return user


def test_my_queue_lists_only_my_open_complaints(client, attender):
    mine = ComplaintFactory(handler=attender)
    ComplaintFactory(handler=attender, status=Complaint.Status.RESOLVED)
    theirs = ComplaintFactory(handler=AttenderFactory())
    page = client.get(reverse("console-home")).content.decode()
    assert mine.ack_number in page
    assert theirs.ack_number not in page


def test_my_queue_filters_by_status(client, attender):
    done = ComplaintFactory(handler=attender, status=Complaint.Status.RESOLVED)
    pending = ComplaintFactory(handler=attender)
    page = client.get(reverse("console-home"), {"status": "resolved"}).content.decode()
    assert done.ack_number in page and pending.ack_number not in page


def test_unassigned_queue_lists_open_unassigned_complaints_oldest_first(client, attender):
    now = timezone.now()
    newer = ComplaintFactory(created_at=now - datetime.timedelta(hours=1))
    older = ComplaintFactory(created_at=now - datetime.timedelta(hours=3))
    closed = ComplaintFactory(status=Complaint.Status.REJECTED)
    taken = ComplaintFactory(handler=AttenderFactory())
    page = client.get(reverse("console-unassigned")).content.decode()
    assert page.index(older.ack_number) < page.index(newer.ack_number)
    assert closed.ack_number not in page and taken.ack_number not in page


def test_claim_from_the_console_makes_the_complaint_mine(client, attender):
    complaint = ComplaintFactory()
    response = client.post(reverse("console-claim", args=[complaint.pk]))
    assert response["Location"] == reverse("console-complaint", args=[complaint.pk]) + "?from=queue"
    complaint.refresh_from_db()
    assert complaint.handler == attender


def test_claiming_a_complaint_a_colleague_already_took_says_who_took_it(client, attender):
    complaint = ComplaintFactory()
    other = AttenderFactory(username="attender2")
    Complaint.objects.filter(pk=complaint.pk).update(handler=other)  # the colleague's claim landed first
    response = client.post(reverse("console-claim", args=[complaint.pk]), follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("console-unassigned")
    assert f"{complaint.ack_number} was just claimed by attender2." in response.content.decode()
    page = response.content.decode()
    assert complaint.mobile not in page  # the colleague's case itself is not shown


def test_take_next_opens_the_oldest_unassigned_complaint(client, attender):
    now = timezone.now()
    ComplaintFactory(created_at=now)
    oldest = ComplaintFactory(created_at=now - datetime.timedelta(days=1))
    response = client.post(reverse("console-take-next"))
    assert response["Location"] == reverse("console-complaint", args=[oldest.pk]) + "?from=queue"


def test_take_next_with_nothing_waiting_says_so(client, attender):
    response = client.post(reverse("console-take-next"), follow=True)
    assert "No unassigned complaint is waiting." in response.content.decode()


def test_detail_shows_transactions_and_history_in_the_helpline_time_zone(client, attender):
    complaint = ComplaintFactory(handler=attender, transactions=2)
    ComplaintEvent.objects.create(
        complaint=complaint,
        actor=attender,
        kind=ComplaintEvent.Kind.NOTE,
        note="Spoke to the bank",
        created_at=datetime.datetime(2026, 3, 1, 6, 30, tzinfo=datetime.UTC),
    )
    page = client.get(reverse("console-complaint", args=[complaint.pk])).content.decode()
    for txn in complaint.transactions.all():
        assert txn.transaction_id in page and txn.account_number in page
    assert "Spoke to the bank" in page
    assert "1 Mar 2026, 12:00 IST" in page  # 06:30 UTC shown as 12:00 in Asia/Kolkata


def test_unassigned_complaint_detail_masks_account_numbers_until_claimed(client, attender):
    complaint = ComplaintFactory(transactions=1)
    txn = complaint.transactions.get()
    page = client.get(reverse("console-complaint", args=[complaint.pk])).content.decode()
    assert txn.account_number not in page
    assert txn.account_number[-4:] in page
    assert complaint.mobile not in page


def test_status_update_with_note_is_saved_and_shown_in_history(client, attender):
    complaint = ComplaintFactory(handler=attender)
    client.post(reverse("console-status", args=[complaint.pk]), {"status": "in_progress", "note": "Called victim"})
    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.IN_PROGRESS
    page = client.get(reverse("console-complaint", args=[complaint.pk])).content.decode()
    assert "Pending → In progress" in page and "Called victim" in page


def test_illegal_status_from_the_console_is_refused_with_the_reason(client, attender):
    complaint = ComplaintFactory(handler=attender)
    response = client.post(reverse("console-status", args=[complaint.pk]), {"status": "resolved"})
    assert response.status_code == 400
    assert "cannot go from Pending to Resolved" in response.content.decode()
    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.PENDING


def test_rejecting_without_a_reason_is_refused_on_the_page(client, attender):
    complaint = ComplaintFactory(handler=attender)
    response = client.post(reverse("console-status", args=[complaint.pk]), {"status": "rejected"})
    assert response.status_code == 400
    assert "Give a reason to reject a complaint." in response.content.decode()


def test_transaction_progress_is_set_from_the_console(client, attender):
    complaint = ComplaintFactory(handler=attender, transactions=1)
    txn = complaint.transactions.get()
    client.post(reverse("console-progress", args=[complaint.pk, txn.pk]), {"progress": "amount_frozen"})
    txn.refresh_from_db()
    assert txn.progress == Transaction.Progress.AMOUNT_FROZEN


def test_pdf_download_serves_the_complaints_pdf_as_an_attachment(client, attender, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    complaint = ComplaintFactory(handler=attender, transactions=1)
    complaint_pdf_attach(complaint=complaint)
    response = client.get(reverse("console-pdf", args=[complaint.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f'filename="{complaint.ack_number}.pdf"' in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_pdf_download_of_a_complaint_without_pdf_is_404(client, attender):
    complaint = ComplaintFactory(handler=attender)
    assert client.get(reverse("console-pdf", args=[complaint.pk])).status_code == 404


def test_admin_cannot_claim_from_the_console_and_is_told_why(client):
    client.force_login(AdminFactory())
    complaint = ComplaintFactory()
    response = client.post(reverse("console-claim", args=[complaint.pk]), follow=True)
    assert "admins assign them" in response.content.decode()
    complaint.refresh_from_db()
    assert complaint.handler is None


# --- login safety ----------------------------------------------------------------------------------------------


def test_login_form_logs_an_attender_in(client):
    AttenderFactory(username="asha")
    response = client.post(reverse("login"), {"username": "asha", "password": "correct-horse-battery"})
    assert response.status_code == 302 and response["Location"] == "/console/"


def test_five_failed_logins_lock_the_account_even_with_the_right_password(client):
    AttenderFactory(username="ravi")
    for _ in range(5):
        response = client.post(reverse("login"), {"username": "ravi", "password": "wrong-password"})
    response = client.post(reverse("login"), {"username": "ravi", "password": "correct-horse-battery"})
    assert response.status_code in (403, 429)
    assert "Account locked" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_four_failed_logins_do_not_lock_the_account(client):
    AttenderFactory(username="meera")
    for _ in range(4):
        client.post(reverse("login"), {"username": "meera", "password": "wrong-password"})
    response = client.post(reverse("login"), {"username": "meera", "password": "correct-horse-battery"})
    assert response.status_code == 302


def test_session_lasts_one_shift_and_ends_with_the_browser(client, settings):
    client.force_login(AttenderFactory())
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    assert client.session.get_expire_at_browser_close() is True


def test_expired_session_sends_the_attender_back_to_log_in(client, settings):
    from django.contrib.sessions.models import Session

    client.force_login(AttenderFactory())
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1)
    )
    response = client.get(reverse("console-home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_weak_staff_passwords_are_refused():
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_password("short1")
    with pytest.raises(ValidationError):
        validate_password("1234567890123")
