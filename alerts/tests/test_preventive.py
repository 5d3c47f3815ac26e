from datetime import datetime, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from alerts.models import Alert
from alerts.preventive import preventive_alerts_schedule

pytestmark = pytest.mark.django_db
IST = ZoneInfo("Asia/Kolkata")


def _report(enough=True):
    return {
        "enough_data": enough,
        "recommended_alert_times": ["17:00", "21:00"],
        "peak_windows": [],
        "fraud_types": [],
        "districts": [
            {
                "district": "Pune",
                "count": 40,
                "recommended_alert_times": ["18:00"],
                "fraud_types": [{"fraud_type": "UPI fraud", "count": 30, "share": 0.75}],
                "areas": [],
            },
            {"district": "Jaipur", "count": 20, "recommended_alert_times": ["08:00", "20:00"], "fraud_types": []},
        ],
    }


MORNING = datetime(2026, 3, 2, 9, 0, tzinfo=IST)


def test_schedule_creates_general_and_district_alerts_at_recommended_times_in_helpline_zone():
    created = preventive_alerts_schedule(report=SimpleNamespace(report=_report()), now=MORNING)

    planned = sorted((a.kind, a.district, a.send_at.astimezone(IST).strftime("%H:%M")) for a in created)
    # Jaipur's 08:00 has already passed this morning: skipped.
    assert planned == [
        ("general", "", "17:00"),
        ("general", "", "21:00"),
        ("location", "Jaipur", "20:00"),
        ("location", "Pune", "18:00"),
    ]
    pune = next(a for a in created if a.district == "Pune")
    assert pune.audience == {"type": "location", "district": "Pune"}
    assert pune.context["fraud_types"] == "UPI fraud"
    assert all(a.status == "scheduled" and a.preventive for a in created)


def test_running_the_schedule_twice_on_the_same_day_creates_nothing_twice():
    report = SimpleNamespace(report=_report())
    preventive_alerts_schedule(report=report, now=MORNING)
    again = preventive_alerts_schedule(report=report, now=MORNING + timedelta(hours=1))
    assert again == []
    assert Alert.objects.count() == 4


def test_the_natural_key_is_enforced_by_the_database():
    from django.db import IntegrityError

    preventive_alerts_schedule(report=SimpleNamespace(report=_report()), now=MORNING)
    existing = Alert.objects.filter(kind="general").first()
    with pytest.raises(IntegrityError):
        Alert.objects.create(
            kind="general", audience={"type": "everyone"}, template_key="general", send_at=existing.send_at,
            preventive=True,
        )  # fmt: skip


def test_report_without_enough_data_schedules_nothing():
    assert preventive_alerts_schedule(report=SimpleNamespace(report=_report(enough=False)), now=MORNING) == []


def test_top_district_count_is_configurable(settings):
    settings.ALERTS_PREVENTIVE_TOP_DISTRICTS = 1
    created = preventive_alerts_schedule(report=SimpleNamespace(report=_report()), now=MORNING)
    assert {a.district for a in created} == {"", "Pune"}


def test_schedule_reads_the_latest_pattern_report_by_default():
    from patterns.models import PatternReport

    now = timezone.now()
    PatternReport.objects.create(
        window_start=now - timedelta(days=90), window_end=now, district="", case_count=60, report=_report()
    )
    local_now = now.astimezone(IST)
    created = preventive_alerts_schedule()
    at = {t: datetime.combine(local_now.date(), datetime.strptime(t, "%H:%M").time(), IST) for t in ("17:00", "21:00")}
    expected = {t for t, when in at.items() if when > now}
    assert {a.send_at.astimezone(IST).strftime("%H:%M") for a in created if a.kind == "general"} == expected
