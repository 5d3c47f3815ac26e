"""Reads of the patterns app: the latest report snapshots and the report for an API filter."""

from __future__ import annotations

import datetime as dt
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import router
from django.utils import timezone

from fraudsafe.districts import district_canonical
from patterns.analysis import build_report
from patterns.models import FraudCase, PatternReport


def report_latest(*, district: str = "", using: str | None = None) -> PatternReport | None:
    """The newest snapshot for the district ("" = national), or None when none was computed yet."""
    reports = PatternReport.objects.using(using) if using else PatternReport.objects.all()
    return reports.filter(district=district_canonical(district)).order_by("-computed_at").first()


def report_for_filter(*, days: int, district: str = "", now: dt.datetime | None = None) -> dict:
    """The latest snapshot for (district, days) when it is fresh enough, else the analysis computed now.

    Computed reports are not saved: reading never writes (POST recomputes and saves). They are cached for
    PATTERNS_REPORT_CACHE_SECONDS, so partners polling a filter do not rescan the case store on every call.
    """
    live = now is None
    now = now or timezone.now()
    district = district_canonical(district)  # "Bangalore" asks about Bengaluru Urban
    latest = report_latest(district=district)
    fresh_after = now - dt.timedelta(hours=settings.PATTERNS_REPORT_MAX_AGE_HOURS)
    if latest is not None and latest.days == days and latest.computed_at >= fresh_after:
        return {**latest.report, "report_id": str(latest.id), "computed_at": latest.computed_at.isoformat()}
    key = "patterns:report:" + hashlib.sha256(f"{days}:{district}".encode()).hexdigest()  # any district text
    if live and (cached := cache.get(key)) is not None:
        return cached
    report = build_report(start=now - dt.timedelta(days=days), end=now, district=district)
    result = {**report, "report_id": None, "computed_at": now.isoformat()}
    if live:
        cache.set(key, result, timeout=settings.PATTERNS_REPORT_CACHE_SECONDS)
    return result


def district_known(*, district: str, using: str | None = None) -> bool:
    """Whether the case store holds any case of this (normalised) district, at any time."""
    alias = using or router.db_for_read(FraudCase)
    return FraudCase.objects.using(alias).filter(district=district).exists()


def fraud_case_districts(*, using: str | None = None) -> list[str]:
    alias = using or router.db_for_read(FraudCase)
    return sorted(FraudCase.objects.using(alias).values_list("district", flat=True).distinct())


def analyze_legacy_shape(report: dict) -> dict:
    """The old `/api/analyze` answer (time_patterns, location_patterns, fraud_types) from a report."""
    areas = {
        f"{district['district']} / {area['area']}": area["count"]
        for district in report["districts"]
        for area in district["areas"]
    }
    return {
        "total_cases": report["case_count"],
        "enough_data": report["enough_data"],
        "time_patterns": {
            "hourly_distribution": {str(hour): count for hour, count in enumerate(report["hour_counts"])},
            "peak_hours": [peak["hour"] for peak in report["peak_hours"]],
            "peak_hour_counts": {str(peak["hour"]): peak["count"] for peak in report["peak_hours"]},
            "recommended_alert_hours": [int(time[:2]) for time in report["recommended_alert_times"]],
            "time_zone": report["time_zone"],
        },
        "location_patterns": {
            "districts": {district["district"]: district["count"] for district in report["districts"]},
            "areas": dict(sorted(areas.items(), key=lambda item: (-item[1], item[0]))),
            "high_risk_districts": [district["district"] for district in report["districts"][:5]],
        },
        "fraud_types": {entry["fraud_type"]: entry["count"] for entry in report["fraud_types"]},
        "categories": {entry["category"]: entry["count"] for entry in report["categories"]},
    }
