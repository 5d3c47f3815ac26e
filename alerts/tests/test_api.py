import pytest
from rest_framework.test import APIClient

from accounts.models import ConsentEvent
from accounts.tests.factories import AdminFactory, AttenderFactory, CitizenFactory
from alerts.models import Alert, Delivery
from alerts.tests.factories import subscribed_citizen

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_api():
    client = APIClient()
    client.force_authenticate(AdminFactory())
    return client


def _location_alert_body(**extra):
    return {
        "kind": "location",
        "audience": {"type": "location", "district": "Pune"},
        "template_key": "location",
        "channels": ["sms", "email"],
        "context": {"district": "Pune"},
        **extra,
    }


def test_partner_sends_a_location_alert_and_sees_each_outcome(partner_api_client, send_now, locmem_outbox, mailoutbox):
    subscribed_citizen("sms", district="Pune")
    subscribed_citizen("sms", "email", district="Pune")
    subscribed_citizen("sms", district="Jaipur")

    with send_now():
        response = partner_api_client.post("/api/alerts/", _location_alert_body(), format="json")

    assert response.status_code == 201, response.content
    alert_id = response.json()["id"]
    detail = partner_api_client.get(f"/api/alerts/{alert_id}/").json()
    assert detail["status"] == "done"
    assert detail["counts"] == {"pending": 0, "sent": 3, "delivered": 0, "failed": 0, "skipped": 0, "total": 3}
    deliveries = partner_api_client.get(f"/api/alerts/{alert_id}/deliveries/").json()["results"]
    assert {d["channel"] for d in deliveries} == {"sms", "email"}
    assert all("X" in d["recipient"] or "***" in d["recipient"] for d in deliveries)  # masked for partners


def test_staff_see_full_recipients(admin_client_api, send_now, locmem_outbox):
    citizen = subscribed_citizen("sms", district="Pune")
    with send_now():
        alert_id = admin_client_api.post("/api/alerts/", _location_alert_body(channels=["sms"]), format="json").json()[
            "id"
        ]
    (delivery,) = admin_client_api.get(f"/api/alerts/{alert_id}/deliveries/").json()["results"]
    assert delivery["recipient"] == str(citizen.phone)


def test_invalid_alert_answers_400_with_the_uniform_error_body(partner_api_client):
    response = partner_api_client.post(
        "/api/alerts/", _location_alert_body(template_key="no-such-template"), format="json"
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid"
    assert "template_key" in response.json()["error"]["fields"]


def test_partner_cannot_send_a_critical_or_demo_alert(partner_api_client):
    critical = partner_api_client.post("/api/alerts/", _location_alert_body(critical=True), format="json")
    assert critical.status_code == 403
    assert "Critical alerts" in critical.json()["error"]["message"]
    demo = {"kind": "demo", "audience": {"type": "emails", "emails": ["a@example.com"]}, "template_key": "general",
            "channels": ["email"]}  # fmt: skip
    assert partner_api_client.post("/api/alerts/", demo, format="json").status_code == 403
    assert not Alert.objects.exists()


def test_anonymous_caller_is_refused():
    assert APIClient().post("/api/alerts/", _location_alert_body(), format="json").status_code in (401, 403)
    assert APIClient().get("/api/users/location?district=Pune").status_code in (401, 403)


def test_scheduled_alert_can_be_cancelled_once(partner_api_client):
    body = _location_alert_body(send_at="2099-01-01T10:00:00+05:30")
    alert_id = partner_api_client.post("/api/alerts/", body, format="json").json()["id"]

    first = partner_api_client.post(f"/api/alerts/{alert_id}/cancel/")
    second = partner_api_client.post(f"/api/alerts/{alert_id}/cancel/")

    assert (first.status_code, first.json()["status"]) == (200, "cancelled")
    assert second.status_code == 409


def test_unknown_alert_is_404(partner_api_client):
    assert partner_api_client.get("/api/alerts/999999/").status_code == 404
    assert partner_api_client.post("/api/alerts/999999/cancel/").status_code == 404


def test_consent_api_records_grant_with_evidence_and_reads_it_back(partner_api_client):
    response = partner_api_client.post(
        "/api/consent/",
        {"phone": "9876543210", "channel": "sms", "granted": True, "evidence": "opted in at branch"},
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["consent"] == {"email": False, "sms": True, "whatsapp": False}
    event = ConsentEvent.objects.get()
    assert (event.source, event.evidence) == ("api", "opted in at branch")
    state = partner_api_client.get("/api/consent/+919876543210/").json()
    assert state["consent"]["sms"] is True
    assert state["phone"] == "+91XXXXXX3210"


def test_consent_api_withdrawal_skips_queued_deliveries(partner_api_client):
    from alerts.fanout import alert_fan_out
    from alerts.services import alert_create

    citizen = subscribed_citizen("sms")
    alert = alert_create(kind="general", audience={"type": "everyone"}, template_key="general", channels=["sms"])
    alert_fan_out(alert_id=alert.pk)
    partner_api_client.post(
        "/api/consent/",
        {"phone": str(citizen.phone), "channel": "sms", "granted": False, "evidence": "STOP said at the branch"},
        format="json",
    )
    assert Delivery.objects.get().skip_reason == "no_consent"


def test_consent_api_rejects_an_invalid_phone_and_404s_an_unknown_one(partner_api_client):
    bad = partner_api_client.post("/api/consent/", {"phone": "12", "channel": "sms", "granted": True}, format="json")
    assert bad.status_code == 400
    assert partner_api_client.get("/api/consent/+919999999999/").status_code == 404
    assert partner_api_client.get("/api/consent/not-a-phone/").status_code == 404


def test_legacy_alert_send_location_targets_the_district(partner_api_client, send_now, locmem_outbox):
    subscribed_citizen("sms", district="Pune")
    subscribed_citizen("sms", district="Jaipur")
    with send_now():
        response = partner_api_client.post(
            "/api/alert/send", {"alert_type": "location", "target": "Pune"}, format="json"
        )
    assert response.status_code == 202
    alert = Alert.objects.get(pk=response.json()["alert_id"])
    assert alert.audience == {"type": "location", "district": "Pune"}
    assert len(locmem_outbox) == 1


def test_legacy_location_alert(partner_api_client, send_now, locmem_outbox):
    subscribed_citizen("sms", district="Pune", area="Hinjewadi")
    subscribed_citizen("sms", district="Pune", area="Kothrud")
    with send_now():
        response = partner_api_client.post(
            "/api/alert/location", {"district": "Pune", "area": "Hinjewadi"}, format="json"
        )
    assert response.status_code == 202
    assert len(locmem_outbox) == 1


def test_legacy_demo_alert_is_for_helpline_admins_only(partner_api_client, admin_client_api, send_now, mailoutbox):
    assert partner_api_client.post("/api/alert/demo", {"emails": ["a@example.com"]}, format="json").status_code == 403
    with send_now():
        response = admin_client_api.post("/api/alert/demo", {"emails": ["a@example.com"]}, format="json")
    assert response.status_code == 202
    assert mailoutbox[0].to == ["a@example.com"]


def test_users_by_location_masks_contacts_for_partners_and_never_shows_aadhaar(partner_api_client):
    citizen = CitizenFactory(district="Pune", area="Hinjewadi", email="asha@example.com")
    CitizenFactory(district="Jaipur")
    (row,) = partner_api_client.get("/api/users/location?district=pune&area=Hinjewadi").json()["results"]
    assert row["id"] == citizen.pk
    assert row["phone"] != str(citizen.phone) and row["phone"].endswith(str(citizen.phone)[-4:])
    assert row["email"] == "a***@example.com"
    assert not any("aadha" in key.lower() for key in row)
    assert row["name"] != citizen.name and row["name"].startswith(citizen.name[0]) and "***" in row["name"]
    assert (row["area"], row["pin_code"]) == ("H***", citizen.pin_code[:3] + "XXX")
    assert set(row) == {"id", "name", "phone", "email", "district", "area", "pin_code"}  # the old shape


def test_users_by_location_shows_contacts_to_staff():
    citizen = CitizenFactory(district="Pune")
    client = APIClient()
    client.force_authenticate(AttenderFactory())
    (row,) = client.get("/api/users/location?district=Pune").json()["results"]
    assert row["phone"] == str(citizen.phone)
