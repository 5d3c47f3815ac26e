"""A screenshot read by a real Celery worker (Redis broker, separate process, real Tesseract): the webhook only
queues the reading; the worker reads and proposes; the victim's YES through the signed webhook files it.

The worker is a separate process, so `responses` cannot intercept its HTTP: the Twilio fetch is made first in the
test process (intercepted), and the worker's reading finds the file already stored — the same path as a retry."""

import io
import time
import uuid

import responses
from pypdf import PdfReader

from complaints.evidence import evidence_fetch
from complaints.models import Complaint, ConversationSession, Evidence
from complaints.receipts.samples import receipt_set
from complaints.tests.test_evidence import PATH, PHONE, media_url
from complaints.tests.test_receipts import needs_tesseract
from complaints.tests.test_webhook import PERSONAL


def post(signed_twilio_post, body="", media=()):
    data = {"From": f"whatsapp:{PHONE}", "To": "whatsapp:+14155238886", "Body": body,
            "MessageSid": "SM" + uuid.uuid4().hex, "NumMedia": str(len(media))}  # fmt: skip
    for i, (url, declared) in enumerate(media):
        data[f"MediaUrl{i}"], data[f"MediaContentType{i}"] = url, declared
    response = signed_twilio_post(PATH, data)
    assert response.status_code == 200, response.content
    return response.content.decode()


def test_a_real_worker_reads_the_screenshot_and_yes_files_it(celery_worker, signed_twilio_post):
    needs_tesseract()
    sample = receipt_set(1)[0]
    for text in ["hi", "1", "yes", *PERSONAL, "1"]:
        post(signed_twilio_post, text)
    url = media_url()
    with responses.RequestsMock() as mock:
        mock.add(responses.GET, url, body=sample.image, status=200, content_type="image/jpeg")
        assert "Reading your screenshot" in post(signed_twilio_post, media=[(url, "image/jpeg")])
        evidence = Evidence.objects.get()
        assert evidence_fetch(evidence_id=evidence.pk) == "stored"

    celery_worker(queues="default", concurrency=1)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if ConversationSession.objects.get(phone=PHONE).state.get("receipt", {}).get("status") == "read":
            break
        time.sleep(0.3)
    state = ConversationSession.objects.get(phone=PHONE).state
    assert state["receipt"]["values"]["transaction_id"] == sample.truth["transaction_id"]
    assert "transaction_id" not in state["transactions"][0]  # nothing kept before the yes

    for text in ["yes", "123456789012", "skip", "skip", "1", "confirm"]:
        post(signed_twilio_post, text)
    stored = Complaint.objects.get().transactions.get()
    assert stored.transaction_id == sample.truth["transaction_id"]
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(stored.complaint.pdf.read())).pages)
    assert sample.truth["transaction_id"] in text


def test_at_the_summary_a_real_worker_reads_while_the_victim_says_which_transaction(celery_worker, signed_twilio_post):
    needs_tesseract()
    sample = receipt_set(1)[0]
    typed = ["19-11-2026", "10:00", "HDFC Bank", "223456789012", "5,000", "512345678901", "5", "skip", "skip", "1"]
    for text in ["hi", "1", "yes", *PERSONAL, "2", *typed, *typed]:
        post(signed_twilio_post, text)
    url = media_url()
    with responses.RequestsMock() as mock:
        mock.add(responses.GET, url, body=sample.image, status=200, content_type="image/jpeg")
        assert "Which transaction is this payment?" in post(signed_twilio_post, media=[(url, "image/jpeg")])
        assert evidence_fetch(evidence_id=Evidence.objects.get().pk) == "stored"

    celery_worker(queues="default", concurrency=1)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if ConversationSession.objects.get(phone=PHONE).state.get("receipt", {}).get("status") == "read":
            break
        time.sleep(0.3)
    assert ConversationSession.objects.get(phone=PHONE).state["receipt"]["txn_index"] is None  # waits for the answer

    proposal = post(signed_twilio_post, "2")
    assert f"2.2.6 Transaction ID {sample.truth['transaction_id']} (you typed 512345678901)" in proposal
    post(signed_twilio_post, "yes")
    post(signed_twilio_post, "confirm")
    first, second = Complaint.objects.get().transactions.order_by("position")
    assert first.transaction_id == "512345678901" and second.transaction_id == sample.truth["transaction_id"]
