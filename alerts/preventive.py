"""The preventive schedule: today's general and per-district alerts at the report's recommended times."""

import logging
from datetime import date, datetime, time, tzinfo

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from alerts.audience import Audience
from alerts.models import Alert
from alerts.services import alert_create_preventive
from patterns.selectors import report_latest

logger = logging.getLogger(__name__)


def _at(day: date, hhmm: str, zone: tzinfo) -> datetime | None:
    try:
        hours, minutes = (int(part) for part in str(hhmm).split(":"))
        return datetime.combine(day, time(hours, minutes), tzinfo=zone)
    except (TypeError, ValueError):
        return None


def _names(items: list, key: str, limit: int = 3) -> str:
    return ", ".join(str(item.get(key, "")) for item in (items or [])[:limit] if item.get(key))


def preventive_alerts_schedule(*, report=None, now: datetime | None = None) -> list[Alert]:
    """Schedules today's general alert at each recommended time and a location alert per top district.

    Times are read in the helpline time zone; past times are skipped. Idempotent: (kind, district, send_at) is
    a unique natural key of preventive alerts, so re-running the same day creates nothing twice.
    `report` is a patterns PatternReport (or any object with a `.report` dict); default: the latest one.
    """
    if report is None:
        report = report_latest(district="")
    data = getattr(report, "report", None) or {}
    if not data.get("enough_data"):
        return []
    zone = timezone.get_default_timezone()
    now = now or timezone.now()
    today = now.astimezone(zone).date()
    districts = list(data.get("districts") or [])[: settings.ALERTS_PREVENTIVE_TOP_DISTRICTS]
    peak = ", ".join(
        str(w.get("label") or w.get("start") or w) if isinstance(w, dict) else str(w)
        for w in (data.get("peak_windows") or [])[:3]
    )
    plans = []
    general_context = {"peak_hours": peak, "districts": _names(districts, "district")}
    for hhmm in data.get("recommended_alert_times") or []:
        plans.append((Alert.Kind.GENERAL, "", hhmm, "general", Audience.everyone(), general_context))
    for entry in districts:
        district = str(entry.get("district", "")).strip()
        if not district:
            continue
        context = {
            "district": district,
            "case_count": entry.get("count", ""),
            "fraud_types": _names(entry.get("fraud_types"), "fraud_type"),
            "peak_hours": peak,
        }
        for hhmm in entry.get("recommended_alert_times") or data.get("recommended_alert_times") or []:
            plans.append((Alert.Kind.LOCATION, district, hhmm, "location", Audience.location(district), context))
    created = []
    for kind, district, hhmm, template_key, audience, context in plans:
        send_at = _at(today, hhmm, zone)
        if send_at is None or send_at <= now:
            continue
        if Alert.objects.filter(preventive=True, kind=kind, district=district, send_at=send_at).exists():
            continue
        try:
            with transaction.atomic():
                created.append(
                    alert_create_preventive(
                        kind=kind, audience=audience, template_key=template_key, send_at=send_at, context=context
                    )
                )
        except IntegrityError:  # scheduled concurrently by another run
            continue
    logger.info("preventive schedule: %d alerts created for %s", len(created), today.isoformat())
    return created
