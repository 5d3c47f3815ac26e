import pytest

from accounts.models import ConsentEvent
from accounts.selectors import consent_state
from accounts.services import consent_record
from accounts.tests.factories import CitizenFactory
from alerts.fanout import send_chunks
from alerts.models import Alert, Delivery
from alerts.sending import deliveries_send_range
from alerts.services import alert_create
from alerts.tests.factories import in_whatsapp_window, subscribed_citizen

pytestmark = pytest.mark.django_db


def _queue_without_sending(**kwargs) -> Alert:
    """An alert fanned out (deliveries pending) whose send chunks have not run yet."""
    from alerts.fanout import alert_fan_out

    alert = alert_create(**kwargs)
    alert_fan_out(alert_id=alert.pk)
    return alert


def test_citizen_without_consent_on_a_channel_gets_nothing_on_it(send_now, locmem_outbox):
    subscribed_citizen("email")
    with send_now():
        alert_create(kind="general", audience={"type": "everyone"}, template_key="general", channels=["sms"])
    assert locmem_outbox == []
    assert not Delivery.objects.exists()


def test_listed_citizen_without_consent_is_skipped_with_no_consent(send_now, locmem_outbox):
    never_asked = CitizenFactory()
    with send_now():
        alert = alert_create(
            kind="targeted",
            audience={"type": "citizens", "citizen_ids": [never_asked.pk]},
            template_key="targeted_warning",
            channels=["sms"],
        )
    delivery = Delivery.objects.get(alert=alert)
    assert (delivery.status, delivery.skip_reason) == ("skipped", "no_consent")
    assert locmem_outbox == []


def test_withdrawn_consent_sends_nothing_even_if_granted_before(send_now, locmem_outbox):
    citizen = subscribed_citizen("sms")
    consent_record(citizen=citizen, channel="sms", granted=False, source=ConsentEvent.Source.API)
    with send_now():
        alert_create(
            kind="campaign",
            audience={"type": "citizens", "citizen_ids": [citizen.pk]},
            template_key="campaign_alert",
            channels=["sms"],
        )
    assert locmem_outbox == []
    assert Delivery.objects.get().skip_reason == "no_consent"


def test_a_withdrawal_through_any_path_skips_queued_deliveries_on_that_channel_only(locmem_outbox):
    citizen = subscribed_citizen("sms", "whatsapp")
    alert = _queue_without_sending(
        kind="general", audience={"type": "everyone"}, template_key="general", channels=["sms", "whatsapp"]
    )

    consent_record(citizen=citizen, channel="whatsapp", granted=False, source=ConsentEvent.Source.ADMIN)

    statuses = dict(Delivery.objects.filter(alert=alert).values_list("channel", "status"))
    assert statuses == {"sms": "pending", "whatsapp": "skipped"}


def test_sms_stop_skips_deliveries_already_queued(signed_twilio_post, locmem_outbox):
    citizen = in_whatsapp_window(subscribed_citizen("sms", "whatsapp"))
    alert = _queue_without_sending(
        kind="general", audience={"type": "everyone"}, template_key="general", channels=["sms", "whatsapp"]
    )
    assert Delivery.objects.filter(alert=alert, status="pending").count() == 2

    response = signed_twilio_post("/webhooks/twilio/sms/", {"From": str(citizen.phone), "Body": " stop "})

    assert response.status_code == 200
    assert consent_state(citizen=citizen)["sms"] is False
    sms = Delivery.objects.get(alert=alert, channel="sms")
    assert (sms.status, sms.skip_reason) == ("skipped", "no_consent")
    for chunk in send_chunks(alert_id=alert.pk):
        deliveries_send_range(alert_id=chunk[0], channel=chunk[1], first_id=chunk[2], last_id=chunk[3])
    assert [m.channel for m in locmem_outbox] == ["whatsapp"]


def test_withdrawal_that_lands_after_the_chunk_was_queued_is_rechecked_at_send_time(locmem_outbox):
    citizen = subscribed_citizen("whatsapp")
    alert = _queue_without_sending(
        kind="general", audience={"type": "everyone"}, template_key="general", channels=["whatsapp"]
    )
    (chunk,) = send_chunks(alert_id=alert.pk)
    # Written straight to the history, as a withdrawal committed by another process after the chunk's rows were
    # read would be: nothing skipped the delivery, so only the send-time check can stop it.
    ConsentEvent.objects.create(
        citizen=citizen, channel="whatsapp", action=ConsentEvent.Action.WITHDRAW, source="whatsapp_keyword"
    )

    deliveries_send_range(alert_id=chunk[0], channel=chunk[1], first_id=chunk[2], last_id=chunk[3])

    assert locmem_outbox == []
    assert Delivery.objects.get(alert=alert).skip_reason == "no_consent"


def test_sms_start_keyword_grants_consent_and_answers(signed_twilio_post):
    response = signed_twilio_post("/webhooks/twilio/sms/", {"From": "+919812345678", "Body": "JOIN"})
    assert response.status_code == 200
    assert b"subscribed" in response.content
    event = ConsentEvent.objects.get()
    assert (event.channel, event.action, event.source) == ("sms", "grant", "sms_keyword")


def test_sms_webhook_ignores_other_text(signed_twilio_post):
    response = signed_twilio_post("/webhooks/twilio/sms/", {"From": "+919812345678", "Body": "hello"})
    assert response.status_code == 200
    assert not ConsentEvent.objects.exists()


def test_sms_webhook_with_forged_signature_is_refused(signed_twilio_post):
    citizen = subscribed_citizen("sms")
    response = signed_twilio_post(
        "/webhooks/twilio/sms/", {"From": str(citizen.phone), "Body": "STOP"}, signature="forged"
    )
    assert response.status_code == 403
    assert consent_state(citizen=citizen)["sms"] is True


def test_whatsapp_stop_to_the_bot_skips_whatsapp_deliveries_already_queued(signed_twilio_post, locmem_outbox):
    citizen = subscribed_citizen("sms", "whatsapp")
    alert = _queue_without_sending(
        kind="general", audience={"type": "everyone"}, template_key="general", channels=["sms", "whatsapp"]
    )
    form = {"From": f"whatsapp:{citizen.phone}", "Body": "STOP", "MessageSid": "SM" + "5" * 32, "NumMedia": "0"}

    response = signed_twilio_post("/webhooks/twilio/whatsapp/", form)

    assert response.status_code == 200
    whatsapp = Delivery.objects.get(alert=alert, channel="whatsapp")
    assert (whatsapp.status, whatsapp.skip_reason) == ("skipped", "no_consent")
    assert Delivery.objects.get(alert=alert, channel="sms").status == "pending"
