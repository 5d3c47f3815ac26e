"""Faults: broker down (outbox), database down (503), one sender flooding a webhook (429)."""

import pytest
from django.db import OperationalError
from django.http import HttpResponse
from django.test import RequestFactory

from fraudsafe.celery import app
from fraudsafe.middleware import DatabaseUnavailableMiddleware
from fraudsafe.models import OutboxMessage
from fraudsafe.outbox import outbox_flush
from fraudsafe.tasks import ping
from fraudsafe.twilio import twilio_signature_required

DEAD_BROKER = "redis://127.0.0.1:1/0"


@pytest.fixture
def dead_broker(settings):
    """The test process's Celery app pointed at a port where nothing listens (not eager)."""
    from kombu import pools


    keys = {
        "broker_url": DEAD_BROKER,
        "task_always_eager": False,
        "CELERY_BROKER_URL": DEAD_BROKER,
        "CELERY_TASK_ALWAYS_EAGER": False,
    }
    saved = {key: app.conf.get(key) for key in keys}
    app.conf.update(keys)
    pools.reset()
    app._pool = None
    app.amqp._producer_pool = None
    yield app
    app.conf.update(saved)
    pools.reset()
    app._pool = None
    app.amqp._producer_pool = None


@pytest.mark.django_db
def test_a_task_sent_while_the_broker_is_down_is_kept_in_the_outbox_not_raised(dead_broker):
    result = ping.apply_async(args=["later"], queue="alerts", countdown=5)
    message = OutboxMessage.objects.get()
    assert result.id == f"outbox-{message.pk}"
    assert (message.task_name, message.args, message.sent_at) == ("fraudsafe.tasks.ping", ["later"], None)
    assert message.options == {"queue": "alerts", "countdown": 5}
    # The broker's own error, named, so that an admin reading the outbox knows why it waits.
    assert message.last_error.startswith("OperationalError: ") and "Connection refused" in message.last_error


@pytest.mark.django_db
def test_flush_keeps_messages_while_the_broker_is_still_down(dead_broker):
    ping.delay("later")
    assert outbox_flush(app=dead_broker) == 0
    message = OutboxMessage.objects.get()
    assert message.sent_at is None and message.attempts == 1


@pytest.mark.redis
def test_tasks_kept_during_an_outage_run_once_the_broker_is_back(celery_worker, settings):

    celery_worker(queues="default")
    good = {key: app.conf.get(key) for key in ("broker_url", "CELERY_BROKER_URL")}
    app.conf.update(broker_url=DEAD_BROKER, CELERY_BROKER_URL=DEAD_BROKER)
    from kombu import pools

    pools.reset()
    app._pool = app.amqp._producer_pool = None
    ping.apply_async(args=["kept"], task_id="kept-during-outage")
    app.conf.update(good)
    pools.reset()
    app._pool = app.amqp._producer_pool = None
    assert OutboxMessage.objects.filter(sent_at=None).count() == 1

    assert outbox_flush(app=app) == 1
    assert app.AsyncResult("kept-during-outage").get(timeout=30) == "kept"
    assert OutboxMessage.objects.filter(sent_at=None).count() == 0


def test_a_view_that_cannot_reach_the_database_answers_503_with_retry_after():
    middleware = DatabaseUnavailableMiddleware(lambda request: HttpResponse())
    request = RequestFactory().post("/webhooks/twilio/whatsapp/")
    response = middleware.process_exception(request, OperationalError("connection refused"))
    assert response.status_code == 503 and response["Retry-After"] == "30"


def test_an_api_call_that_cannot_reach_the_database_answers_the_json_error():
    middleware = DatabaseUnavailableMiddleware(lambda request: HttpResponse())
    response = middleware.process_exception(RequestFactory().get("/api/me/"), OperationalError("down"))
    assert response.status_code == 503
    assert b'"service_unavailable"' in response.content


def test_other_exceptions_are_left_alone():
    middleware = DatabaseUnavailableMiddleware(lambda request: HttpResponse())
    assert middleware.process_exception(RequestFactory().get("/api/me/"), ValueError("bug")) is None


def test_one_sender_flooding_a_webhook_is_throttled_with_429(settings):
    from django.core.cache import cache
    from twilio.request_validator import RequestValidator

    cache.clear()
    settings.TWILIO_WEBHOOK_SENDER_PER_MINUTE = 3
    view = twilio_signature_required(lambda request: HttpResponse("ok"))
    data = {"From": "whatsapp:+919876543210", "Body": "hi"}
    signature = RequestValidator(settings.TWILIO_AUTH_TOKEN).compute_signature(
        settings.FRAUDSAFE_PUBLIC_URL + "/hook/", data
    )
    codes = [
        view(RequestFactory().post("/hook/", data, HTTP_X_TWILIO_SIGNATURE=signature)).status_code for _ in range(5)
    ]
    assert codes == [200, 200, 200, 429, 429]


def test_a_forged_signature_is_refused_before_any_work():
    calls = []
    view = twilio_signature_required(lambda request: calls.append(1) or HttpResponse("ok"))
    response = view(RequestFactory().post("/hook/", {"From": "x"}, HTTP_X_TWILIO_SIGNATURE="forged"))
    assert response.status_code == 403 and calls == []


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/verification/%00/", "/api/consent/%2B91%009876543210/", "/api/me/?q=%00"])
def test_a_nul_character_in_the_path_or_query_is_a_400(client, path):
    from accounts.services import partner_key_create

    _, key = partner_key_create(partner="Bank", name="nul", scopes=["verification:read", "consent:read"])
    response = client.get(path, HTTP_AUTHORIZATION=f"Api-Key {key}")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid"


@pytest.mark.django_db
def test_a_nul_character_in_a_json_body_is_a_400(client):
    from accounts.services import partner_key_create

    _, key = partner_key_create(partner="Bank", name="nul", scopes=["alerts:send"])
    response = client.post(
        "/api/alert/send",
        {"alert_type": "location", "target": "Pu\x00ne"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Api-Key {key}",
    )
    assert response.status_code == 400
    assert "NUL" in response.json()["error"]["message"]


@pytest.mark.django_db
def test_a_nul_character_in_a_signed_webhook_form_is_a_400(signed_twilio_post):
    response = signed_twilio_post("/webhooks/twilio/sms/", {"From": "+919876543210", "Body": "ST\x00OP"})
    assert response.status_code == 400


@pytest.mark.django_db
def test_a_forged_session_cookie_with_a_nul_character_is_a_400_not_a_500(client):
    client.cookies["sessionid"] = "abc\x00def"
    response = client.get("/api/me/")
    assert response.status_code == 400
