"""The staff dashboard: access by role, and a real render in headless Chromium (screenshot artifact)."""

import datetime as dt
import io

import pytest
from django.core.management.base import OutputWrapper
from django.core.management.color import no_style
from django.utils import timezone

from accounts.tests.factories import AttenderFactory, CitizenFactory
from patterns import demo
from patterns.models import FraudCase
from patterns.tests.factories import cases_at
from pytest_fraudsafe import closes_its_db_connection


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_login(client):
    response = client.get("/console/patterns/")

    assert response.status_code == 302 and response["Location"].startswith("/console/login/")


@pytest.mark.django_db
def test_attender_sees_the_dashboard_with_alert_times(client):
    demo.load(stdout=OutputWrapper(io.StringIO()), style=no_style())
    client.force_login(AttenderFactory())

    response = client.get("/console/patterns/", {"days": 90, "district": "Jaipur"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Fraud patterns in Jaipur" in html and "<svg" in html
    assert "09:00" in html  # Jaipur's own alert time, not the national 17:00


@pytest.mark.mongo
@pytest.mark.django_db(databases=["default", "mongo"])
def test_dashboard_reads_a_mongodb_case_store(client, settings):
    settings.ANALYTICS_DB_ALIAS = "mongo"
    settings.PATTERNS_MINIMUM_CASES = 3
    when = timezone.now().replace(minute=0) - dt.timedelta(days=1)
    cases_at("mongo", *[(when, "Chennai", "Velachery", "upi") for _ in range(4)])
    client.force_login(AttenderFactory())

    response = client.get("/console/patterns/", {"district": "Chennai"})

    assert response.status_code == 200
    assert '<option value="Chennai" selected>' in response.content.decode()
    assert response.context["report"]["case_count"] == 4


@pytest.mark.django_db
def test_empty_store_shows_not_enough_data(client):
    client.force_login(AttenderFactory())

    html = client.get("/console/patterns/").content.decode()

    assert 'data-testid="not-enough-data"' in html


@pytest.mark.django_db
def test_demo_data_is_idempotent():
    out = OutputWrapper(io.StringIO())
    demo.load(stdout=out, style=no_style())
    demo.load(stdout=out, style=no_style())

    assert FraudCase.objects.count() == demo.CASES
    assert set(FraudCase.objects.values_list("district", flat=True).distinct()) >= {
        "Bengaluru Urban",
        "Pune",
        "Hyderabad",
        "Jaipur",
        "Chennai",
    }


@pytest.mark.browser
@closes_its_db_connection
def test_dashboard_renders_in_chromium(browser_page, live_server, artifacts_dir):
    CitizenFactory()  # the run command's citizens live in the same districts
    demo.load(stdout=OutputWrapper(io.StringIO()), style=no_style())
    AttenderFactory(username="dash-attender")
    page = browser_page

    page.goto(live_server + "/console/patterns/")
    page.fill("input[name=username]", "dash-attender")
    page.fill("input[name=password]", "correct-horse-battery")
    page.click("button[type=submit]")
    page.wait_for_url("**/console/**")
    page.goto(live_server + "/console/patterns/")

    assert page.locator("[data-testid=case-count]").inner_text().strip() != "0"
    assert page.locator("[data-testid=alert-times]").inner_text().strip() == "17:00"
    assert page.locator("svg").count() >= 4
    page.screenshot(path=str(artifacts_dir / "patterns-dashboard.png"), full_page=True)
    page.select_option("select[name=district]", "Jaipur")
    page.click("form.pt-filter button")
    assert page.locator("[data-testid=alert-times]").inner_text().strip() == "09:00"
    page.screenshot(path=str(artifacts_dir / "patterns-dashboard-jaipur.png"), full_page=True)


def test_the_zone_reads_as_staff_say_it():
    from patterns.charts import zone_label

    assert zone_label("Asia/Kolkata") == "IST (UTC+5:30)"
    assert zone_label("UTC") == "UTC+0"
    assert zone_label("Asia/Kathmandu") == "UTC+5:45"  # no abbreviation in the tz database: the offset alone


def test_todays_partial_day_is_drawn_apart_not_as_a_plunge():
    from patterns.charts import trend_chart

    days = [{"date": f"2026-12-0{d}", "count": n} for d, n in ((4, 60), (5, 64), (6, 3))]
    zone = "Asia/Kolkata"
    at_noon = trend_chart({"trend_daily": days, "computed_at": "2026-12-06T06:30:00+00:00", "time_zone": zone})
    assert at_noon["today"]["count"] == 3
    assert len(at_noon["line"].split()) == 2  # the whole days only; today is its own dashed segment
    days_ago = trend_chart({"trend_daily": days, "computed_at": "2026-12-07T06:30:00+00:00", "time_zone": zone})
    assert days_ago["today"] is None and len(days_ago["line"].split()) == 3


@pytest.mark.django_db
def test_counts_use_indian_grouping_and_categories_their_names(client):
    from django.utils import translation

    from patterns.charts import category_rows, change_text

    assert change_text(123456, 90) == "+1,23,456 vs previous 90 days"
    report = {"categories": [{"category": "Financial", "count": 1234567}, {"category": "Social", "count": 5}]}
    with translation.override("hi"):
        names = [row["name"] for row in category_rows(report)]
    assert "Financial" not in names and all(names)
    when = timezone.now() - dt.timedelta(days=2)
    cases_at("default", *[(when, "Pune", "Kothrud", "upi_fraud")] * 1200)
    client.force_login(AttenderFactory())
    html = client.get("/console/patterns/", {"days": 90}).content.decode()
    assert 'data-testid="case-count">1,200<' in html
    assert "IST (UTC+5:30)" in html
    assert 'data-testid="categories">Financial: 1,200<' in html
