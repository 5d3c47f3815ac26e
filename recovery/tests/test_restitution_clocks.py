"""The restitution clocks, on a frozen clock: a hold's 90-day lapse with its warnings 15 and 3 days before (the
victim told, one email per person per run), an order stopping the clock, and an overdue refund escalated once."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.test import TestCase
from django.utils import timezone

from accounts.tests.factories import AdminFactory, AttenderFactory
from alerts.models import Alert
from recovery.models import RestitutionCase, RestitutionEvent, RestitutionHold
from recovery.restitution_clocks import hold_warning, restitution_clocks_run
from recovery.restitution_refunds import order_record, refunds_request
from recovery.services import freeze_request_answer, freeze_requests_open
from recovery.tests.factories import bank_partner, complaint_paying

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    AdminFactory(email="admin@helpline.test")
    yes = bank_partner("YESB")[0]
    complaint = complaint_paying("quickloan@ybl", amount="20000.00", handler=AttenderFactory(email="a1@helpline.test"))
    request = freeze_requests_open(complaint_ids=[complaint.pk])[0]
    with TestCase.captureOnCommitCallbacks(execute=True):
        freeze_request_answer(request_id=request.pk, partner=yes, outcome="on_hold", amount_held=Decimal("20000"))
    return RestitutionCase.objects.get(complaint=complaint)


def run(at):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return restitution_clocks_run(now=at)


def test_a_hold_is_warned_at_15_and_3_days_then_lapses_at_90(case):
    hold = case.holds.get()
    start = hold.lapses_at
    assert run(start - timedelta(days=16)) == {"warned": 0, "lapsed": 0, "refunds_escalated": 0}
    assert hold_warning(hold, start - timedelta(days=16)) is None
    assert run(start - timedelta(days=15))["warned"] == 1
    assert run(start - timedelta(days=14))["warned"] == 0  # once per warning
    assert hold_warning(hold, start - timedelta(days=14)) == 15
    assert run(start - timedelta(days=3))["warned"] == 1
    assert run(start)["lapsed"] == 1 and run(start + timedelta(days=1))["lapsed"] == 0
    case.refresh_from_db()
    assert case.status == "lapsed"
    assert list(case.events.filter(kind__in=["warned", "lapsed"]).values_list("kind", flat=True)) == [
        "warned", "warned", "lapsed"
    ]  # fmt: skip
    assert Alert.objects.filter(template_key="restitution_lapsing").count() == 2
    # One email per person per run: the handler and the admin, three runs that found something.
    assert sorted(m.to[0] for m in mail.outbox) == sorted(["a1@helpline.test", "admin@helpline.test"] * 3)
    assert all(case.complaint.ack_number in m.body for m in mail.outbox)


def test_a_hold_first_seen_inside_3_days_is_warned_once(case):
    hold = case.holds.get()
    assert run(hold.lapses_at - timedelta(days=2))["warned"] == 1
    assert run(hold.lapses_at - timedelta(days=1))["warned"] == 0


def test_an_order_stops_the_clock(case):
    hold = case.holds.get()
    order_record(case_id=case.pk, by=AdminFactory(), kind="court", number="CC 1/2026",
                 on_date=timezone.localdate(), amount=Decimal("20000"))  # fmt: skip
    assert run(hold.lapses_at + timedelta(days=1)) == {"warned": 0, "lapsed": 0, "refunds_escalated": 0}
    assert hold_warning(RestitutionHold.objects.get(pk=hold.pk), hold.lapses_at) is None


def test_a_refund_request_not_answered_in_time_is_escalated_once(case, settings):
    [refund] = refunds_request(case_id=case.pk, by=AdminFactory())
    assert (refund.due_at - refund.requested_at).days == settings.RESTITUTION_REFUND_DUE_DAYS
    assert run(refund.due_at - timedelta(minutes=1))["refunds_escalated"] == 0
    assert run(refund.due_at)["refunds_escalated"] == 1
    assert run(refund.due_at + timedelta(hours=1))["refunds_escalated"] == 0
    assert RestitutionEvent.objects.filter(kind="escalated", refund=refund).count() == 1
    assert any("overdue" in m.body for m in mail.outbox)
