import pytest

from accounts.tests.factories import AdminFactory
from alerts.models import Alert, AlertTemplate, Delivery
from alerts.tests.factories import subscribed_citizen

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_logged(client):
    client.force_login(AdminFactory())
    return client


def test_admin_composes_a_location_alert_and_sees_its_outcomes(admin_client_logged, send_now, locmem_outbox):
    subscribed_citizen("sms", district="Pune")
    form = {
        "kind": "location",
        "audience_type": "location",
        "audience_district": "Pune",
        "audience_area": "",
        "audience_citizen_ids": "",
        "audience_emails": "",
        "channel_list": ["sms"],
        "template": "location",
        "send_at_input": "",
        "context_json": '{"district": "Pune"}',
    }
    with send_now():
        confirm = admin_client_logged.post("/admin/alerts/alert/add/", form)
        assert confirm.status_code == 200 and "Confirm and send" in confirm.content.decode()
        assert not Alert.objects.exists() and not Delivery.objects.exists()
        response = admin_client_logged.post("/admin/alerts/alert/add/", {**form, "_confirm": "1"})
    assert response.status_code == 302, response.content.decode()[:2000]
    alert = Alert.objects.get()
    assert Delivery.objects.get(alert=alert).status == "sent"
    page = admin_client_logged.get(f"/admin/alerts/alert/{alert.pk}/change/").content.decode()
    assert "sent 1" in page
    assert "Pune" in page


def test_compose_form_refuses_an_invalid_alert(admin_client_logged):
    form = {"kind": "general", "audience_type": "emails", "audience_emails": "a@example.com",
            "channel_list": ["email"], "template": "general", "context_json": "{}"}  # fmt: skip
    response = admin_client_logged.post("/admin/alerts/alert/add/", form)
    assert response.status_code == 200
    assert "only for demo alerts" in response.content.decode()
    assert not Alert.objects.exists()


def test_live_audience_size_counts_consenting_citizens(admin_client_logged):
    subscribed_citizen("sms", district="Pune")
    subscribed_citizen("email", district="Pune")
    response = admin_client_logged.get(
        "/admin/alerts/alert/audience-size/",
        {"audience_type": "location", "audience_district": "Pune", "channel_list": ["sms"], "kind": "location"},
    )
    assert response.json() == {"size": 1}


def test_template_change_page_shows_a_rendered_preview(admin_client_logged):
    template = AlertTemplate.objects.get(key="general", channel="sms", language="en")
    page = admin_client_logged.get(f"/admin/alerts/alerttemplate/{template.pk}/change/").content.decode()
    assert "Call 1930 at once" in page


def test_citizen_alert_history_page_lists_consent_and_deliveries(admin_client_logged, send_now, locmem_outbox):
    from alerts.services import alert_create

    citizen = subscribed_citizen("sms")
    with send_now():
        alert_create(kind="general", audience={"type": "everyone"}, template_key="general", channels=["sms"])
    page = admin_client_logged.get(f"/admin/alerts/citizenalerthistory/{citizen.pk}/change/").content.decode()
    assert "Granted" in page
    assert "General #" in page


def test_saving_a_new_alert_shows_the_confirmation_and_queues_nothing(
    admin_client_logged, django_capture_on_commit_callbacks
):
    from fraudsafe.models import OutboxMessage

    subscribed_citizen("sms", district="Pune")
    subscribed_citizen("sms", district="Pune", language="hi")
    form = {
        "kind": "location", "audience_type": "location", "audience_district": "Pune", "channel_list": ["sms"],
        "template": "location", "send_at_input": "2099-01-01T10:00", "context_json": '{"district": "Pune"}',
    }  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        page = admin_client_logged.post("/admin/alerts/alert/add/", form).content.decode()
    assert callbacks == []
    assert not Alert.objects.exists() and not Delivery.objects.exists() and not OutboxMessage.objects.exists()
    assert 'data-testid="confirm-size">2<' in page
    assert "1 Jan 2099, 10:00 IST (UTC+5:30)" in page
    assert page.count("· SMS</th>") == 6  # one rendered message per language
    assert 'name="_confirm"' in page and 'name="audience_district" value="Pune"' in page


def test_the_compose_form_has_no_audience_or_channel_default(admin_client_logged):
    form = {"kind": "location", "template": "location", "context_json": "{}"}
    response = admin_client_logged.post("/admin/alerts/alert/add/", form)
    assert response.status_code == 200 and "Confirm and send" not in response.content.decode()
    assert set(response.context["adminform"].form.errors) >= {"audience_type", "channel_list"}
    assert not Alert.objects.exists()
    page = admin_client_logged.get("/admin/alerts/alert/add/").content.decode()
    assert 'type="datetime-local"' in page and "IST, UTC+5:30" in page
    assert admin_client_logged.get("/admin/alerts/alert/audience-size/", {"kind": "general"}).json() == {"size": None}
