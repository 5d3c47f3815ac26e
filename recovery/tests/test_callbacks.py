"""Callbacks to a bank's URL, against a real local HTTP receiver on 127.0.0.1 (http.server in a thread): signed
with HMAC, retried with backoff, every attempt logged."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from recovery.callbacks import CallbackTemporaryError, callback_deliver, signature_valid
from recovery.models import CallbackDelivery, FreezeEvent
from recovery.services import freeze_requests_open
from recovery.tasks import callback_deliver_task
from recovery.tests.factories import bank_partner, complaint_paying


class Receiver:
    """A bank's endpoint: answers the given statuses in turn (then 200) and records every request."""

    def __init__(self, statuses=()):
        self.statuses = list(statuses)
        self.received: list[dict] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server's name
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.received.append({"headers": {k.lower(): v for k, v in self.headers.items()}, "body": body})
                status = receiver.statuses.pop(0) if receiver.statuses else 200
                self.send_response(status)
                self.end_headers()
                self.wfile.write(b"{}")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/fraudsafe/freeze"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver(settings):
    settings.RECOVERY_CALLBACK_ALLOW_HTTP = True  # the local receiver speaks plain HTTP on loopback
    settings.RECOVERY_CALLBACK_ALLOW_PRIVATE = True
    made = []

    def make(statuses=()):
        made.append(Receiver(statuses))
        return made[-1]

    yield make
    for r in made:
        r.close()


def open_request(receiver_url, django_capture_on_commit_callbacks):
    partner, _ = bank_partner("YESB", callback_url=receiver_url)
    complaint = complaint_paying("quickloan@ybl")
    with django_capture_on_commit_callbacks(execute=True):
        [request] = freeze_requests_open(complaint_ids=[complaint.pk])
    return partner, request


@pytest.mark.django_db
def test_a_new_request_is_pushed_signed_to_the_banks_callback_and_logged(receiver, django_capture_on_commit_callbacks):
    bank = receiver()
    partner, request = open_request(bank.url, django_capture_on_commit_callbacks)

    [received] = bank.received
    headers, body = received["headers"], received["body"]
    assert signature_valid(partner.callback_secret, headers["x-fraudsafe-signature"], body)
    assert not signature_valid("another-secret", headers["x-fraudsafe-signature"], body)
    assert not signature_valid(partner.callback_secret, headers["x-fraudsafe-signature"], body + b" ")
    payload = json.loads(body)
    assert payload["event"] == "freeze_request.created" == headers["x-fraudsafe-event"]
    assert payload["freeze_request"]["id"] == request.pk and payload["freeze_request"]["bank_code"] == "YESB"
    assert request.complaint.name not in body.decode()
    delivery = CallbackDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == ("delivered", 1, 200)
    assert delivery.log[0]["status"] == 200
    assert FreezeEvent.objects.filter(request=request, kind="callback").exists()


@pytest.mark.django_db
def test_a_failing_callback_is_retried_each_attempt_logged_until_it_is_delivered(
    receiver, django_capture_on_commit_callbacks
):
    bank = receiver(statuses=[503, 500])
    partner, request = open_request("", django_capture_on_commit_callbacks)
    partner.callback_url = bank.url
    partner.save()
    delivery = CallbackDelivery.objects.create(
        partner=partner, request=request, event="freeze_request.created", url=bank.url, payload={"event": "x"}
    )
    with pytest.raises(CallbackTemporaryError):
        callback_deliver(delivery_id=delivery.pk)
    with pytest.raises(CallbackTemporaryError):
        callback_deliver(delivery_id=delivery.pk)
    assert callback_deliver(delivery_id=delivery.pk) == "delivered"
    delivery.refresh_from_db()
    assert delivery.attempts == 3 and [entry["status"] for entry in delivery.log] == [503, 500, 200]
    assert len(bank.received) == 3
    stamps = {r["headers"]["x-fraudsafe-delivery"] for r in bank.received}
    assert stamps == {str(delivery.pk)}  # the same delivery id each time: the bank can de-duplicate
    assert callback_deliver_task.autoretry_for == (CallbackTemporaryError,) and callback_deliver_task.retry_backoff


@pytest.mark.django_db
def test_a_callback_refused_with_4xx_or_still_failing_at_the_last_attempt_is_marked_failed(
    receiver, django_capture_on_commit_callbacks
):
    refusing, down = receiver(statuses=[410]), receiver(statuses=[502])
    partner, request = open_request("", django_capture_on_commit_callbacks)
    first = CallbackDelivery.objects.create(partner=partner, request=request, event="e", url=refusing.url, payload={})
    second = CallbackDelivery.objects.create(partner=partner, request=request, event="e", url=down.url, payload={})
    assert callback_deliver(delivery_id=first.pk) == "failed"
    assert callback_deliver(delivery_id=second.pk, last_attempt=True) == "failed"
    assert CallbackDelivery.objects.get(pk=first.pk).last_error == "HTTP 410"


@pytest.mark.django_db
def test_callbacks_to_loopback_or_plain_http_are_refused_in_production_settings(settings):
    from django.core.exceptions import ValidationError

    from recovery.callbacks import callback_url_check

    settings.RECOVERY_CALLBACK_ALLOW_HTTP = settings.RECOVERY_CALLBACK_ALLOW_PRIVATE = False
    for url in ["http://bank.example.com/hook", "https://127.0.0.1/hook", "https://10.1.2.3/hook", "https://[::1]/x"]:
        with pytest.raises(ValidationError):
            callback_url_check(url)


@pytest.mark.redis
@pytest.mark.slow
def test_a_real_worker_retries_with_backoff_and_logs_each_attempt(receiver, celery_worker, settings):
    """End to end through Redis and a worker process: two 503s, then delivered, with growing gaps."""
    import time

    bank = receiver(statuses=[503, 503])
    partner, _ = bank_partner("YESB", callback_url=bank.url)
    worker = celery_worker(
        queues="default",
        extra_env={
            "RECOVERY_CALLBACK_ALLOW_HTTP": "true",
            "RECOVERY_CALLBACK_ALLOW_PRIVATE": "true",
            "RECOVERY_CALLBACK_BACKOFF_SECONDS": "1",
        },
    )
    complaint = complaint_paying("quickloan@ybl")
    freeze_requests_open(complaint_ids=[complaint.pk])  # transactional_db: on_commit runs at once

    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        delivery = CallbackDelivery.objects.filter(partner=partner).first()
        if delivery is not None and delivery.status != "pending":
            break
        time.sleep(0.5)
    assert delivery is not None and delivery.status == "delivered", worker.output()[-3000:]
    assert [entry["status"] for entry in delivery.log] == [503, 503, 200]
    assert len(bank.received) == 3
