"""What a partner may do with alerts and consent even when its key holds the scope."""

import datetime as dt

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import ConsentEvent, PartnerKeyUsage
from accounts.services import citizen_upsert, consent_record
from accounts.tests.factories import AdminFactory, AttenderFactory
from alerts.models import Alert
from alerts.tests.factories import subscribed_citizen

pytestmark = pytest.mark.django_db


def _location(**extra):
    return {
        "kind": "location",
        "audience": {"type": "location", "district": "Pune"},
        "template_key": "location",
        "channels": ["sms"],
        **extra,
    }


@pytest.fixture
def staff_api():
    client = APIClient()
    client.force_authenticate(AdminFactory())
    return client


# --- broadcasts and critical alerts stay with the helpline ------------------------------------------------------


def test_a_partner_cannot_broadcast_to_everyone_even_with_alerts_send(partner_client_factory):
    client = partner_client_factory(["alerts:send"])
    body = {**_location(), "audience": {"type": "everyone"}, "kind": "general", "template_key": "general"}
    response = client.post("/api/alerts/", body, format="json")
    assert response.status_code == 403
    assert "every subscriber" in response.json()["error"]["message"]
    assert not Alert.objects.exists()


@pytest.mark.parametrize("body", [{"alert_type": "general", "target": "all"}, {"alert_type": "general"}])
def test_the_old_send_all_contract_is_staff_only_for_partners(partner_client_factory, staff_api, body):
    partner = partner_client_factory(["alerts:send"])
    assert partner.post("/api/alert/send", body, format="json").status_code == 403
    assert not Alert.objects.exists()
    assert staff_api.post("/api/alert/send", body, format="json").status_code == 202


def test_staff_keep_broadcasts_and_critical_alerts(staff_api):
    body = {**_location(), "audience": {"type": "everyone"}, "critical": True}
    assert staff_api.post("/api/alerts/", body, format="json").status_code == 201


# --- audience size per key -----------------------------------------------------------------------------------


def test_a_partner_alert_is_limited_to_the_audience_size_of_its_key(partner_client_factory):
    for _ in range(3):
        subscribed_citizen("sms", district="Pune")
    small = partner_client_factory(["alerts:send"], max_audience=2)
    response = small.post("/api/alerts/", _location(), format="json")
    assert response.status_code == 403
    assert "at most 2 citizens" in response.json()["error"]["message"]
    assert "has 3" in response.json()["error"]["message"]

    large = partner_client_factory(["alerts:send"], max_audience=3)
    assert large.post("/api/alerts/", _location(), format="json").status_code == 201


def test_the_audience_counts_only_citizens_with_consent_on_the_alerts_channels(partner_client_factory):
    subscribed_citizen("sms", district="Pune")
    subscribed_citizen("email", district="Pune")  # not reached by an SMS alert
    client = partner_client_factory(["alerts:send"], max_audience=1)
    assert client.post("/api/alerts/", _location(), format="json").status_code == 201


# --- a partner sees its own alerts only -----------------------------------------------------------------------


def test_a_partner_sees_and_cancels_only_the_alerts_of_its_key(partner_client_factory, staff_api):
    later = "2099-01-01T10:00:00+05:30"
    bank_a, bank_b = partner_client_factory(["alerts:send"]), partner_client_factory(["alerts:send"])
    mine = bank_a.post("/api/alerts/", _location(send_at=later), format="json").json()["id"]
    staff_alert = staff_api.post("/api/alerts/", _location(send_at=later), format="json").json()["id"]

    assert bank_a.get(f"/api/alerts/{mine}/").status_code == 200
    assert Alert.objects.get(pk=mine).partner_key == bank_a.api_key
    for alert_id in (mine, staff_alert):
        assert bank_b.get(f"/api/alerts/{alert_id}/").status_code == 404
        assert bank_b.get(f"/api/alerts/{alert_id}/deliveries/").status_code == 404
        assert bank_b.post(f"/api/alerts/{alert_id}/cancel/").status_code == 404
    assert bank_a.get(f"/api/alerts/{staff_alert}/").status_code == 404
    assert staff_api.get(f"/api/alerts/{mine}/").status_code == 200


# --- the daily quota of message-sending calls ---------------------------------------------------------------


def test_message_sending_calls_stop_at_the_daily_quota_with_429_and_renew_the_next_day(partner_client_factory):
    client = partner_client_factory(["alerts:send"], daily_message_quota=2)
    later = "2099-01-01T10:00:00+05:30"
    assert client.post("/api/alerts/", _location(send_at=later), format="json").status_code == 201
    assert client.post("/api/alert/location", {"district": "Pune"}, format="json").status_code == 202
    refused = client.post("/api/alerts/", _location(send_at=later), format="json")
    assert refused.status_code == 429
    assert "2 message-sending calls" in refused.json()["error"]["message"]
    assert 0 < int(refused["Retry-After"]) <= 24 * 3600
    assert Alert.objects.count() == 2

    yesterday = timezone.localdate() - dt.timedelta(days=1)
    PartnerKeyUsage.objects.filter(key=client.api_key).update(day=yesterday)  # a new day begins
    assert client.post("/api/alerts/", _location(send_at=later), format="json").status_code == 201


def test_a_refused_or_invalid_call_does_not_use_the_quota(partner_client_factory):
    client = partner_client_factory(["alerts:send"], daily_message_quota=1)
    assert client.post("/api/alerts/", _location(template_key="nope"), format="json").status_code == 400
    assert client.post("/api/alerts/", _location(critical=True), format="json").status_code == 403
    assert client.post("/api/alerts/", _location(send_at="2099-01-01T10:00:00+05:30"), format="json").status_code == 201
    assert PartnerKeyUsage.objects.get(key=client.api_key).message_calls == 1


def test_reads_and_other_writes_never_count_against_the_quota(partner_client_factory):
    client = partner_client_factory(daily_message_quota=0)
    assert client.get("/api/users/location?district=Pune").status_code == 200
    body = {"phone": "9876543210", "channel": "sms", "granted": True, "evidence": "form 12 at the branch"}
    assert client.post("/api/consent/", body, format="json").status_code == 201
    assert client.post("/api/alerts/", _location(), format="json").status_code == 429


def test_staff_have_no_daily_quota(staff_api, settings):
    settings.PARTNER_KEY_DAILY_MESSAGE_QUOTA = 0
    later = "2099-01-01T10:00:00+05:30"
    for _ in range(3):
        assert staff_api.post("/api/alerts/", _location(send_at=later), format="json").status_code == 201


# --- consent recorded by partners ------------------------------------------------------------------------------


def test_partner_consent_needs_evidence_and_leaves_nothing_behind_without_it(partner_client_factory):
    client = partner_client_factory(["consent:write"])
    response = client.post("/api/consent/", {"phone": "9876543210", "channel": "sms", "granted": True}, format="json")
    assert response.status_code == 400
    assert "evidence" in response.json()["error"]["fields"]
    assert not ConsentEvent.objects.exists()
    from accounts.models import Citizen

    assert not Citizen.objects.exists()


def test_partner_consent_is_attributed_to_its_key_in_the_history(partner_client_factory, staff_api, client):
    partner = partner_client_factory(["consent:write", "consent:read"])
    body = {"phone": "9876543210", "channel": "sms", "granted": True, "evidence": "signed form 12, Pune branch"}
    assert partner.post("/api/consent/", body, format="json").status_code == 201
    event = ConsentEvent.objects.get()
    assert (event.partner_key, event.evidence) == (partner.api_key, "signed form 12, Pune branch")

    (seen_by_staff,) = staff_api.get("/api/consent/+919876543210/").json()["history"]
    assert (seen_by_staff["source"], seen_by_staff["recorded_by"]) == ("api", partner.api_key.label)
    (seen_by_partner,) = partner.get("/api/consent/+919876543210/").json()["history"]
    assert (seen_by_partner["source"], seen_by_partner["recorded_by"]) == ("partner", "")

    client.force_login(AdminFactory())  # the citizen's page in the admin shows the key in the consent history
    page = client.get(f"/admin/accounts/citizen/{event.citizen_id}/change/").content.decode()
    assert partner.api_key.partner in page


def test_partners_never_learn_that_a_person_filed_a_complaint(partner_client_factory):
    complainant = citizen_upsert(phone="+919812345678", name="Ravi Kumar")
    consent_record(citizen=complainant, channel="whatsapp", granted=True, source=ConsentEvent.Source.COMPLAINT)
    only_complained = citizen_upsert(phone="+919812345679", name="Asha Rao")  # no consent: known from a complaint
    partner = partner_client_factory(["consent:read"])

    body = partner.get(f"/api/consent/{complainant.phone}/").json()
    assert [row["source"] for row in body["history"]] == ["citizen"]
    assert "complaint" not in str(body)
    unknown = partner.get("/api/consent/+919800000000/")
    known_from_complaint = partner.get(f"/api/consent/{only_complained.phone}/")
    assert known_from_complaint.status_code == unknown.status_code == 404
    assert known_from_complaint.json() == unknown.json()


def test_staff_still_see_the_exact_consent_source():
    citizen = citizen_upsert(phone="+919812345678")
    consent_record(citizen=citizen, channel="whatsapp", granted=True, source=ConsentEvent.Source.COMPLAINT)
    client = APIClient()
    client.force_authenticate(AttenderFactory())
    assert client.get("/api/consent/+919812345678/").json()["history"][0]["source"] == "complaint"


def test_delivery_errors_are_masked_for_partners(partner_client_factory):
    from alerts.models import Delivery

    client = partner_client_factory(["alerts:send"])
    citizen = subscribed_citizen("sms", district="Pune")
    alert_id = client.post("/api/alerts/", _location(send_at="2099-01-01T10:00:00+05:30"), format="json").json()["id"]
    error = "The 'To' number +919876543210 is invalid"
    Delivery.objects.create(alert_id=alert_id, citizen=citizen, channel="sms", status="failed", error=error)
    (row,) = client.get(f"/api/alerts/{alert_id}/deliveries/").json()["results"]
    assert "+919876543210" not in row["error"] and "3210" in row["error"]
