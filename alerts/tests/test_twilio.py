"""SMS / WhatsApp through the real twilio SDK, intercepted at the HTTP layer with `responses`."""

import json
from urllib.parse import parse_qs

import pytest
import responses

from alerts.models import Delivery
from alerts.services import alert_create
from alerts.tests.factories import subscribed_citizen

pytestmark = pytest.mark.django_db

MESSAGES_URL = "https://api.twilio.com/2010-04-01/Accounts/AC00000000000000000000000000000000/Messages.json"


def _created(sid="SM" + "a" * 32, status="queued"):
    return {"sid": sid, "status": status, "error_code": None, "error_message": None, "body": "", "to": "", "from": ""}


@pytest.fixture
def eager_retries():
    """Eager Celery runs a task's retries in place (as a worker would, minus the backoff wait)."""
    from fraudsafe.celery import app

    keys = ("task_eager_propagates", "CELERY_TASK_EAGER_PROPAGATES")
    saved = {key: app.conf.get(key) for key in keys}
    app.conf.update(dict.fromkeys(keys, False))
    yield
    app.conf.update(saved)


@pytest.fixture
def twilio_sms(settings, eager_retries):
    settings.FRAUDSAFE_SMS_BACKEND = "fraudsafe.channels.twilio.SmsBackend"
    settings.FRAUDSAFE_WHATSAPP_BACKEND = "fraudsafe.channels.twilio.WhatsAppBackend"
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


def _alert(send_now, citizen, channel="sms"):
    with send_now():
        return alert_create(
            kind="targeted",
            audience={"type": "citizens", "citizen_ids": [citizen.pk]},
            template_key="scam_warning",
            channels=[channel],
        )


def test_sms_is_sent_through_twilios_messages_api(send_now, twilio_sms):
    twilio_sms.add(responses.POST, MESSAGES_URL, json=_created(), status=201)
    citizen = subscribed_citizen("sms")

    alert = _alert(send_now, citizen)

    delivery = Delivery.objects.get(alert=alert)
    assert (delivery.status, delivery.provider_id, delivery.attempts) == ("sent", "SM" + "a" * 32, 1)
    form = parse_qs(twilio_sms.calls[0].request.body)
    assert form["To"] == [str(citizen.phone)]
    assert "1930" in form["Body"][0]
    assert form["StatusCallback"] == ["http://testserver/webhooks/twilio/status/"]


def test_whatsapp_outside_the_session_uses_the_approved_content_template(send_now, twilio_sms):
    from alerts.models import AlertTemplate

    AlertTemplate.objects.filter(key="scam_warning", channel="whatsapp").update(
        content_sid="HX" + "1" * 32, content_variables=["helpline_number"], approval="approved"
    )
    twilio_sms.add(responses.POST, MESSAGES_URL, json=_created(), status=201)
    citizen = subscribed_citizen("whatsapp", whatsapp_window=False)

    _alert(send_now, citizen, channel="whatsapp")

    form = parse_qs(twilio_sms.calls[0].request.body)
    assert form["To"] == [f"whatsapp:{citizen.phone}"]
    assert form["ContentSid"] == ["HX" + "1" * 32]
    assert json.loads(form["ContentVariables"][0]) == {"1": "1930"}
    assert "Body" not in form


def test_transient_twilio_5xx_is_retried_and_then_sent(send_now, twilio_sms):
    twilio_sms.add(responses.POST, MESSAGES_URL, json={"code": 20500, "message": "Internal error"}, status=500)
    twilio_sms.add(responses.POST, MESSAGES_URL, json=_created(sid="SM" + "b" * 32), status=201)
    citizen = subscribed_citizen("sms")

    alert = _alert(send_now, citizen)

    delivery = Delivery.objects.get(alert=alert)
    assert len(twilio_sms.calls) == 2
    assert (delivery.status, delivery.provider_id, delivery.attempts) == ("sent", "SM" + "b" * 32, 2)


def test_permanent_invalid_number_is_failed_and_never_retried(send_now, twilio_sms):
    twilio_sms.add(
        responses.POST,
        MESSAGES_URL,
        json={"code": 21211, "message": "The 'To' number is not a valid phone number.", "status": 400},
        status=400,
    )
    citizen = subscribed_citizen("sms")

    alert = _alert(send_now, citizen)

    delivery = Delivery.objects.get(alert=alert)
    assert len(twilio_sms.calls) == 1
    assert (delivery.status, delivery.error_code, delivery.attempts) == ("failed", "21211", 1)
    alert.refresh_from_db()
    assert alert.status == "done"


def test_persistent_5xx_gives_up_after_the_configured_attempts(send_now, twilio_sms, settings):
    settings.ALERTS_MAX_ATTEMPTS = 3
    twilio_sms.add(responses.POST, MESSAGES_URL, json={"code": 20500, "message": "down"}, status=503)
    citizen = subscribed_citizen("sms")

    alert = _alert(send_now, citizen)

    delivery = Delivery.objects.get(alert=alert)
    assert len(twilio_sms.calls) == 3
    assert delivery.status == "failed"


# --- status callbacks ---------------------------------------------------------------------------------------------


@pytest.fixture
def sent_delivery(send_now, locmem_outbox):
    citizen = subscribed_citizen("sms")
    alert = _alert(send_now, citizen)
    return Delivery.objects.get(alert=alert)


def _callback(signed_twilio_post, delivery, status, **extra):
    data = {"MessageSid": delivery.provider_id, "MessageStatus": status, "AccountSid": "AC" + "0" * 32, **extra}
    return signed_twilio_post("/webhooks/twilio/status/", data)


def test_delivered_callback_marks_the_delivery_delivered(signed_twilio_post, sent_delivery):
    assert _callback(signed_twilio_post, sent_delivery, "delivered").status_code == 200
    sent_delivery.refresh_from_db()
    assert sent_delivery.status == "delivered"
    assert sent_delivery.delivered_at is not None


def test_undelivered_callback_records_twilios_error_code(signed_twilio_post, sent_delivery):
    _callback(signed_twilio_post, sent_delivery, "undelivered", ErrorCode="30003")
    sent_delivery.refresh_from_db()
    assert (sent_delivery.status, sent_delivery.error_code) == ("failed", "30003")


def test_late_sent_callback_never_moves_a_delivered_delivery_back(signed_twilio_post, sent_delivery):
    _callback(signed_twilio_post, sent_delivery, "delivered")
    _callback(signed_twilio_post, sent_delivery, "sent")
    _callback(signed_twilio_post, sent_delivery, "failed", ErrorCode="30001")
    sent_delivery.refresh_from_db()
    assert sent_delivery.status == "delivered"


def test_callback_for_an_unknown_message_is_a_harmless_no_op(signed_twilio_post, sent_delivery):
    response = signed_twilio_post("/webhooks/twilio/status/", {"MessageSid": "SMunknown", "MessageStatus": "failed"})
    assert response.status_code == 200
    sent_delivery.refresh_from_db()
    assert sent_delivery.status == "sent"


def test_forged_status_callback_is_refused_and_changes_nothing(signed_twilio_post, sent_delivery):
    response = signed_twilio_post(
        "/webhooks/twilio/status/",
        {"MessageSid": sent_delivery.provider_id, "MessageStatus": "failed"},
        signature="bm90IGEgcmVhbCBzaWduYXR1cmU=",
    )
    assert response.status_code == 403
    sent_delivery.refresh_from_db()
    assert sent_delivery.status == "sent"
