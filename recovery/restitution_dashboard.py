"""The restitution dashboard (/console/restitution/): how much of the money held came back to the victims.

- **Held vs returned**, amount and share, in all (the headline figure: the share returned), per bank, per district
  and per month the case was opened. Held is what the victims can claim: per case its claimable amount (the
  shares of its holds, capped at the loss), per bank the victims' shares of that bank's holds; returned is what
  the banks confirmed refunded (per case, per bank's refund requests).
- **The median days from hold to refund**: per case with money back, from its first hold to the bank's first
  refund confirmation. Computed in the database (ORDER BY the wait, the middle one or two rows by OFFSET), so
  it runs the same on SQLite and PostgreSQL; an even count averages the two middle cases.
- **Holds lapsing this week**: live holds (no order, not released, not lapsed, case not closed) whose 90-day
  clock runs out in the next 7 days.

A fixed number of aggregate queries whatever the number of cases; no per-row Python. Cases can be filtered by the
local date they were opened (from / to, both included).
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import (
    Count,
    DecimalField,
    DurationField,
    ExpressionWrapper,
    F,
    Min,
    QuerySet,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone

from complaints.access import complaints_workable_by
from recovery.models import RefundRequest, RestitutionCase, RestitutionEvent, RestitutionHold
from recovery.restitution_clocks import LIVE

MONEY = DecimalField(max_digits=16, decimal_places=2)
ZERO = Value(Decimal(0), output_field=MONEY)
LAPSING_DAYS = 7
LAPSING_LISTED = 100


def share_of(returned: Decimal, held: Decimal) -> Decimal | None:
    """Returned as a percentage of held, to one decimal (half up); None when nothing was held."""
    if not held:
        return None
    return (Decimal(returned) * 100 / Decimal(held)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class HeldReturned:
    """One line of the dashboard: a bank, a district, a month, or everything."""

    label: str
    held: Decimal
    returned: Decimal
    cases: int
    key: object = None  # the bank code, the district, the month's first day

    @property
    def share(self) -> Decimal | None:
        return share_of(self.returned, self.held)

    @property
    def still_held(self) -> Decimal:
        return max(self.held - self.returned, Decimal(0))


@dataclass(frozen=True)
class Lapsing:
    count: int
    amount: Decimal
    holds: list[RestitutionHold]  # the ones the viewer works (all for admins), soonest first, at most 100


@dataclass(frozen=True)
class RestitutionDashboard:
    total: HeldReturned
    banks: list[HeldReturned]
    districts: list[HeldReturned]
    months: list[HeldReturned]
    median_days: Decimal | None
    refunded_cases: int
    lapsing: Lapsing
    start: date | None
    end: date | None


def cases_opened(*, start: date | None = None, end: date | None = None) -> QuerySet[RestitutionCase]:
    """Cases opened on a local date from `start` to `end` (both included; either may be open)."""
    cases = RestitutionCase.objects.all()
    zone = timezone.get_current_timezone()
    if start:
        cases = cases.filter(opened_at__gte=datetime.combine(start, time.min, tzinfo=zone))
    if end:
        cases = cases.filter(opened_at__lt=datetime.combine(end + timedelta(days=1), time.min, tzinfo=zone))
    return cases


def _sums(queryset, *, held: str, returned: str) -> QuerySet:
    return queryset.annotate(
        held=Coalesce(Sum(held), ZERO, output_field=MONEY),
        returned=Coalesce(Sum(returned), ZERO, output_field=MONEY),
        cases=Count("pk"),
    )


def _total(cases) -> HeldReturned:
    row = cases.aggregate(
        held=Coalesce(Sum("claimable"), ZERO, output_field=MONEY),
        returned=Coalesce(Sum("refunded"), ZERO, output_field=MONEY),
        cases=Count("pk"),
    )
    return HeldReturned(label="", held=row["held"], returned=row["returned"], cases=row["cases"])


def _banks(cases) -> list[HeldReturned]:
    """Per bank: the victims' shares of its holds, and what it confirmed refunded (two grouped queries)."""
    holds, refunds = RestitutionHold.objects.all(), RefundRequest.objects.all()
    if cases.query.where:  # a date range: only its cases (no filter, no subquery, when it is everything)
        holds, refunds = holds.filter(case__in=cases), refunds.filter(case__in=cases)
    held = holds.values("bank__code", "bank__name").annotate(
        held=Coalesce(Sum("share"), ZERO, output_field=MONEY), cases=Count("case_id", distinct=True)
    )
    returned = dict(
        refunds.values("bank__code")
        .annotate(returned=Coalesce(Sum("refunded"), ZERO, output_field=MONEY))
        .values_list("bank__code", "returned")
    )
    rows = [
        HeldReturned(label=r["bank__name"], key=r["bank__code"], held=r["held"], cases=r["cases"],
                     returned=returned.get(r["bank__code"], Decimal(0)))
        for r in held
    ]  # fmt: skip
    return sorted(rows, key=lambda r: (-r.held, r.label))


def _districts(cases) -> list[HeldReturned]:
    rows = _sums(cases.values("complaint__district"), held="claimable", returned="refunded").order_by(
        "-held", "complaint__district"
    )
    return [
        HeldReturned(label=r["complaint__district"], key=r["complaint__district"], held=r["held"],
                     returned=r["returned"], cases=r["cases"])
        for r in rows
    ]  # fmt: skip


def _months(cases) -> list[HeldReturned]:
    zone = timezone.get_current_timezone()
    months = cases.annotate(month=TruncMonth("opened_at", tzinfo=zone)).values("month")
    rows = _sums(months, held="claimable", returned="refunded").order_by("month")
    return [
        HeldReturned(label=_month_key(r["month"]).strftime("%Y-%m"), key=_month_key(r["month"]), held=r["held"],
                     returned=r["returned"], cases=r["cases"])
        for r in rows
    ]  # fmt: skip


def _month_key(month) -> date:
    return month.date() if isinstance(month, datetime) else month


def _waits(cases) -> QuerySet:
    """Per case with money back: the time from its first hold to the first refund the bank confirmed (one grouped
    join of the refund events with the holds, no per-case subquery)."""
    events = RestitutionEvent.objects.filter(kind=RestitutionEvent.Kind.REFUNDED, case__refunded__gt=0)
    if cases.query.where:
        events = events.filter(case__in=cases)
    return (
        events.values("case_id")
        .annotate(first_refund=Min("created_at"), first_hold=Min("case__holds__held_at"))
        .filter(first_hold__isnull=False)
        .annotate(wait=ExpressionWrapper(F("first_refund") - F("first_hold"), output_field=DurationField()))
    )


def median_days_to_refund(cases) -> tuple[Decimal | None, int]:
    """(median days from hold to refund to one decimal, number of cases with money back). Two queries: the count,
    then the one or two middle waits by ORDER BY … OFFSET (portable: no percentile function needed)."""
    waits = _waits(cases)
    count = waits.count()
    if not count:
        return None, 0
    rows = waits.order_by("wait", "case_id").values_list("case_id", "wait")[(count - 1) // 2 : count // 2 + 1]
    middle = [wait for _case, wait in rows]
    seconds = sum(w.total_seconds() for w in middle) / len(middle)
    days = Decimal(str(seconds)) / Decimal(86400)
    return days.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP), count


def holds_lapsing(*, user, now: datetime | None = None, days: int = LAPSING_DAYS) -> Lapsing:
    """Live holds whose clock runs out in the next `days` days without an order: the count and amount of all of
    them, and the list of those on complaints `user` works (all for admins), soonest first."""
    now = now or timezone.now()
    due = RestitutionHold.objects.filter(LIVE, lapses_at__gt=now, lapses_at__lte=now + timedelta(days=days))
    row = due.aggregate(count=Count("pk"), amount=Coalesce(Sum("share"), ZERO, output_field=MONEY))
    listed = list(
        due.filter(case__complaint__in=complaints_workable_by(user=user))
        .select_related("bank", "case__complaint__handler")
        .order_by("lapses_at", "pk")[:LAPSING_LISTED]
    )
    return Lapsing(count=row["count"], amount=row["amount"], holds=listed)


def restitution_dashboard(
    *, user, start: date | None = None, end: date | None = None, now: datetime | None = None
) -> RestitutionDashboard:
    """Every figure of the dashboard for cases opened from `start` to `end` (local dates, both included); the
    holds lapsing this week are always the next 7 days from `now`."""
    if start and end and start > end:
        raise ValueError("start after end")
    cases = cases_opened(start=start, end=end)
    median, refunded_cases = median_days_to_refund(cases)
    return RestitutionDashboard(
        total=_total(cases),
        banks=_banks(cases),
        districts=_districts(cases),
        months=_months(cases),
        median_days=median,
        refunded_cases=refunded_cases,
        lapsing=holds_lapsing(user=user, now=now),
        start=start,
        end=end,
    )
