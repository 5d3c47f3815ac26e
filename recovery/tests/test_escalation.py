"""Deadlines from the settings and escalation of overdue requests to the handler and the admins, with the clock
frozen at chosen moments (every service takes `now`)."""

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core import mail

from accounts.tests.factories import AdminFactory, AttenderFactory
from recovery.escalation import freeze_requests_escalate
from recovery.models import FreezeEvent
from recovery.selectors import overdue_requests
from recovery.services import freeze_request_acknowledge, freeze_request_answer, freeze_requests_open
from recovery.tests.factories import bank_partner, complaint_paying

pytestmark = pytest.mark.django_db

SENT = datetime(2026, 11, 20, 21, 40, tzinfo=ZoneInfo("Asia/Kolkata"))


@pytest.fixture
def setup(settings):
    settings.RECOVERY_ACK_MINUTES, settings.RECOVERY_ANSWER_MINUTES = 30, 120
    settings.RECOVERY_ESCALATION_EMAILS = ["nodal-officer@helpline.test"]
    handler = AttenderFactory(email="handler@helpline.test")
    AdminFactory(email="supervisor@helpline.test")
    complaint = complaint_paying("quickloan@ybl", handler=handler)
    [request] = freeze_requests_open(complaint_ids=[complaint.pk], now=SENT)
    return request, handler, bank_partner("YESB")[0]


def test_deadlines_come_from_the_settings(setup):
    request, _, _ = setup
    assert request.ack_due_at == SENT + timedelta(minutes=30)
    assert request.answer_due_at == SENT + timedelta(minutes=120)


def test_nothing_is_escalated_before_a_deadline(setup):
    assert freeze_requests_escalate(now=SENT + timedelta(minutes=29)) == {"not_acknowledged": 0, "not_answered": 0}
    assert mail.outbox == []


def test_an_unacknowledged_request_is_escalated_once_to_the_handler_admins_and_listed_emails(setup):
    request, handler, _ = setup
    late = SENT + timedelta(minutes=31)
    assert freeze_requests_escalate(now=late) == {"not_acknowledged": 1, "not_answered": 0}
    assert freeze_requests_escalate(now=late + timedelta(minutes=1)) == {"not_acknowledged": 0, "not_answered": 0}
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == ["handler@helpline.test", "nodal-officer@helpline.test", "supervisor@helpline.test"]
    body = mail.outbox[0].body
    assert request.ack_number in body and "Yes Bank" in body and "not acknowledged" in body and "22:10 IST" in body
    assert f"/console/complaints/{request.complaint_id}/" in body
    request.refresh_from_db()
    assert request.ack_escalated_at == late
    assert FreezeEvent.objects.filter(request=request, kind="escalated").count() == 1
    assert list(overdue_requests(user=handler, now=late)) == [request]
    assert list(overdue_requests(user=AttenderFactory(), now=late)) == []


def test_an_acknowledged_request_not_answered_in_two_hours_is_escalated_again(setup):
    request, _, bank = setup
    freeze_request_acknowledge(request_id=request.pk, partner=bank, now=SENT + timedelta(minutes=10))
    assert freeze_requests_escalate(now=SENT + timedelta(minutes=60)) == {"not_acknowledged": 0, "not_answered": 0}
    assert freeze_requests_escalate(now=SENT + timedelta(minutes=121)) == {"not_acknowledged": 0, "not_answered": 1}
    assert "not answered" in mail.outbox[-1].body


def test_an_answered_request_is_never_escalated(setup):
    request, _, bank = setup
    freeze_request_answer(
        request_id=request.pk,
        partner=bank,
        outcome="on_hold",
        amount_held=Decimal("100"),
        now=SENT + timedelta(minutes=5),
    )
    assert freeze_requests_escalate(now=SENT + timedelta(hours=5)) == {"not_acknowledged": 0, "not_answered": 0}


def test_the_escalation_job_is_registered_to_run_every_minute():
    from fraudsafe.schedules import collect

    [entry] = [p for p in collect() if p.task == "recovery.tasks.freeze_requests_escalate_task"]
    assert entry.every_seconds == 60
