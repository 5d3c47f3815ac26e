"""The same analysis on SQL (SQLite or PostgreSQL, alias "default") and MongoDB (SecantusDB, alias "mongo")."""

import datetime as dt
import random

import pytest

from patterns.analysis import build_report
from patterns.selectors import report_latest
from patterns.services import report_compute
from patterns.tests.factories import cases_at

pytestmark = [pytest.mark.django_db(databases=["default", "mongo"]), pytest.mark.mongo]
STORES = ["default", "mongo"]
END = dt.datetime(2026, 3, 31, 18, 30, tzinfo=dt.UTC)  # 1 April 2026 00:00 in Kolkata
START = END - dt.timedelta(days=30)


def utc(day: int, hour: int, minute: int = 0, month: int = 3) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, minute, tzinfo=dt.UTC)


def load_sample(alias: str) -> None:
    """Pune peaks 20:00 IST (14:30 UTC), Jaipur peaks 09:00 IST (03:30 UTC); a few older cases in Pune."""
    specs = []
    for day in range(2, 22):
        specs.append((utc(day, 14, 35), "Pune", "Kothrud", "upi"))
        specs.append((utc(day, 15, 40), "Pune", "Baner", "job_task"))
    for day in range(2, 12):
        specs.append((utc(day, 3, 35), "Jaipur", "Malviya Nagar", "sextortion", "Social"))
    specs += [(utc(day, 14, 35, month=2), "Pune", "Kothrud", "upi") for day in range(1, 6)]
    cases_at(alias, *specs)


def test_report_is_identical_on_sql_and_mongodb(settings):
    settings.PATTERNS_MINIMUM_CASES = 5
    for alias in STORES:
        load_sample(alias)

    sql, mongo = (build_report(start=START, end=END, using=alias) for alias in STORES)

    assert sql == mongo
    assert sql["case_count"] == 50


def test_random_cases_give_identical_reports_on_every_store(settings):
    settings.PATTERNS_MINIMUM_CASES = 10
    rng = random.Random(5)
    specs = [
        (
            START - dt.timedelta(days=30) + dt.timedelta(minutes=rng.randrange(60 * 24 * 60)),
            rng.choice(["Pune", "Jaipur", "Chennai", "Bengaluru Urban"]),
            rng.choice(["", "North", "South", "East"]),
            rng.choice(["upi", "card", "sextortion", "sim_swap"]),
            rng.choice(["Financial", "Social"]),
        )
        for _ in range(400)
    ]
    for alias in STORES:
        cases_at(alias, *specs)

    sql, mongo = (build_report(start=START, end=END, using=alias) for alias in STORES)

    assert sql == mongo
    assert 150 < sql["case_count"] < 250 and sql["previous_case_count"] > 150


@pytest.mark.parametrize("alias", STORES)
def test_counts_hours_in_the_helpline_time_zone(alias, settings):
    settings.PATTERNS_MINIMUM_CASES = 5
    load_sample(alias)

    report = build_report(start=START, end=END, using=alias)

    assert report["hour_counts"][20] == 20  # 14:35 UTC = 20:05 IST
    assert report["hour_counts"][21] == 20  # 15:40 UTC = 21:10 IST
    assert report["hour_counts"][9] == 10  # 03:35 UTC = 09:05 IST
    assert report["peak_windows"][0] == {"start_hour": 20, "end_hour": 22, "count": 40}
    assert report["recommended_alert_times"] == ["07:00", "18:00"]


@pytest.mark.parametrize("alias", STORES)
def test_districts_carry_their_own_peaks_shares_and_change(alias, settings):
    settings.PATTERNS_MINIMUM_CASES = 5
    load_sample(alias)

    report = build_report(start=START, end=END, using=alias)

    pune, jaipur = report["districts"]
    assert (pune["district"], pune["count"], pune["share"]) == ("Pune", 40, 0.8)
    assert (pune["previous_count"], pune["change"]) == (5, 35)
    assert jaipur["peak_hours"] == [{"hour": 9, "count": 10}]
    assert jaipur["recommended_alert_times"] == ["07:00"]
    assert jaipur["fraud_types"] == [{"fraud_type": "sextortion", "count": 10, "share": 1.0}]
    assert pune["areas"][0] == {"area": "Baner", "count": 20, "share": 0.5}
    assert report["categories"] == [
        {"category": "Financial", "count": 40, "share": 0.8},
        {"category": "Social", "count": 10, "share": 0.2},
    ]


@pytest.mark.parametrize("alias", STORES)
def test_cases_either_side_of_helpline_midnight_fall_on_different_days(alias):
    # 18:29 UTC is 23:59 IST on the 10th; 18:31 UTC is 00:01 IST on the 11th.
    cases_at(alias, (utc(10, 18, 29), "Pune", "", "upi"), (utc(10, 18, 31), "Pune", "", "upi"))

    report = build_report(start=START, end=END, using=alias)

    assert report["hour_counts"][23] == 1 and report["hour_counts"][0] == 1
    assert report["trend_daily"] == [{"date": "2026-03-10", "count": 1}, {"date": "2026-03-11", "count": 1}]
    assert report["weekday_counts"] == [0, 1, 1, 0, 0, 0, 0]  # Tuesday 10th, Wednesday 11th
    assert report["trend_weekly"] == [{"week_start": "2026-03-09", "count": 2}]


@pytest.mark.parametrize("alias", STORES)
def test_window_boundaries_are_start_inclusive_end_exclusive(alias):
    cases_at(
        alias, (START, "Pune", "", "upi"), (END, "Pune", "", "upi"), (END - dt.timedelta(seconds=1), "Pune", "", "upi")
    )

    assert build_report(start=START, end=END, using=alias)["case_count"] == 2


@pytest.mark.parametrize("alias", STORES)
def test_too_few_cases_recommend_no_alert_time(alias, settings):
    settings.PATTERNS_MINIMUM_CASES = 30
    load_sample(alias)  # Jaipur has 10 cases, the country 50

    report = build_report(start=START, end=END, using=alias)

    assert report["enough_data"] is True and report["recommended_alert_times"]
    jaipur = report["districts"][1]
    assert jaipur["enough_data"] is False and jaipur["recommended_alert_times"] == []
    assert jaipur["peak_hours"]  # still described, just not alerted on


@pytest.mark.parametrize("alias", STORES)
def test_empty_store_says_not_enough_data(alias):
    report = build_report(start=START, end=END, using=alias)

    assert report["enough_data"] is False
    assert report["recommended_alert_times"] == [] and report["hour_counts"] == [0] * 24


@pytest.mark.parametrize("alias", STORES)
def test_district_report_only_counts_that_district(alias, settings):
    settings.PATTERNS_MINIMUM_CASES = 5
    load_sample(alias)

    snapshot = report_compute(days=30, district="Jaipur", now=END, using=alias)

    assert snapshot.case_count == 10
    assert snapshot.report["recommended_alert_times"] == ["07:00"]
    assert report_latest(district="Jaipur", using=alias) == snapshot
    assert report_latest(district="", using=alias) is None
