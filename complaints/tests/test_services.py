"""Complaint services: submit, acknowledgement numbers, case-store hand-off, session clean-up."""

import re
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from pypdf import PdfReader

from accounts.models import Citizen
from accounts.tests.factories import CitizenFactory
from complaints import conversation
from complaints.models import Complaint, ComplaintEvent, ConversationSession, InboundMessage
from complaints.selectors import complaints_of_phone, complaints_with_totals
from complaints.services import complaint_submit, conversation_sessions_purge, whatsapp_message_handle
from complaints.tests.factories import ComplaintFactory, ConversationSessionFactory

PHONE = "+919876543210"
ANSWERS = {
    "name": "Asha Rao",
    "mobile": "9876543210",
    "dob": "1985-05-17",
    "father_name": "Ramesh Kumar",
    "district": "Pune",
    "pin_code": "411001",
}
TXN = {
    "date": "2026-11-18",
    "time": "14:30",
    "bank": "State Bank of India",
    "account_number": "123456789012",
    "amount": "25000.00",
    "transaction_id": "412345678901",
    "fraud_type": "upi",
}


@pytest.mark.django_db
def test_submit_saves_complaint_transactions_event_and_pdf():
    complaint = complaint_submit(phone=PHONE, answers=ANSWERS, transactions=[TXN, {**TXN, "amount": "0.50"}])
    assert re.fullmatch(r"FS-\d{4}-\d{6}", complaint.ack_number)
    assert complaint.status == Complaint.Status.PENDING
    assert complaint.transactions.count() == 2
    assert complaint.total_amount == Decimal("25000.50")
    assert complaint.events.get().kind == ComplaintEvent.Kind.CREATED
    assert complaint.pdf.storage.exists(complaint.pdf.name)


@pytest.mark.django_db
def test_submit_creates_or_updates_the_citizen_from_the_phone_and_answers():
    existing = CitizenFactory(phone=PHONE, name="Old Name", district="Mumbai", pin_code="400001")
    complaint = complaint_submit(phone=PHONE, answers=ANSWERS, transactions=[TXN])
    existing.refresh_from_db()
    assert complaint.citizen == existing
    assert (existing.name, existing.district, existing.pin_code) == ("Asha Rao", "Pune", "411001")
    assert Citizen.objects.count() == 1


@pytest.mark.django_db
def test_acknowledgement_numbers_are_unique_and_carry_the_year_in_the_helpline_time_zone():
    first = ComplaintFactory()
    second = ComplaintFactory()
    assert first.ack_number == f"FS-{first.created_at.year}-{first.pk:06d}"
    assert first.ack_number != second.ack_number
    new_years_eve_utc = datetime(2026, 12, 31, 19, 0, tzinfo=UTC)  # already 1 January 2027 in India
    assert Complaint.ack_number_for(7, new_years_eve_utc) == "FS-2027-000007"


@pytest.mark.django_db
def test_submit_refuses_a_complaint_without_transactions():
    with pytest.raises(ValueError):
        complaint_submit(phone=PHONE, answers=ANSWERS, transactions=[])
    assert not Complaint.objects.exists()


@pytest.mark.django_db
def test_case_store_failure_is_logged_and_never_fails_the_complaint(
    monkeypatch, caplog, django_capture_on_commit_callbacks
):
    import complaints.cases

    def broken(**kwargs):
        raise RuntimeError("case store down")

    monkeypatch.setattr(complaints.cases, "fraud_cases_replace", broken)
    with django_capture_on_commit_callbacks(execute=True):
        complaint = complaint_submit(phone=PHONE, answers=ANSWERS, transactions=[TXN])
    assert Complaint.objects.filter(pk=complaint.pk).exists()
    assert "fraud case store not updated" in caplog.text


@pytest.mark.django_db
def test_case_store_is_told_about_the_new_complaint_after_commit(monkeypatch, django_capture_on_commit_callbacks):
    import complaints.cases

    seen = []
    monkeypatch.setattr(complaints.cases, "complaint_cases_record", lambda *, complaint_id: seen.append(complaint_id))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        complaint = complaint_submit(phone=PHONE, answers=ANSWERS, transactions=[TXN])
    assert seen == []
    for callback in callbacks:
        callback()
    assert seen == [complaint.id]


@pytest.mark.django_db
def test_transaction_time_is_an_aware_datetime_in_the_helpline_time_zone():
    complaint = complaint_submit(phone=PHONE, answers=ANSWERS, transactions=[TXN])
    occurred = complaint.transactions.get().occurred_at
    assert occurred.utcoffset() == timedelta(hours=5, minutes=30)
    assert (occurred.hour, occurred.minute) == (14, 30)


@pytest.mark.django_db
def test_totals_selector_annotates_the_sum_of_amounts():
    ComplaintFactory(transactions=3)
    ComplaintFactory()
    totals = sorted(c.total_amount for c in complaints_with_totals())
    assert totals == [Decimal("0"), Decimal("75000.00")]


@pytest.mark.django_db
def test_complaints_of_phone_lists_only_that_citizens_complaints_newest_first():
    citizen = CitizenFactory(phone=PHONE)
    older = ComplaintFactory(citizen=citizen, created_at=timezone.now() - timedelta(days=2))
    newer = ComplaintFactory(citizen=citizen)
    ComplaintFactory()
    assert complaints_of_phone(phone=PHONE) == [newer, older]


@pytest.mark.django_db
def test_purge_deletes_answers_of_conversations_abandoned_for_24_hours():
    now = timezone.now()
    abandoned = ConversationSessionFactory(
        state={"step": "mobile", "answers": {"name": "Asha Rao"}}, last_message_at=now - timedelta(hours=25)
    )
    recent = ConversationSessionFactory(
        state={"step": "mobile", "answers": {"name": "Meera"}}, last_message_at=now - timedelta(hours=23)
    )
    assert conversation_sessions_purge(now=now) == 1
    abandoned.refresh_from_db()
    recent.refresh_from_db()
    assert abandoned.state == conversation.ConversationState().to_dict()
    assert recent.state["answers"] == {"name": "Meera"}


@pytest.mark.django_db
def test_purge_drops_deduplication_records_older_than_a_week():
    now = timezone.now()
    InboundMessage.objects.create(message_sid="SMold", phone=PHONE, received_at=now - timedelta(days=8))
    InboundMessage.objects.create(message_sid="SMnew", phone=PHONE, received_at=now - timedelta(days=1))
    conversation_sessions_purge(now=now)
    assert list(InboundMessage.objects.values_list("message_sid", flat=True)) == ["SMnew"]


@pytest.mark.django_db
def test_the_deduplication_period_is_a_setting(settings):
    now = timezone.now()
    InboundMessage.objects.create(message_sid="SM3days", phone=PHONE, received_at=now - timedelta(days=3))
    settings.RETENTION_INBOUND_DAYS = 7
    conversation_sessions_purge(now=now)
    assert InboundMessage.objects.filter(message_sid="SM3days").exists()
    settings.RETENTION_INBOUND_DAYS = 2
    conversation_sessions_purge(now=now)
    assert not InboundMessage.objects.filter(message_sid="SM3days").exists()


@pytest.mark.django_db
def test_message_after_a_30_minute_pause_gets_the_timeout_notice_and_resume_keeps_answers():
    start = timezone.now()
    for n, text in enumerate(["hi", "1", "yes", "Asha Rao"]):
        whatsapp_message_handle(phone=PHONE, body=text, message_sid=f"SM{n}", now=start)
    later = start + timedelta(minutes=31)
    notice = whatsapp_message_handle(phone=PHONE, body="9876543210", message_sid="SM9", now=later)
    assert "30 minutes" in notice.body
    resumed = whatsapp_message_handle(phone=PHONE, body="1", message_sid="SM4", now=later)
    assert "mobile number" in resumed.body
    assert ConversationSession.objects.get(phone=PHONE).state["answers"] == {"name": "Asha Rao"}


@pytest.mark.django_db
def test_purge_task_runs_the_purge(settings):
    from complaints.tasks import conversation_sessions_purge_task

    ConversationSessionFactory(state={"step": "name"}, last_message_at=timezone.now() - timedelta(days=2))
    assert conversation_sessions_purge_task.delay().get() == 1


@pytest.mark.django_db
def test_demo_data_loads_complaints_once():
    import io

    from complaints import demo

    demo.load(stdout=io.StringIO(), style=None)
    count = Complaint.objects.count()
    demo.load(stdout=io.StringIO(), style=None)
    assert count == len(demo.DEMO_COMPLAINTS)
    assert Complaint.objects.count() == count
    # A newcomer sees the languages: complaints filed in Hindi and Tamil, their PDFs in their language.
    by_language = {c.language: c for c in Complaint.objects.exclude(language="en")}
    assert set(by_language) == {"hi", "ta"}
    pdf = by_language["hi"].pdf.read()
    assert "शिकायत" in " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
