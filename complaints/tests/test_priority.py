"""Priority: the money that can still be saved first, sorted in the database; take next follows it."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import AttenderFactory
from complaints.console.selectors import unassigned_queue
from complaints.models import Complaint
from complaints.priority import complaint_priority, priority_of
from complaints.tests.factories import ComplaintFactory, TransactionFactory
from complaints.workflow import complaint_take_next

pytestmark = pytest.mark.django_db
NOW = timezone.now()


def filed(*, hours_ago: float, amounts=("25000",), created_hours_ago: float = 0):
    """A complaint whose newest transaction was `hours_ago` hours ago, with one transaction per amount."""
    moment = timezone.localtime(NOW - dt.timedelta(hours=hours_ago))
    complaint = ComplaintFactory(
        created_at=NOW - dt.timedelta(hours=created_hours_ago), latest_transaction_at=moment.replace(microsecond=0)
    )
    for position, amount in enumerate(amounts, start=1):
        TransactionFactory(
            complaint=complaint, position=position, amount=Decimal(amount), date=moment.date(), time=moment.time()
        )
    return complaint


def test_the_golden_hour_comes_first():
    old_big = filed(hours_ago=72, amounts=["500000"], created_hours_ago=10)
    fresh_small = filed(hours_ago=0.5, amounts=["5000"], created_hours_ago=0)
    assert list(unassigned_queue()) == [fresh_small, old_big]


def test_at_the_same_age_more_money_and_more_transactions_come_first():
    one_small = filed(hours_ago=3, amounts=["2000"], created_hours_ago=5)
    one_big = filed(hours_ago=3, amounts=["150000"], created_hours_ago=4)
    three_big = filed(hours_ago=3, amounts=["50000", "50000", "50000"], created_hours_ago=3)
    assert list(unassigned_queue()) == [three_big, one_big, one_small]


def test_ties_go_to_the_older_complaint():
    newer = filed(hours_ago=30, created_hours_ago=1)
    older = filed(hours_ago=30, created_hours_ago=9)
    assert list(unassigned_queue()) == [older, newer]


def test_the_queue_can_be_sorted_by_age():
    older = filed(hours_ago=200, created_hours_ago=9)
    fresh = filed(hours_ago=0.2, created_hours_ago=1)
    assert list(unassigned_queue(order="priority")) == [fresh, older]
    assert list(unassigned_queue(order="age")) == [older, fresh]


def test_the_database_score_is_the_score_explained_to_the_attender():
    for hours, amounts in [(0.5, ["5000"]), (5, ["150000", "1"]), (40, ["1000000"]), (500, ["10"] * 6)]:
        filed(hours_ago=hours, amounts=amounts)
    for complaint in unassigned_queue():
        assert complaint.priority == complaint_priority(complaint).score


def test_the_rule_in_numbers_with_default_weights():
    golden = priority_of(
        latest_transaction_at=NOW - dt.timedelta(minutes=40), amount=Decimal("25000"), count=1, now=NOW
    )
    assert (golden.score, golden.level) == (60 + 13 + 2, "urgent")
    assert golden.reason.startswith("golden hour: money left 40 minutes ago")
    assert "₹25,000.00 lost" in golden.reason and "1 transaction" in golden.reason
    stale = priority_of(latest_transaction_at=NOW - dt.timedelta(days=10), amount=Decimal("2000"), count=1, now=NOW)
    assert (stale.score, stale.level) == (0 + 3 + 2, "low")


def test_weights_come_from_the_settings(settings):
    settings.COMPLAINT_PRIORITY_WEIGHT_RECENCY = 0
    settings.COMPLAINT_PRIORITY_WEIGHT_TRANSACTIONS = 0
    fresh_small = filed(hours_ago=0.1, amounts=["100"], created_hours_ago=2)
    old_big = filed(hours_ago=300, amounts=["2000000"], created_hours_ago=1)
    assert list(unassigned_queue()) == [old_big, fresh_small]


def test_the_score_decays_with_the_clock_without_any_job():
    complaint = filed(hours_ago=0.5)
    first = unassigned_queue().get(pk=complaint.pk).priority
    Complaint.objects.filter(pk=complaint.pk).update(latest_transaction_at=NOW - dt.timedelta(days=2))
    assert unassigned_queue().get(pk=complaint.pk).priority < first


def test_take_next_takes_the_highest_priority_not_the_oldest():
    filed(hours_ago=100, created_hours_ago=20)
    urgent = filed(hours_ago=0.3, amounts=["90000", "40000"], created_hours_ago=0)
    assert complaint_take_next(attender=AttenderFactory()) == urgent


def test_the_unassigned_page_shows_priority_with_its_reason_and_sorts(client):
    client.force_login(AttenderFactory())
    older = filed(hours_ago=150, amounts=["3000"], created_hours_ago=8)
    fresh = filed(hours_ago=0.4, amounts=["125000"], created_hours_ago=1)
    page = client.get(reverse("console-unassigned")).content.decode()
    assert page.index(fresh.ack_number) < page.index(older.ack_number)
    assert "Urgent" in page and "golden hour: money left" in page and "₹1,25,000.00 lost" in page
    by_age = client.get(reverse("console-unassigned"), {"order": "age"}).content.decode()
    assert by_age.index(older.ack_number) < by_age.index(fresh.ack_number)


def test_filing_a_complaint_records_when_the_money_left():
    from complaints.services import complaint_submit

    complaint = complaint_submit(
        phone="+919812300000",
        answers={
            "name": "Asha Rao",
            "mobile": "9812300000",
            "dob": "1985-05-17",
            "father_name": "Ramesh Rao",
            "district": "Pune",
            "pin_code": "411001",
        },
        transactions=[
            {
                "date": "2026-11-20",
                "time": hhmm,
                "bank": "HDFC Bank",
                "account_number": "123456789012",
                "amount": "1000.00",
                "transaction_id": f"UPI12345678{n}",
                "fraud_type": "upi",
            }
            for n, hhmm in enumerate(["09:15", "21:40", "13:00"])
        ],
    )
    local = timezone.localtime(complaint.latest_transaction_at)
    assert (local.date().isoformat(), local.strftime("%H:%M")) == ("2026-11-20", "21:40")
