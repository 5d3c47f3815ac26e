"""The pattern API per caller: partners and staff read, staff recompute, parameters validated."""

import datetime as dt

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.tests.factories import AdminFactory, AttenderFactory
from patterns.models import PatternReport
from patterns.services import report_compute
from patterns.tests.factories import cases_at

pytestmark = pytest.mark.django_db


@pytest.fixture
def evening_cases(settings):
    settings.PATTERNS_MINIMUM_CASES = 3
    now = timezone.now()
    base = (now - dt.timedelta(days=2)).replace(hour=14, minute=40, second=0, microsecond=0)  # 20:10 IST
    cases_at("default", *[(base - dt.timedelta(days=i), "Pune", "Baner", "upi") for i in range(5)])
    cases_at("default", (base - dt.timedelta(days=1, hours=9), "Jaipur", "", "card"))


@pytest.fixture
def staff_client():
    client = APIClient()
    client.force_login(AttenderFactory())
    return client


def test_anonymous_callers_get_401():
    response = APIClient().get("/api/patterns/report/")

    assert response.status_code in (401, 403)
    assert "error" in response.json()


def test_partner_reads_the_report_computed_for_the_filter(partner_api_client, evening_cases):
    response = partner_api_client.get("/api/patterns/report/", {"days": 30, "district": "Pune"})

    assert response.status_code == 200
    body = response.json()
    assert (body["case_count"], body["district"], body["report_id"]) == (5, "Pune", None)
    assert body["recommended_alert_times"] == ["18:00"]
    assert not PatternReport.objects.exists()  # reading never writes


def test_get_returns_the_latest_fresh_snapshot_for_the_same_filter(partner_api_client, evening_cases):
    snapshot = report_compute(days=90)

    body = partner_api_client.get("/api/patterns/report/", {"days": 90}).json()

    assert body["report_id"] == str(snapshot.id)


def test_partner_cannot_recompute(partner_api_client):
    assert partner_api_client.post("/api/patterns/report/", {"days": 30}, format="json").status_code == 403


def test_staff_recompute_saves_a_snapshot(staff_client, evening_cases):
    response = staff_client.post("/api/patterns/report/", {"days": 30, "district": "Pune"}, format="json")

    assert response.status_code == 201
    snapshot = PatternReport.objects.get()
    assert response.json()["report_id"] == str(snapshot.id)
    assert (snapshot.district, snapshot.case_count) == ("Pune", 5)


@pytest.mark.parametrize("days", ["0", "3651", "ninety", "-5", "1.5"])
def test_days_outside_1_to_3650_are_refused_with_a_clear_message(staff_client, days):
    response = staff_client.get("/api/patterns/report/", {"days": days})

    assert response.status_code == 400
    assert response.json()["error"]["message"] == "days must be a whole number between 1 and 3650."


def test_old_analyze_endpoint_keeps_its_shape(partner_api_client, evening_cases):
    for path in ("/api/analyze", "/api/analyze/"):
        response = partner_api_client.get(path)

        assert response.status_code == 200
        body = response.json()
        assert body["time_patterns"]["recommended_alert_hours"] == [9, 18]  # peaks 20 h (Pune) and 11 h (Jaipur)
        assert body["time_patterns"]["peak_hours"][0] == 20
        assert body["location_patterns"]["districts"] == {"Pune": 5, "Jaipur": 1}
        assert body["fraud_types"] == {"upi": 5, "card": 1}


def test_analyze_validates_days(partner_api_client):
    assert partner_api_client.get("/api/analyze", {"days": "0"}).status_code == 400


def test_admin_can_also_recompute():
    client = APIClient()
    client.force_login(AdminFactory())

    assert client.post("/api/patterns/report/", {}, format="json").status_code == 201


def test_schema_documents_the_endpoints(staff_client):
    schema = staff_client.get("/api/schema/", HTTP_ACCEPT="application/json").json()

    assert {"/api/patterns/report/", "/api/analyze", "/api/analyze/"} <= set(schema["paths"])
    assert "400" in schema["paths"]["/api/patterns/report/"]["get"]["responses"]


def test_district_filter_is_normalised_like_stored_districts(partner_api_client, evening_cases):
    body = partner_api_client.get("/api/patterns/report/", {"district": "  PUNE "}).json()

    assert (body["district"], body["case_count"]) == ("Pune", 5)


def test_a_report_computed_for_a_get_is_reused_instead_of_rescanning_the_cases(
    partner_api_client, evening_cases, django_assert_max_num_queries
):
    with django_assert_max_num_queries(20) as first_call:
        first = partner_api_client.get("/api/patterns/report/?days=30").json()
    assert len(first_call.captured_queries) > 2  # the first call does run the analysis
    with django_assert_max_num_queries(2):  # the API key and the snapshot lookups; no analysis query again
        again = partner_api_client.get("/api/patterns/report/?days=30").json()
    assert again == first


def test_an_unknown_district_is_named_in_a_400_instead_of_answering_zeros(
    partner_api_client, staff_client, evening_cases
):
    response = partner_api_client.get("/api/patterns/report/", {"district": "Atlantis"})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert 'No cases from a district named "Atlantis"' in error["message"]
    assert "district" in error["fields"]
    assert staff_client.post("/api/patterns/report/", {"district": "PUNEE"}, format="json").status_code == 400
    assert partner_api_client.get("/api/patterns/report/", {"district": "pune"}).status_code == 200
