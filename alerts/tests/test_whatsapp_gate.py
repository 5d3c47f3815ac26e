"""The WhatsApp gate (alerts.whatsapp): free-form only inside the 24-hour window, an approved template by
ContentSid outside it, else needs_template with an SMS fallback; the messaging limit; template callbacks; STOP.
Twilio is reached through its SDK with HTTP intercepted by `responses`."""

import hashlib
import json
from datetime import timedelta
from urllib.parse import parse_qs

import pytest
import responses
from django.utils import timezone
from twilio.request_validator import RequestValidator

from alerts.callbacks import delivery_status_update, template_event_apply
from alerts.models import AlertTemplate, Delivery, WhatsAppWindow
from alerts.tests import test_twilio
from alerts.tests.factories import in_whatsapp_window, subscribed_citizen
from alerts.tests.test_twilio import MESSAGES_URL, _alert, _created
from alerts.tier import whatsapp_report

pytestmark = pytest.mark.django_db
SID = "HX" + "1" * 32
twilio_sms, eager_retries = test_twilio.twilio_sms, test_twilio.eager_retries  # the same fixtures


def _approve(**fields):
    values = {"content_sid": SID, "content_variables": ["helpline_number"], "approval": "approved"}
    AlertTemplate.objects.filter(key="scam_warning", channel="whatsapp").update(**{**values, **fields})


def _whatsapp_forms(mock) -> list[dict]:
    forms = [parse_qs(call.request.body) for call in mock.calls]
    return [form for form in forms if form["To"][0].startswith("whatsapp:")]


def _assert_no_free_form_outside_window(mock):
    for form in _whatsapp_forms(mock):
        assert "ContentSid" in form, "a free-form WhatsApp message left outside the 24-hour window"
        assert "Body" not in form


def test_inside_the_window_free_form_text_is_sent(send_now, twilio_sms):
    _approve()
    twilio_sms.add(responses.POST, MESSAGES_URL, json=_created(), status=201)
    citizen = in_whatsapp_window(subscribed_citizen("whatsapp", whatsapp_window=False), hours_ago=23)

    alert = _alert(send_now, citizen, channel="whatsapp")

    (form,) = _whatsapp_forms(twilio_sms)
    assert "ContentSid" not in form and "1930" in form["Body"][0]
    assert Delivery.objects.get(alert=alert).template_at is None  # not business-initiated: not counted


def test_outside_the_window_only_the_approved_template_goes(send_now, twilio_sms):
    _approve()
    twilio_sms.add(responses.POST, MESSAGES_URL, json=_created(), status=201)
    citizen = in_whatsapp_window(subscribed_citizen("whatsapp", whatsapp_window=False), hours_ago=25)

    alert = _alert(send_now, citizen, channel="whatsapp")

    (form,) = _whatsapp_forms(twilio_sms)
    assert form["ContentSid"] == [SID]
    _assert_no_free_form_outside_window(twilio_sms)
    assert Delivery.objects.get(alert=alert).template_at is not None


def test_outside_the_window_without_a_template_nothing_goes_and_sms_takes_over(send_now, twilio_sms):
    _approve(content_sid="", approval="not_submitted")
    twilio_sms.add(responses.POST, MESSAGES_URL, json=_created(), status=201)
    citizen = subscribed_citizen("sms", "whatsapp", whatsapp_window=False)

    alert = _alert(send_now, citizen, channel="whatsapp")

    assert _whatsapp_forms(twilio_sms) == []
    whatsapp = Delivery.objects.get(alert=alert, channel="whatsapp")
    assert (whatsapp.status, whatsapp.skip_reason, whatsapp.error_code) == (
        "skipped",
        "needs_template",
        "no_content_sid",
    )
    assert "approved WhatsApp template" in whatsapp.error
    sms = Delivery.objects.get(alert=alert, channel="sms")
    assert sms.status == "sent"
    assert [parse_qs(c.request.body)["To"] for c in twilio_sms.calls] == [[str(citizen.phone)]]
    assert whatsapp_report(alert_id=alert.pk)["needs_template"] == [f"1 × {whatsapp.error}"]


def test_no_sms_fallback_without_sms_consent(send_now, twilio_sms):
    _approve(content_sid="")
    citizen = subscribed_citizen("whatsapp", whatsapp_window=False)

    alert = _alert(send_now, citizen, channel="whatsapp")

    assert len(twilio_sms.calls) == 0
    assert list(Delivery.objects.filter(alert=alert).values_list("channel", "skip_reason")) == [
        ("whatsapp", "needs_template")
    ]


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"approval": "paused"}, "template_paused"),
        ({"approval": "pending"}, "template_not_approved"),
        ({"category": "marketing"}, "template_category"),
    ],
)
def test_a_paused_unapproved_or_marketing_template_is_never_sent(send_now, twilio_sms, fields, code):
    _approve(**fields)
    citizen = subscribed_citizen("whatsapp", whatsapp_window=False)

    alert = _alert(send_now, citizen, channel="whatsapp")

    assert len(twilio_sms.calls) == 0
    delivery = Delivery.objects.get(alert=alert)
    assert (delivery.skip_reason, delivery.error_code) == ("needs_template", code)


def test_the_messaging_limit_holds_and_the_excess_waits_for_the_next_window(send_now, twilio_sms, settings):
    settings.WHATSAPP_TIER_LIMIT = 2
    _approve()
    twilio_sms.add(responses.POST, MESSAGES_URL, json=_created(), status=201)
    citizens = [subscribed_citizen("whatsapp", whatsapp_window=False) for _ in range(3)]
    inside = subscribed_citizen("whatsapp")  # inside the window: free-form, not counted

    with send_now():
        from alerts.services import alert_create

        alert = alert_create(
            kind="targeted",
            audience={"type": "citizens", "citizen_ids": [c.pk for c in [*citizens, inside]]},
            template_key="scam_warning",
            channels=["whatsapp"],
        )

    forms = _whatsapp_forms(twilio_sms)
    assert sum("ContentSid" in form for form in forms) == 2
    assert sum("ContentSid" not in form for form in forms) == 1
    (waiting,) = Delivery.objects.filter(alert=alert, status="pending")
    assert waiting.deferred_by == "tier_limit"
    assert waiting.not_before > timezone.now() + timedelta(hours=23)
    report = whatsapp_report(alert_id=alert.pk)
    assert (report["used"], report["limit"], report["waiting"]) == (2, 2, 1)


def test_a_citizen_already_counted_does_not_take_a_second_slot(send_now, twilio_sms, settings):
    settings.WHATSAPP_TIER_LIMIT = 1
    settings.ALERTS_COOLDOWN_HOURS, settings.ALERTS_CAP_DAY, settings.ALERTS_CAP_WEEK = 0, 10, 10
    _approve()
    twilio_sms.add(responses.POST, MESSAGES_URL, json=_created(), status=201)
    citizen = subscribed_citizen("whatsapp", whatsapp_window=False)

    _alert(send_now, citizen, channel="whatsapp")
    second = _alert(send_now, citizen, channel="whatsapp")

    assert Delivery.objects.get(alert=second).status == "sent", Delivery.objects.get(alert=second).skip_reason


def test_template_callbacks_record_pause_and_recategorisation():
    _approve()
    paused = {
        "type": "com.twilio.messaging.template.approval.updated",
        "data": {"type": "status_update", "template": {"sid": SID, "currentValue": "PAUSED"}, "reason": "low quality"},
    }
    assert template_event_apply(paused) == AlertTemplate.objects.filter(channel="whatsapp", key="scam_warning").count()
    assert set(AlertTemplate.objects.filter(content_sid=SID).values_list("approval", flat=True)) == {"paused"}

    recategorised = {
        **paused,
        "data": {"type": "category_update", "template": {"sid": SID, "currentValue": "MARKETING"}},
    }
    template_event_apply(recategorised)
    assert set(AlertTemplate.objects.filter(content_sid=SID).values_list("category", flat=True)) == {"marketing"}
    assert template_event_apply({"type": "something.else"}) == 0
    assert template_event_apply({**paused, "data": {"type": "status_update", "template": {"sid": SID}}}) == 0


def test_template_events_webhook_checks_twilios_signature(client, settings):
    _approve()
    body = json.dumps(
        [
            {
                "type": "com.twilio.messaging.template.approval.updated",
                "data": {"type": "status_update", "template": {"sid": SID, "currentValue": "paused"}},
            }
        ]
    ).encode()
    path = f"/webhooks/twilio/templates/?bodySHA256={hashlib.sha256(body).hexdigest()}"
    url = settings.FRAUDSAFE_PUBLIC_URL + path
    signature = RequestValidator(settings.TWILIO_AUTH_TOKEN).compute_signature(url, {})

    forged = client.post(path, body, content_type="application/json", HTTP_X_TWILIO_SIGNATURE="bad")
    assert forged.status_code == 403
    assert not AlertTemplate.objects.filter(content_sid=SID, approval="paused").exists()

    response = client.post(path, body, content_type="application/json", HTTP_X_TWILIO_SIGNATURE=signature)
    assert response.status_code == 200
    assert AlertTemplate.objects.filter(content_sid=SID, approval="paused").exists()


def test_error_63016_closes_the_window(send_now, twilio_sms):
    twilio_sms.add(responses.POST, MESSAGES_URL, json=_created(sid="SM" + "c" * 32), status=201)
    citizen = subscribed_citizen("whatsapp")
    _alert(send_now, citizen, channel="whatsapp")

    delivery_status_update(provider_id="SM" + "c" * 32, provider_status="failed", error_code="63016")

    assert not WhatsAppWindow.objects.filter(phone=str(citizen.phone)).exists()


def test_every_inbound_whatsapp_message_resets_the_window(signed_twilio_post):
    phone = "+919812340000"
    form = {"From": f"whatsapp:{phone}", "Body": "hello", "MessageSid": "SM" + "7" * 32, "NumMedia": "0"}
    assert signed_twilio_post("/webhooks/twilio/whatsapp/", form).status_code == 200
    first = WhatsAppWindow.objects.get(phone=phone).last_inbound_at
    assert first > timezone.now() - timedelta(minutes=1)


def test_after_stop_on_whatsapp_nothing_business_initiated_goes(send_now, twilio_sms, signed_twilio_post):
    _approve()
    citizen = subscribed_citizen("whatsapp", whatsapp_window=False)
    form = {"From": f"whatsapp:{citizen.phone}", "Body": "STOP", "MessageSid": "SM" + "8" * 32, "NumMedia": "0"}
    assert signed_twilio_post("/webhooks/twilio/whatsapp/", form).status_code == 200

    alert = _alert(send_now, citizen, channel="whatsapp")

    assert _whatsapp_forms(twilio_sms) == []
    assert Delivery.objects.get(alert=alert).skip_reason == "no_consent"


def test_the_excess_goes_in_the_next_window_and_only_then(
    send_now, twilio_sms, settings, django_capture_on_commit_callbacks
):
    from alerts.dispatch import alerts_dispatch_due

    settings.WHATSAPP_TIER_LIMIT = 1
    _approve()
    twilio_sms.add(responses.POST, MESSAGES_URL, json=_created(), status=201)
    first, second = (subscribed_citizen("whatsapp", whatsapp_window=False) for _ in range(2))
    with send_now():
        from alerts.services import alert_create

        alert = alert_create(
            kind="targeted",
            audience={"type": "citizens", "citizen_ids": [first.pk, second.pk]},
            template_key="scam_warning",
            channels=["whatsapp"],
        )
    waiting = Delivery.objects.get(alert=alert, status="pending")
    assert len(twilio_sms.calls) == 1

    with django_capture_on_commit_callbacks(execute=True):
        alerts_dispatch_due(now=waiting.not_before - timedelta(minutes=1))  # not yet: still deferred
    assert len(twilio_sms.calls) == 1

    # A day later the first message has left the 24 hours: the slot is free again.
    Delivery.objects.filter(alert=alert, status="sent").update(template_at=timezone.now() - timedelta(hours=25))
    with django_capture_on_commit_callbacks(execute=True):
        alerts_dispatch_due(now=waiting.not_before)
    waiting.refresh_from_db()
    assert waiting.status == "sent" and len(twilio_sms.calls) == 2
    _assert_no_free_form_outside_window(twilio_sms)


def test_a_small_limit_holds_over_a_bigger_audience_split_in_many_chunks_and_batches(send_now, twilio_sms, settings):
    settings.WHATSAPP_TIER_LIMIT = 3
    settings.ALERTS_CHUNK_SIZE, settings.ALERTS_CLAIM_BATCH = 7, 2
    _approve()
    twilio_sms.add(responses.POST, MESSAGES_URL, json=_created(), status=201)
    citizens = [subscribed_citizen("whatsapp", whatsapp_window=False) for _ in range(40)]

    with send_now():
        from alerts.services import alert_create

        alert = alert_create(
            kind="targeted",
            audience={"type": "citizens", "citizen_ids": [c.pk for c in citizens]},
            template_key="scam_warning",
            channels=["whatsapp"],
        )

    assert len(_whatsapp_forms(twilio_sms)) == 3
    _assert_no_free_form_outside_window(twilio_sms)
    rows = Delivery.objects.filter(alert=alert)
    assert rows.filter(status="sent").count() == 3
    assert rows.filter(status="pending", deferred_by="tier_limit").count() == 37
    assert whatsapp_report(alert_id=alert.pk)["used"] == 3
