"""The fraud-pattern analysis: counting pushed into the database, the rules applied to the counts in Python.

Every count comes from a handful of grouped ORM queries (values/annotate/Count with Extract*/Trunc* in the
helpline's time zone), so the same code runs on SQLite, PostgreSQL and MongoDB (django-mongodb-backend) and
never reads cases into Python. What reaches Python is at most a few thousand grouped rows.

Rules (documented for the alerts that rely on them):
- Peak hours: the top N hours of day (setting PATTERNS_PEAK_HOURS) by count, among hours with at least one
  case. Ties: more cases first, then the earlier clock hour (00 before 23) — deterministic on every store.
- Peak windows: peak hours that follow each other on the clock (23 and 00 included) merge into one window
  [start_hour, end_hour) with end_hour exclusive and taken modulo 24 (23–00 is start 23, end 1).
- Recommended alert time: PATTERNS_ALERT_LEAD_HOURS before each window's start; when that hour falls inside
  any peak window the alert moves earlier, hour by hour, until it is outside all of them. Sorted, unique.
- Minimum-data guard: fewer than PATTERNS_MINIMUM_CASES cases (national or in a district) → enough_data is
  false and no alert time is recommended there.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count
from django.db.models.functions import ExtractHour, TruncDay
from django.utils import timezone

from fraudsafe.districts import district_canonical
from patterns.models import FraudCase

TOP_AREAS = 10


@dataclass(frozen=True)
class Rules:
    minimum_cases: int
    peak_hours: int
    lead_hours: int

    @classmethod
    def from_settings(cls) -> Rules:
        return cls(
            minimum_cases=settings.PATTERNS_MINIMUM_CASES,
            peak_hours=settings.PATTERNS_PEAK_HOURS,
            lead_hours=settings.PATTERNS_ALERT_LEAD_HOURS,
        )


def helpline_zone() -> dt.tzinfo:
    """The zone hours and days are counted in: Django's TIME_ZONE, the helpline's."""
    return timezone.get_default_timezone()


# --- pure rules over counts ----------------------------------------------------------------------------------


def peak_hours(hour_counts: list[int], top: int) -> list[dict]:
    """Top `top` hours by count (count desc, then earlier hour); hours without cases are never peaks."""
    ranked = sorted((hour for hour in range(24) if hour_counts[hour] > 0), key=lambda h: (-hour_counts[h], h))
    return [{"hour": hour, "count": hour_counts[hour]} for hour in ranked[:top]]


def peak_windows(hour_counts: list[int], peaks: list[dict]) -> list[dict]:
    """Merge clock-adjacent peak hours (wrapping at midnight) into windows; most cases first, then start hour."""
    hours = {peak["hour"] for peak in peaks}
    if not hours:
        return []
    if len(hours) == 24:
        return [{"start_hour": 0, "end_hour": 0, "count": sum(hour_counts)}]
    windows = []
    for hour in sorted(hours):
        if (hour - 1) % 24 in hours:
            continue  # not the first hour of its run
        length = 1
        while (hour + length) % 24 in hours:
            length += 1
        count = sum(hour_counts[(hour + i) % 24] for i in range(length))
        windows.append({"start_hour": hour, "end_hour": (hour + length) % 24, "count": count})
    return sorted(windows, key=lambda w: (-w["count"], w["start_hour"]))


def _in_window(hour: int, window: dict) -> bool:
    length = (window["end_hour"] - window["start_hour"]) % 24 or 24
    return (hour - window["start_hour"]) % 24 < length


def alert_times(windows: list[dict], lead_hours: int) -> list[str]:
    """ "HH:MM" times, lead_hours before each window start, moved earlier out of any peak window."""
    times = set()
    for window in windows:
        hour = (window["start_hour"] - lead_hours) % 24
        for _ in range(24):
            if not any(_in_window(hour, other) for other in windows):
                times.add(hour)
                break
            hour = (hour - 1) % 24
    return [f"{hour:02d}:00" for hour in sorted(times)]


def _share(count: int, total: int) -> float:
    return round(count / total, 4) if total else 0.0


def _timing(hour_counts: list[int], total: int, rules: Rules) -> dict:
    enough = total >= rules.minimum_cases
    peaks = peak_hours(hour_counts, rules.peak_hours)
    windows = peak_windows(hour_counts, peaks)
    return {
        "enough_data": enough,
        "peak_hours": peaks,
        "peak_windows": windows,
        "recommended_alert_times": alert_times(windows, rules.lead_hours) if enough else [],
    }


def _distribution(counts: dict[str, int], key: str, total: int, limit: int | None = None) -> list[dict]:
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:limit]
    return [{key: name, "count": count, "share": _share(count, total)} for name, count in ordered]


# --- the report ----------------------------------------------------------------------------------------------


def build_report(
    *, start: dt.datetime, end: dt.datetime, district: str = "", using: str | None = None, rules: Rules | None = None
) -> dict:
    """The analysis of cases with start <= occurred_at < end (optionally one district) as a JSON-ready dict."""
    rules = rules or Rules.from_settings()
    district = district_canonical(district)
    zone = helpline_zone()
    cases = FraudCase.objects.using(using) if using else FraudCase.objects.all()
    window = cases.filter(occurred_at__gte=start, occurred_at__lt=end)
    previous = cases.filter(occurred_at__gte=start - (end - start), occurred_at__lt=start)
    if district:
        window, previous = window.filter(district=district), previous.filter(district=district)

    # Grouped scans; only the first two convert times to the helpline zone (the costly part per row).
    hour_counts, district_hours = _hour_counts(window, zone)
    days = _day_counts(window, zone)
    mix = _mix_counts(window)
    # The previous period of the same length, per district (for "change").
    previous_counts = {
        row["district"]: row["n"] for row in previous.values("district").annotate(n=Count("id")).order_by()
    }
    total = sum(hour_counts)
    districts = _district_rows(district_hours, mix, previous_counts, total, rules)

    weekday_counts = [0] * 7  # Monday first, helpline zone
    weekly: dict[dt.date, int] = defaultdict(int)
    for day, n in days.items():
        weekday_counts[day.weekday()] += n
        weekly[day - dt.timedelta(days=day.weekday())] += n

    return {
        "time_zone": settings.TIME_ZONE,
        "district": district,
        "window": {"start": start.isoformat(), "end": end.isoformat()},
        "case_count": total,
        "previous_case_count": sum(previous_counts.values()),
        "minimum_cases": rules.minimum_cases,
        "alert_lead_hours": rules.lead_hours,
        "hour_counts": hour_counts,
        "weekday_counts": weekday_counts,
        **_timing(hour_counts, total, rules),
        "districts": districts,
        "fraud_types": _distribution(mix.types, "fraud_type", total),
        "categories": _distribution(mix.categories, "category", total),
        "trend_daily": [{"date": day.isoformat(), "count": days[day]} for day in sorted(days)],
        "trend_weekly": [{"week_start": week.isoformat(), "count": weekly[week]} for week in sorted(weekly)],
    }


def _hour_counts(window, zone) -> tuple[list[int], dict[str, list[int]]]:
    """District x hour of day (helpline zone) -> national and per-district hour counts."""
    hour_counts = [0] * 24
    district_hours: dict[str, list[int]] = defaultdict(lambda: [0] * 24)
    by_hour = (
        window.annotate(hour=ExtractHour("occurred_at", tzinfo=zone))
        .values("district", "hour")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in by_hour:
        n, hour = row["n"], int(row["hour"])
        hour_counts[hour] += n
        district_hours[row["district"]][hour] += n
    return hour_counts, district_hours


def _day_counts(window, zone) -> dict[dt.date, int]:
    """Day (helpline zone) -> cases: the daily and weekly trend, weekdays."""
    days: dict[dt.date, int] = defaultdict(int)
    by_day = window.annotate(day=TruncDay("occurred_at", tzinfo=zone)).values("day").annotate(n=Count("id")).order_by()
    for row in by_day:
        days[_local_date(row["day"], zone)] += row["n"]
    return days


@dataclass
class _Mix:
    """District x area x type x category counts (no time arithmetic)."""

    district_types: dict = field(default_factory=lambda: defaultdict(lambda: defaultdict(int)))
    district_areas: dict = field(default_factory=lambda: defaultdict(lambda: defaultdict(int)))
    types: dict = field(default_factory=lambda: defaultdict(int))
    categories: dict = field(default_factory=lambda: defaultdict(int))


def _mix_counts(window) -> _Mix:
    mix = _Mix()
    for row in window.values("district", "area", "fraud_type", "category").annotate(n=Count("id")).order_by():
        n = row["n"]
        mix.district_types[row["district"]][row["fraud_type"]] += n
        if row["area"]:
            mix.district_areas[row["district"]][row["area"]] += n
        mix.types[row["fraud_type"]] += n
        mix.categories[row["category"]] += n
    return mix


def _district_rows(district_hours, mix: _Mix, previous_counts: dict, total: int, rules: Rules) -> list[dict]:
    """One row per district, busiest first: count, share, change against the previous period, timing, mixes."""
    district_totals = {name: sum(hours) for name, hours in district_hours.items()}
    districts = []
    for name, count in sorted(district_totals.items(), key=lambda item: (-item[1], item[0])):
        before = previous_counts.get(name, 0)
        districts.append(
            {
                "district": name,
                "count": count,
                "share": _share(count, total),
                "previous_count": before,
                "change": count - before,
                "change_ratio": round((count - before) / before, 4) if before else None,
                "hour_counts": district_hours[name],
                **_timing(district_hours[name], count, rules),
                "fraud_types": _distribution(mix.district_types[name], "fraud_type", count),
                "areas": _distribution(mix.district_areas.get(name, {}), "area", count, TOP_AREAS),
            }
        )
    return districts


def _local_date(value, zone: dt.tzinfo) -> dt.date:
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(zone)
        return value.date()
    return value
