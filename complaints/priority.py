"""The priority of a complaint: how much of the victim's money can still be saved, computed in the database.

The rule (README, "Priority"). A complaint's score is the sum of three parts, each a step of its weight
(settings COMPLAINT_PRIORITY_WEIGHT_RECENCY / _AMOUNT / _TRANSACTIONS, default 60 / 30 / 10):

- time since the newest transaction (the golden hour first): up to 1 hour 100 %, 6 hours 70 %, 24 hours 45 %,
  3 days 25 %, 7 days 10 %, older 0 %; a complaint without transactions gets 0 %;
- amount lost (all transactions): from ₹10,00,000 100 %, ₹1,00,000 70 %, ₹25,000 45 %, ₹5,000 25 %, less 10 %;
- number of transactions: 5 or more 100 %, 4 80 %, 3 60 %, 2 40 %, 1 20 %.

Levels: Urgent from 70 points, High from 45, Normal from 20, Low below. Ties go to the older complaint.

Why an annotation and not a stored score: the recency part decays with the clock, so a stored score would be
stale a minute after it was written and would need a job rewriting every open complaint. Instead the only stored
fact is `Complaint.latest_transaction_at` (fixed once filed) and the score is a CASE expression over it and the
transactions' SUM/COUNT, with the step boundaries computed from `now` in Python: the queue sorts in the database,
on SQLite and PostgreSQL alike, and is right at every moment.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from complaints.models import Complaint
from fraudsafe.money import format_inr

# (newer than, share of the weight): the first step a transaction is within counts.
RECENCY_STEPS: tuple[tuple[timedelta, int], ...] = (
    (timedelta(hours=1), 100),
    (timedelta(hours=6), 70),
    (timedelta(hours=24), 45),
    (timedelta(days=3), 25),
    (timedelta(days=7), 10),
)
AMOUNT_STEPS: tuple[tuple[Decimal, int], ...] = (
    (Decimal("1000000"), 100),
    (Decimal("100000"), 70),
    (Decimal("25000"), 45),
    (Decimal("5000"), 25),
)
AMOUNT_FLOOR = 10  # share for any smaller amount (there is always one transaction's worth of money)
COUNT_STEPS: tuple[tuple[int, int], ...] = ((5, 100), (4, 80), (3, 60), (2, 40), (1, 20))
LEVELS = (
    (70, "urgent", gettext_lazy("Urgent")),
    (45, "high", gettext_lazy("High")),
    (20, "normal", gettext_lazy("Normal")),
    (0, "low", gettext_lazy("Low")),
)


def _weights() -> tuple[int, int, int]:
    return (
        settings.COMPLAINT_PRIORITY_WEIGHT_RECENCY,
        settings.COMPLAINT_PRIORITY_WEIGHT_AMOUNT,
        settings.COMPLAINT_PRIORITY_WEIGHT_TRANSACTIONS,
    )


def _points(weight: int, share: int) -> int:
    return weight * share // 100


def priority_expression(*, now: datetime):
    """The score as a database expression; needs `total_amount_annotated` and `transaction_count` annotations."""
    recency, amount, count = _weights()
    recency_part = Case(
        *[
            When(latest_transaction_at__gte=now - age, then=Value(_points(recency, share)))
            for age, share in RECENCY_STEPS
        ],
        default=Value(0),
        output_field=IntegerField(),
    )
    amount_part = Case(
        When(transaction_count=0, then=Value(0)),
        *[When(total_amount_annotated__gte=floor, then=Value(_points(amount, share))) for floor, share in AMOUNT_STEPS],
        default=Value(_points(amount, AMOUNT_FLOOR)),
        output_field=IntegerField(),
    )
    count_part = Case(
        *[When(transaction_count__gte=least, then=Value(_points(count, share))) for least, share in COUNT_STEPS],
        default=Value(0),
        output_field=IntegerField(),
    )
    return recency_part + amount_part + count_part


def with_priority(queryset: QuerySet[Complaint], *, now: datetime | None = None) -> QuerySet[Complaint]:
    """`queryset` (already annotated with totals) annotated with `priority` (an integer score)."""
    return queryset.annotate(priority=priority_expression(now=now or timezone.now()))


# --- the same rule in Python, to explain a score to the attender -------------------------------------------------


def _recency_share(latest: datetime | None, now: datetime) -> int:
    if latest is None:
        return 0
    for age, share in RECENCY_STEPS:
        if latest >= now - age:
            return share
    return 0


def _amount_share(amount: Decimal, count: int) -> int:
    if not count:
        return 0
    for floor, share in AMOUNT_STEPS:
        if amount >= floor:
            return share
    return AMOUNT_FLOOR


def _count_share(count: int) -> int:
    for least, share in COUNT_STEPS:
        if count >= least:
            return share
    return 0


def _ago(delta: timedelta) -> str:
    minutes = max(int(delta.total_seconds() // 60), 0)
    if minutes < 120:
        return ngettext("%(n)d minute ago", "%(n)d minutes ago", minutes) % {"n": minutes}
    hours = minutes // 60
    if hours < 48:
        return ngettext("%(n)d hour ago", "%(n)d hours ago", hours) % {"n": hours}
    days = hours // 24
    return ngettext("%(n)d day ago", "%(n)d days ago", days) % {"n": days}


@dataclass(frozen=True)
class Priority:
    score: int
    level: str  # urgent | high | normal | low (CSS class)
    label: str
    reason: str


def priority_of(
    *, latest_transaction_at: datetime | None, amount: Decimal, count: int, now: datetime | None = None
) -> Priority:
    """The score (equal to the database's) with its level and a one-line reason the attender reads."""
    now = now or timezone.now()
    recency, amount_weight, count_weight = _weights()
    recency_share = _recency_share(latest_transaction_at, now)
    score = (
        _points(recency, recency_share)
        + _points(amount_weight, _amount_share(amount, count))
        + _points(count_weight, _count_share(count))
    )
    level, label = next((key, str(text)) for floor, key, text in LEVELS if score >= floor)
    parts = []
    if latest_transaction_at is not None:
        when = _ago(now - latest_transaction_at)
        if recency_share == 100:
            parts.append(_("golden hour: money left %(when)s") % {"when": when})
        else:
            parts.append(_("money left %(when)s") % {"when": when})
    parts.append(_("₹%(amount)s lost") % {"amount": format_inr(amount)})
    parts.append(ngettext("%(n)d transaction", "%(n)d transactions", count) % {"n": count})
    return Priority(score=score, level=level, label=label, reason=" · ".join(parts))


def complaint_priority(complaint: Complaint, *, now: datetime | None = None) -> Priority:
    """The priority of a complaint annotated with totals (or read from its transactions)."""
    count = getattr(complaint, "transaction_count", None)
    if count is None:
        count = complaint.transactions.count()
    return priority_of(
        latest_transaction_at=complaint.latest_transaction_at,
        amount=complaint.total_amount,
        count=count,
        now=now,
    )


PRIORITY_ORDER = ("-priority", "created_at", "pk")  # highest first, ties oldest first
