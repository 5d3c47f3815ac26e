# ruff: noqa: F811
"""The screenshot's answer goes through the WhatsApp gate (alerts.whatsapp): free-form inside the victim's 24-hour
window, retried on a transient Twilio error, and outside the window nothing free-form leaves (logged, and the
unseen proposal dropped). Twilio's HTTP is intercepted with `responses`, as in alerts/tests/test_twilio.py."""

import logging
from datetime import timedelta
from urllib.parse import parse_qs

import pytest
import responses
from django.utils import timezone

from alerts.models import WhatsAppWindow
from alerts.tests.test_twilio import MESSAGES_URL, _created, eager_retries  # noqa: F401
from alerts.whatsapp import whatsapp_inbound_record
from complaints.models import ConversationSession
from complaints.receipts.samples import receipt_set
from complaints.tasks import receipt_reply_send_task
from complaints.tests.test_evidence import PHONE, media_url, private_media, send, twilio_serves  # noqa: F401
from complaints.tests.test_receipts import needs_tesseract
from complaints.tests.test_webhook import PERSONAL

pytestmark = pytest.mark.django_db


@pytest.fixture
def twilio_whatsapp(settings):
    settings.FRAUDSAFE_WHATSAPP_BACKEND = "fraudsafe.channels.twilio.WhatsAppBackend"


def whatsapp_posts() -> list[dict]:
    forms = [parse_qs(call.request.body) for call in responses.calls if call.request.url == MESSAGES_URL]
    return [form for form in forms if form["To"][0].startswith("whatsapp:")]


@responses.activate
def test_inside_the_window_the_reply_is_sent_free_form(twilio_whatsapp):
    responses.add(responses.POST, MESSAGES_URL, json=_created(), status=201)
    whatsapp_inbound_record(phone=PHONE, at=timezone.now() - timedelta(minutes=1))

    assert receipt_reply_send_task.apply(args=(PHONE, "I read: 2.1.5 Amount ₹25,000", None)).get() == "sent"

    (form,) = whatsapp_posts()
    assert form["To"] == [f"whatsapp:{PHONE}"] and "2.1.5 Amount" in form["Body"][0] and "ContentSid" not in form


@responses.activate
def test_a_transient_twilio_error_is_retried(twilio_whatsapp, eager_retries):
    responses.add(responses.POST, MESSAGES_URL, json={"code": 20500, "message": "down"}, status=503)
    responses.add(responses.POST, MESSAGES_URL, json=_created(), status=201)
    whatsapp_inbound_record(phone=PHONE, at=timezone.now())

    assert receipt_reply_send_task.delay(PHONE, "I read: …", None).get() == "sent"

    assert len(whatsapp_posts()) == 2  # the first failed (503), the retry went


@responses.activate
def test_outside_the_window_nothing_free_form_leaves_and_the_unseen_proposal_is_dropped(
    send, twilio_whatsapp, monkeypatch, django_capture_on_commit_callbacks, caplog
):
    needs_tesseract()
    responses.add(responses.POST, MESSAGES_URL, json=_created(), status=201)
    for text in ["hi", "1", "yes", *PERSONAL, "1"]:  # TwiML answers: no Twilio API call
        send(text)
    queued = []
    monkeypatch.setattr("complaints.evidence.task_enqueue", lambda name, *args, **kw: queued.append((name, args)))
    url = media_url()
    twilio_serves(url, receipt_set(1)[0].image)
    assert "Reading your screenshot" in send("", media=[(url, "image/jpeg")])
    monkeypatch.undo()
    # The reading comes back after the window has closed (WhatsApp reported 63016, or a day went by).
    WhatsAppWindow.objects.filter(phone=PHONE).update(last_inbound_at=timezone.now() - timedelta(hours=25))
    from complaints.tasks import receipt_read_task

    ((_name, args),) = queued
    with (
        caplog.at_level(logging.WARNING, logger="complaints.receipt_reading"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert receipt_read_task.apply(args=args).get() == "read"

    assert whatsapp_posts() == []  # nothing left, free-form or otherwise
    assert "outside the 24-hour window" in caplog.text
    assert ConversationSession.objects.get().state["receipt"] == {}  # never taken as an answer to an unseen message
    assert "what date" in send("hello").lower()  # when they write again, the questions go on as typed


@responses.activate
def test_twilio_refusing_it_as_outside_the_window_closes_the_window_and_drops_the_proposal(twilio_whatsapp):
    responses.add(responses.POST, MESSAGES_URL, json={"code": 63016, "message": "outside window"}, status=400)
    whatsapp_inbound_record(phone=PHONE, at=timezone.now())
    proposal = {"status": "read", "evidence_id": 5, "txn_index": 0, "at": "txn", "values": {"amount": "1.00"}}
    ConversationSession.objects.create(phone=PHONE, state={"step": "txn", "receipt": proposal})

    assert receipt_reply_send_task.apply(args=(PHONE, "I read: …", 5)).get() == "not sent"

    assert len(whatsapp_posts()) == 1 and not WhatsAppWindow.objects.filter(phone=PHONE).exists()
    assert ConversationSession.objects.get().state["receipt"] == {}
