import re

import pytest

from accounts.selectors import consent_state
from alerts.models import Delivery
from alerts.services import alert_create
from alerts.tests.factories import subscribed_citizen

pytestmark = pytest.mark.django_db


@pytest.fixture
def emailed(send_now, mailoutbox):
    citizen = subscribed_citizen("email", "sms")
    with send_now():
        alert_create(
            kind="location",
            audience={"type": "location", "district": citizen.district},
            template_key="location",
            channels=["email"],
            context={"district": citizen.district, "fraud_types": "UPI fraud"},
        )
    (message,) = mailoutbox
    link = message.extra_headers["List-Unsubscribe"].strip("<>")
    return citizen, message, link.replace("http://testserver", "")


def test_alert_email_carries_one_click_unsubscribe_headers_and_link(emailed):
    citizen, message, path = emailed
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert path.startswith("/alerts/unsubscribe/")
    assert path in message.body
    assert citizen.district in message.subject
    assert "UPI fraud" in message.body
    assert re.search(r"href=\"http://testserver/alerts/unsubscribe/", message.alternatives[0][0])


def test_signed_unsubscribe_link_withdraws_email_consent_only(client, emailed):
    citizen, _, path = emailed
    assert client.get(path).status_code == 200  # a confirmation page: link scanners unsubscribe nobody
    assert consent_state(citizen=citizen)["email"] is True

    response = client.post(path, {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    assert consent_state(citizen=citizen) == {"email": False, "sms": True, "whatsapp": False}
    assert citizen.consent_events.filter(source="email_link").count() == 1
    client.post(path)  # a second click records nothing new
    assert citizen.consent_events.filter(source="email_link").count() == 1


def test_tampered_unsubscribe_link_is_404(client, emailed):
    citizen, _, path = emailed
    token = path.rstrip("/").rsplit("/", 1)[1]
    tampered = path.replace(token, token[:-2] + ("AA" if not token.endswith("AA") else "BB"))
    assert client.get(tampered).status_code == 404
    assert client.post(tampered).status_code == 404
    assert consent_state(citizen=citizen)["email"] is True


def test_citizen_without_email_address_is_skipped_as_invalid_recipient(send_now, mailoutbox):
    citizen = subscribed_citizen("email", email="")
    with send_now():
        alert_create(
            kind="targeted",
            audience={"type": "citizens", "citizen_ids": [citizen.pk]},
            template_key="scam_warning",
            channels=["email"],
        )
    assert mailoutbox == []
    assert Delivery.objects.get().skip_reason == "invalid_recipient"


def test_demo_alert_goes_to_each_given_address_once(send_now, mailoutbox):
    with send_now():
        alert = alert_create(
            kind="demo",
            audience={"type": "emails", "emails": ["a@example.com", "A@example.com", "b@example.com"]},
            template_key="general",
            channels=["email"],
        )
    assert sorted(m.to[0] for m in mailoutbox) == ["a@example.com", "b@example.com"]
    assert Delivery.objects.filter(alert=alert, status="sent").count() == 2


def test_alert_is_rendered_in_the_citizens_language(send_now, mailoutbox):
    subscribed_citizen("email", language="hi")
    with send_now():
        alert_create(kind="general", audience={"type": "everyone"}, template_key="general", channels=["email"])
    assert "चेतावनी" in mailoutbox[0].subject
    assert "1930" in mailoutbox[0].body
