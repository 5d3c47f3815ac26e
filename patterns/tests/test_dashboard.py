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
