"""The scheduled analysis: registered with beat, computes snapshots, retries loudly while the store is down."""

import datetime as dt

import pytest
from celery.exceptions import Retry
from django.db import OperationalError, connections

from fraudsafe.schedules import collect
from patterns.models import PatternReport
from patterns.tasks import report_compute_task, reports_refresh_task
from patterns.tests.factories import cases_at


def test_daily_analysis_is_registered_with_a_configurable_time():
    entry = next(spec for spec in collect() if spec.task == "patterns.tasks.reports_refresh_task")

    assert entry.crontab == "30 2 * * *" and entry.queue == "default"


@pytest.mark.django_db
def test_refresh_computes_the_national_and_per_district_reports(settings):
    settings.PATTERNS_MINIMUM_CASES = 1
    when = dt.datetime.now(dt.UTC) - dt.timedelta(days=1)
    cases_at("default", (when, "Pune", "", "upi"), (when, "Jaipur", "", "card"))

    ids = reports_refresh_task.delay().get()

    assert len(ids) == 3
    assert sorted(PatternReport.objects.values_list("district", flat=True)) == ["", "Jaipur", "Pune"]


@pytest.mark.django_db
def test_on_demand_task_returns_the_report_id():
    report_id = report_compute_task.delay(days=7, district="Pune").get()

    assert PatternReport.objects.get(pk=report_id).district == "Pune"


@pytest.mark.django_db
def test_analysis_retries_and_fails_loudly_while_the_case_store_is_down(monkeypatch, caplog):
    def store_down(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connections["default"], "cursor", store_down)
    monkeypatch.setattr(connections["default"], "chunked_cursor", store_down)
    retries = []
    monkeypatch.setattr(reports_refresh_task, "retry", lambda *a, **kw: retries.append(kw) or Retry())

    with pytest.raises(Retry):
        reports_refresh_task.apply(throw=True)

    assert retries and isinstance(retries[0]["exc"], OperationalError)
    assert "case store unavailable" in caplog.text
