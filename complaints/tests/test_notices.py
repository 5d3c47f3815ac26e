"""The victim is told, reliably: status changes and transaction progress become case updates (alerts machinery),
recorded, sent by a worker, retried, consent respected, never capped, visible on the complaint page."""

import time
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import ConsentEvent
from accounts.services import consent_record
from accounts.tests.factories import AdminFactory, AttenderFactory, CitizenFactory
from alerts.models import Alert, AlertContact, AlertTemplate, Delivery
from alerts.whatsapp import whatsapp_inbound_record
from complaints.models import Complaint, Transaction
from complaints.tests.factories import ComplaintFactory, citizen_with_whatsapp_consent
from complaints.workflow import complaint_change_status, complaint_reopen, transaction_set_progress
from fraudsafe.channels import ChannelTemporaryError
from fraudsafe.channels.base import BaseChannelBackend
from fraudsafe.channels.locmem import LocmemBackend

pytestmark = pytest.mark.django_db
Status = Complaint.Status


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def _notices(complaint):
    return Delivery.objects.filter(alert__kind=Alert.Kind.NOTICE, alert__reference=complaint.ack_number).order_by("id")


def test_each_status_change_becomes_a_case_update_sent_on_whatsapp(locmem_outbox, run_on_commit):
    attender = AttenderFactory()
    complaint = ComplaintFactory(handler=attender, citizen=citizen_with_whatsapp_consent(phone="+919812345678"))
    with run_on_commit():
        complaint_change_status(complaint_id=complaint.pk, status=Status.IN_PROGRESS, by=attender)
    with run_on_commit():
        complaint_change_status(complaint_id=complaint.pk, status=Status.RESOLVED, by=attender)
    deliveries = list(_notices(complaint))
    assert [(d.channel, d.status) for d in deliveries] == [("whatsapp", "sent"), ("whatsapp", "sent")]
    assert [m.to for m in locmem_outbox] == ["+919812345678", "+919812345678"]
    assert complaint.ack_number in locmem_outbox[0].body and "In progress" in locmem_outbox[0].body
    assert "Resolved" in locmem_outbox[1].body and "Thank you for reporting" in locmem_outbox[1].body


def test_rejection_and_reopening_tell_the_victim(locmem_outbox, run_on_commit):
    admin = AdminFactory()
    complaint = ComplaintFactory(citizen=citizen_with_whatsapp_consent())
    with run_on_commit():
        complaint_change_status(complaint_id=complaint.pk, status=Status.REJECTED, by=admin, reason="Not a fraud")
    with run_on_commit():
        complaint_reopen(complaint_id=complaint.pk, by=admin, reason="Victim sent the bank statement")
    assert "Rejected" in locmem_outbox[0].body and "Not a fraud" in locmem_outbox[0].body
    assert "Pending" in locmem_outbox[1].body


@pytest.mark.parametrize(
    ("progress", "words"),
    [
        ("reported_to_bank", "asked the bank"),
        ("amount_frozen", "on hold"),
        ("refunded", "returned to your account"),
        ("not_recoverable", "could not recover"),
    ],
)
def test_each_transaction_progress_tells_the_victim(progress, words, locmem_outbox, run_on_commit):
    attender = AttenderFactory()
    complaint = ComplaintFactory(handler=attender, citizen=citizen_with_whatsapp_consent(), transactions=2)
    txn = complaint.transactions.get(position=2)
    with run_on_commit():
        transaction_set_progress(transaction_id=txn.pk, progress=progress, by=attender)
    (message,) = locmem_outbox
    assert words in message.body
    assert "transaction 2" in message.body and "Rs 25,000.00" in message.body
    assert str(Transaction.Progress(progress).label) in message.body


def test_progress_back_to_not_started_is_no_news(locmem_outbox, run_on_commit):
    attender = AttenderFactory()
    complaint = ComplaintFactory(handler=attender, citizen=citizen_with_whatsapp_consent(), transactions=1)
    txn = complaint.transactions.get()
    Transaction.objects.filter(pk=txn.pk).update(progress="reported_to_bank")
    with run_on_commit():
        transaction_set_progress(transaction_id=txn.pk, progress="not_started", by=attender)
    assert not _notices(complaint).exists() and locmem_outbox == []


def test_without_consent_the_update_is_recorded_as_skipped(locmem_outbox, run_on_commit):
    citizen = CitizenFactory()
    consent_record(citizen=citizen, channel="whatsapp", granted=False, source=ConsentEvent.Source.WHATSAPP_KEYWORD)
    complaint = ComplaintFactory(citizen=citizen)
    with run_on_commit():
        complaint_change_status(complaint_id=complaint.pk, status=Status.IN_PROGRESS, by=AdminFactory())
    (delivery,) = _notices(complaint)
    assert (delivery.status, delivery.skip_reason) == ("skipped", "no_consent")
    assert locmem_outbox == []


def test_case_updates_are_never_capped_and_use_no_alert_budget(settings, locmem_outbox, run_on_commit):
    settings.ALERTS_CAP_DAY = 1
    attender = AttenderFactory()
    complaint = ComplaintFactory(handler=attender, citizen=citizen_with_whatsapp_consent(), transactions=3)
    with run_on_commit():
        complaint_change_status(complaint_id=complaint.pk, status=Status.IN_PROGRESS, by=attender)
        for txn in complaint.transactions.all():
            transaction_set_progress(transaction_id=txn.pk, progress="reported_to_bank", by=attender)
    assert [d.status for d in _notices(complaint)] == ["sent"] * 4
    assert not AlertContact.objects.filter(citizen=complaint.citizen).exists()


def test_case_updates_are_not_deferred_by_quiet_hours_unless_configured(settings, run_on_commit):
    settings.ALERTS_QUIET_HOURS = "00:00-23:59"  # always quiet
    complaint = ComplaintFactory(citizen=citizen_with_whatsapp_consent())
    with run_on_commit():
        complaint_change_status(complaint_id=complaint.pk, status=Status.IN_PROGRESS, by=AdminFactory())
    assert _notices(complaint).get().status == "sent"
    settings.ALERTS_NOTICES_QUIET_HOURS = True
    with run_on_commit():
        complaint_change_status(complaint_id=complaint.pk, status=Status.RESOLVED, by=AdminFactory())
    deferred = _notices(complaint).last()
    assert deferred.status == "pending" and deferred.not_before is not None


class FlakyBackend(BaseChannelBackend):
    """Fails the first send with a transient provider error, then delivers (like a Twilio 503 once)."""

    calls = 0

    def send(self, message):
        type(self).calls += 1
        if type(self).calls == 1:
            raise ChannelTemporaryError("503 from provider", code="503")
        return LocmemBackend().send(message)


@pytest.fixture
def eager_retries():
    """Eager tasks retry in place (as a worker would after the backoff) instead of raising Retry to the test."""
    from fraudsafe.celery import app

    keys = ("task_eager_propagates", "CELERY_TASK_EAGER_PROPAGATES")  # both spellings (namespace CELERY)
    saved = {key: app.conf.get(key) for key in keys}
    app.conf.update(dict.fromkeys(keys, False))
    yield
    app.conf.update(saved)


def test_a_transient_provider_error_is_retried(settings, locmem_outbox, run_on_commit, eager_retries):
    settings.FRAUDSAFE_WHATSAPP_BACKEND = "complaints.tests.test_notices.FlakyBackend"
    FlakyBackend.calls = 0
    complaint = ComplaintFactory(citizen=citizen_with_whatsapp_consent())
    with run_on_commit():
        complaint_change_status(complaint_id=complaint.pk, status=Status.IN_PROGRESS, by=AdminFactory())
    delivery = _notices(complaint).get()
    assert (delivery.status, delivery.attempts) == ("sent", 2)
    assert FlakyBackend.calls == 2 and len(locmem_outbox) == 1


def test_outside_the_24_hour_window_the_approved_content_template_is_used(locmem_outbox, run_on_commit):
    AlertTemplate.objects.filter(key="case_status", channel="whatsapp", language="en").update(
        content_sid="HX0001", approval="approved"
    )
    complaint = ComplaintFactory(citizen=citizen_with_whatsapp_consent(phone="+919811111111", whatsapp_window=False))
    whatsapp_inbound_record(phone="+919811111111", at=timezone.now() - timedelta(days=2))
    with run_on_commit():
        complaint_change_status(complaint_id=complaint.pk, status=Status.IN_PROGRESS, by=AdminFactory())
    (message,) = locmem_outbox
    assert message.content_sid == "HX0001"
    assert message.content_variables == {"1": complaint.ack_number, "2": "In progress"}


def test_inside_the_24_hour_window_free_text_is_sent(locmem_outbox, run_on_commit):
    AlertTemplate.objects.filter(key="case_status", channel="whatsapp", language="en").update(
        content_sid="HX0001", approval="approved"
    )
    complaint = ComplaintFactory(citizen=citizen_with_whatsapp_consent(phone="+919822222222", whatsapp_window=False))
    whatsapp_inbound_record(phone="+919822222222", at=timezone.now() - timedelta(hours=1))
    with run_on_commit():
        complaint_change_status(complaint_id=complaint.pk, status=Status.IN_PROGRESS, by=AdminFactory())
    assert locmem_outbox[0].content_sid == ""


def test_the_update_is_written_in_the_victims_language(locmem_outbox, run_on_commit):
    citizen = citizen_with_whatsapp_consent(language="hi")
    complaint = ComplaintFactory(citizen=citizen, language="hi")
    with run_on_commit():
        complaint_change_status(complaint_id=complaint.pk, status=Status.IN_PROGRESS, by=AdminFactory())
    assert "आपकी शिकायत" in locmem_outbox[0].body


def test_the_web_request_sends_nothing_a_worker_does(client, settings, locmem_outbox, run_on_commit):
    """With a real broker nothing is sent inside the request: the update waits, recorded, for a worker."""
    from fraudsafe.celery import app

    attender = AttenderFactory()
    complaint = ComplaintFactory(handler=attender, citizen=citizen_with_whatsapp_consent())
    client.force_login(attender)
    keys = ("task_always_eager", "CELERY_TASK_ALWAYS_EAGER")
    saved = {key: app.conf.get(key) for key in keys}
    app.conf.update(dict.fromkeys(keys, False))
    try:
        with run_on_commit():  # the fan-out task is published to the broker after commit
            client.post(reverse("console-status", args=[complaint.pk]), {"status": "in_progress"})
    finally:
        app.conf.update(saved)
    assert locmem_outbox == []
    alert = Alert.objects.get(kind=Alert.Kind.NOTICE, reference=complaint.ack_number)
    assert alert.status == Alert.Status.SCHEDULED  # fan-out and sending belong to the worker


def test_the_complaint_page_shows_each_update_and_its_outcome(client, run_on_commit):
    attender = AttenderFactory()
    complaint = ComplaintFactory(handler=attender, citizen=citizen_with_whatsapp_consent(), transactions=1)
    with run_on_commit():
        complaint_change_status(complaint_id=complaint.pk, status=Status.IN_PROGRESS, by=attender)
        transaction_set_progress(transaction_id=complaint.transactions.get().pk, progress="amount_frozen", by=attender)
    consent_record(citizen=complaint.citizen, channel="whatsapp", granted=False, source="whatsapp_keyword")
    with run_on_commit():
        complaint_change_status(complaint_id=complaint.pk, status=Status.RESOLVED, by=attender)
    client.force_login(attender)
    page = client.get(reverse("console-complaint", args=[complaint.pk])).content.decode()
    section = page[page.index('data-testid="notices"') :]
    assert "Status: In progress" in section and "Transaction 1: Amount frozen" in section
    assert section.count("Sent") >= 2
    assert "Skipped" in section and "No consent" in section


@pytest.mark.redis
@pytest.mark.slow
def test_a_real_worker_sends_the_update(celery_worker, settings):
    celery_worker(queues="alerts,default", concurrency=1)
    attender = AttenderFactory()
    complaint = ComplaintFactory(handler=attender, citizen=citizen_with_whatsapp_consent())
    complaint_change_status(complaint_id=complaint.pk, status=Status.IN_PROGRESS, by=attender)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not _notices(complaint).filter(status="sent").exists():
        time.sleep(0.3)
    delivery = _notices(complaint).get()
    assert delivery.status == "sent" and delivery.provider_id.startswith("locmem-")
