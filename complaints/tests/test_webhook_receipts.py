# ruff: noqa: F811
"""A payment screenshot through the signed webhook: the webhook answers at once, a worker fetches the image from
Twilio (intercepted with `responses`) and reads it (Tesseract), the victim confirms or corrects, the PDF holds
the values. Tasks run eagerly after commit, as in test_evidence.py."""

import io
from decimal import Decimal

import pytest
import responses
from pypdf import PdfReader

from accounts.tests.factories import AttenderFactory
from complaints.models import Complaint, ConversationSession, Evidence
from complaints.receipts import ocr
from complaints.receipts.samples import receipt_set
from complaints.tests.factories import ComplaintFactory
from complaints.tests.test_evidence import (  # noqa: F401, F811
    JPEG,
    PDF,
    PHONE,
    media_url,
    private_media,
    send,
    twilio_serves,
)
from complaints.tests.test_receipts import needs_tesseract
from complaints.tests.test_webhook import PERSONAL

pytestmark = pytest.mark.django_db

START = {"en": ["hi", "1", "yes"], "hi": ["hi", "2", "हाँ"]}
YES = {"en": "yes", "hi": "हाँ"}
READING = {"en": "Reading your screenshot", "hi": "स्क्रीनशॉट"}
SAMPLE = {"en": 0, "hi": 7}  # generated receipts (never real people's) that the engine reads in full


@pytest.fixture(scope="module")
def samples():
    return receipt_set(8)


def to_first_transaction(send, language):
    for text in [*START[language], *PERSONAL, "1"]:
        send(text)


def screenshot(send, image, declared="image/jpeg"):
    url = media_url()
    twilio_serves(url, image, content_type=declared)
    return send("", media=[(url, declared)])


@responses.activate
@pytest.mark.parametrize("language", ["en", "hi"])
def test_a_screenshot_and_yes_file_the_transaction_and_the_pdf_holds_the_values(send, samples, language,
                                                                                 locmem_outbox):  # fmt: skip
    needs_tesseract()
    sample = samples[SAMPLE[language]]
    to_first_transaction(send, language)

    reply = screenshot(send, sample.image)

    assert READING[language] in reply
    proposal = locmem_outbox[-1].body
    assert "2.1.5" in proposal and "2.1.6" in proposal and sample.truth["transaction_id"] in proposal
    txn = ConversationSession.objects.get().state["transactions"][0]
    assert "amount" not in txn and "transaction_id" not in txn  # nothing kept before the victim's yes

    reply = send(YES[language])
    txn = ConversationSession.objects.get().state["transactions"][0]
    assert {k: txn[k] for k in ("transaction_id", "date", "time")} == {
        k: sample.truth[k] for k in ("transaction_id", "date", "time")
    }
    assert Decimal(txn["amount"]) == Decimal(sample.truth["amount"])
    assert txn["beneficiary_upi"] == sample.truth["beneficiary_upi"]
    # What the screenshot lacks (the victim's own account number) is asked as today; then the rest.
    for text in ["123456789012", "skip", "skip", "1"]:
        reply = send(text)
    send("confirm" if language == "en" else "पुष्टि")

    complaint = Complaint.objects.get()
    stored = complaint.transactions.get()
    assert stored.transaction_id == sample.truth["transaction_id"]
    assert str(int(stored.amount)) == sample.truth["amount"]
    assert set(stored.field_sources["read"]) >= {"amount", "transaction_id", "beneficiary_upi"}
    assert "account_number" not in stored.field_sources["read"]  # typed
    assert stored.field_sources["evidence"] == complaint.evidence.get().pk
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(complaint.pdf.read())).pages)
    assert sample.truth["transaction_id"] in text and sample.truth["beneficiary_upi"] in text


@responses.activate
def test_the_victim_corrects_one_value_before_saying_yes(send, samples, locmem_outbox):
    needs_tesseract()
    to_first_transaction(send, "en")
    screenshot(send, samples[0].image)

    corrected = send("2.1.5 = 12,345")
    assert "₹12,345" in corrected and "I read:" in corrected
    refused = send("2.1.5 = minus five")  # the same validator as typed: refused, the proposal unchanged
    assert "2.1.5" in refused
    assert ConversationSession.objects.get().state["receipt"]["values"]["amount"] == "12345.00"
    send("yes")
    txn = ConversationSession.objects.get().state["transactions"][0]
    assert txn["amount"] == "12345.00" and txn["transaction_id"] == samples[0].truth["transaction_id"]


@responses.activate
def test_typing_while_the_reading_is_pending_is_never_lost(
    send, samples, locmem_outbox, monkeypatch, django_capture_on_commit_callbacks
):
    needs_tesseract()
    to_first_transaction(send, "en")
    queued = []
    monkeypatch.setattr("complaints.evidence.task_enqueue", lambda name, *args, **kw: queued.append((name, args)))
    screenshot(send, samples[0].image)
    send("01-11-2026")  # the victim types the date before the reading comes back
    monkeypatch.undo()
    from complaints.tasks import receipt_read_task

    ((name, args),) = queued
    assert name == "complaints.tasks.receipt_read_task"
    with django_capture_on_commit_callbacks(execute=True):
        receipt_read_task.apply(args=args)
    proposal = locmem_outbox[-1].body
    assert "I read:" in proposal and "2.1.1" not in proposal  # the typed date is kept, not offered again
    send("yes")
    txn = ConversationSession.objects.get().state["transactions"][0]
    assert txn["date"] == "2026-11-01" and "date" not in txn["_read"]


@responses.activate
def test_an_image_without_a_receipt_gets_a_kind_message_and_the_normal_question(send, locmem_outbox):
    needs_tesseract()
    to_first_transaction(send, "en")
    from PIL import Image

    blank = io.BytesIO()
    Image.new("RGB", (600, 900), "white").save(blank, "JPEG")
    screenshot(send, blank.getvalue())

    assert "could not read a payment" in locmem_outbox[-1].body
    assert "what date" in locmem_outbox[-1].body.lower()
    assert ConversationSession.objects.get().state["receipt"] == {}
    assert Evidence.objects.get().status == "stored"  # kept as evidence all the same


@responses.activate
def test_an_oversized_or_non_image_file_is_refused_and_the_question_asked(send, settings, locmem_outbox):
    settings.COMPLAINTS_EVIDENCE_MAX_BYTES = 1024
    to_first_transaction(send, "en")
    screenshot(send, JPEG + b"\x00" * 2048)
    bodies = [m.body for m in locmem_outbox]
    assert any("larger than" in b for b in bodies) and "what date" in bodies[-1].lower()
    settings.COMPLAINTS_EVIDENCE_MAX_BYTES = 5 * 1024 * 1024
    screenshot(send, b"MZ\x90\x00" + b"\x00" * 300)  # says it is a photo; its bytes say otherwise
    assert "not a photo" in locmem_outbox[-2].body and "what date" in locmem_outbox[-1].body.lower()
    assert not Evidence.objects.filter(status="stored").exists()


@responses.activate
def test_a_pdf_during_the_questions_is_evidence_and_not_read(send):
    to_first_transaction(send, "en")
    reply = screenshot(send, PDF, declared="application/pdf")
    assert "received your file" in reply and "Reading" not in reply


@responses.activate
def test_without_tesseract_the_bot_just_asks(send, samples, settings, locmem_outbox):
    settings.TESSERACT_CMD = "/nowhere/tesseract"
    ocr.ocr_available.cache_clear()
    try:
        to_first_transaction(send, "en")
        screenshot(send, samples[0].image)
    finally:
        ocr.ocr_available.cache_clear()
    assert "what date" in locmem_outbox[-1].body.lower()
    reply = send("18-11-2026")  # the conversation goes on as typed
    assert "what time" in reply.lower()


@responses.activate
def test_staff_see_the_screenshot_beside_the_fields_and_can_read_any_image_again(send, samples, client):
    needs_tesseract()
    handler, other = AttenderFactory(), AttenderFactory()
    complaint = ComplaintFactory(citizen__phone=PHONE, handler=handler, transactions=1)
    screenshot(send, samples[0].image)  # after filing: kept with the complaint, not read into it
    evidence = complaint.evidence.get()
    txn = complaint.transactions.get()
    txn.field_sources = {"read": ["amount", "transaction_id"], "evidence": evidence.pk}
    txn.save()
    page = f"/console/complaints/{complaint.pk}/"
    again = f"/console/complaints/{complaint.pk}/evidence/{evidence.pk}/read-again/"

    client.force_login(other)
    assert client.post(again).status_code == 404  # not their complaint
    client.force_login(handler)
    html = client.get(page).content.decode()
    assert f"/console/complaints/{complaint.pk}/evidence/{evidence.pk}/" in html and "<img" in html
    assert html.count("read from image, confirmed by the victim") == 2 and "typed" in html
    response = client.post(again, follow=True)
    shown = response.content.decode()
    assert "not applied" in shown and samples[0].truth["transaction_id"] in shown
    txn.refresh_from_db()
    assert txn.transaction_id != samples[0].truth["transaction_id"]  # shown, never applied
    assert client.get(again).status_code == 405


# --- a screenshot at the summary, after "this is the payment" ------------------------------------------------------

TYPED = {
    "en": ["18-11-2026", "2:30 PM", "State Bank of India", "123456789012", "25,000", "412345678901", "5", "skip",
           "skip", "1"],
    "hi": ["19-11-2026", "10:00", "HDFC Bank", "223456789012", "5,000", "512345678901", "5", "skip", "skip", "1"],
}  # fmt: skip
PAYMENT = {"en": "This is the payment", "hi": "यह पेमेंट है"}
CONFIRM = {"en": "confirm", "hi": "पुष्टि"}


@responses.activate
@pytest.mark.parametrize("language", ["en", "hi"])
def test_at_the_summary_the_victim_says_this_is_the_payment_picks_the_transaction_and_yes_corrects_it(
    send, samples, language, locmem_outbox
):
    needs_tesseract()
    from django.utils import translation
    from django.utils.translation import gettext

    from complaints.conversation import receipt_texts

    sample = samples[SAMPLE[language]]
    for text in [*START[language], *PERSONAL, "2", *TYPED["en"], *TYPED["hi"]]:
        reply = send(text)
    assert "2.2.6" in reply  # the summary, waiting for CONFIRM

    def said(text):  # a text of the bot in the victim's language (each request resets the active language)
        with translation.override(language):
            return str(text() if callable(text) else text)

    assert send(PAYMENT[language]) == said(receipt_texts.send_the_screenshot)
    reply = screenshot(send, sample.image)  # read by the worker while the victim is asked which one
    assert said(lambda: receipt_texts.which_transaction([], again=True).splitlines()[0]) in reply
    assert "1. ₹25,000.00" in reply and "2. ₹5,000.00" in reply
    outbox = len(locmem_outbox)

    proposal = send("2")
    assert len(locmem_outbox) == outbox  # the proposal is the answer to the choice itself
    label = said(receipt_texts.TXN_FIELD_BY_KEY["transaction_id"].label)
    assert f"2.2.6 {label} {sample.truth['transaction_id']}" in proposal
    assert said(lambda: gettext("(you typed %(value)s)") % {"value": "512345678901"}) in proposal
    state = ConversationSession.objects.get().state
    assert state["transactions"][1]["transaction_id"] == "512345678901"  # nothing changed before the yes

    summary = send(YES[language])
    assert f"2.2.6 {label}: {sample.truth['transaction_id']}" in summary
    send(CONFIRM[language])

    complaint = Complaint.objects.get()
    first, second = complaint.transactions.order_by("position")
    assert first.transaction_id == "412345678901"  # the other transaction is untouched
    assert second.transaction_id == sample.truth["transaction_id"]
    assert Decimal(second.amount) == Decimal(sample.truth["amount"])
    assert "transaction_id" in second.field_sources["read"] and "account_number" not in second.field_sources["read"]
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(complaint.pdf.read())).pages)
    assert sample.truth["transaction_id"] in text


@responses.activate
def test_at_the_summary_new_files_the_screenshot_as_another_transaction(send, samples, locmem_outbox):
    needs_tesseract()
    sample = samples[0]
    for text in [*START["en"], *PERSONAL, "1", *TYPED["hi"]]:
        send(text)
    assert "Reading your screenshot" in screenshot(send, sample.image)  # the only transaction is taken…
    proposal = locmem_outbox[-1].body
    assert "(you typed 512345678901)" in proposal and "reply *NEW*" in proposal

    reply = send("new")  # …unless it is another payment
    assert "2.2.6 Transaction ID " + sample.truth["transaction_id"] in reply and "(you typed" not in reply
    for text in ["yes", "123456789012", "skip", "skip", "1"]:
        reply = send(text)
    assert "Transaction 2 added" in reply
    send("confirm")
    first, second = Complaint.objects.get().transactions.order_by("position")
    assert first.transaction_id == "512345678901" and second.transaction_id == sample.truth["transaction_id"]


@responses.activate
@pytest.mark.parametrize("language", ["en", "hi"])
def test_this_is_the_payment_before_the_transaction_questions_is_read_when_they_start(
    send, samples, language, locmem_outbox
):
    needs_tesseract()
    from django.utils import translation

    from complaints.conversation import receipt_texts

    def said(text):
        with translation.override(language):
            return str(text())

    sample = samples[SAMPLE[language]]
    for text in START[language]:
        send(text)
    assert send(PAYMENT[language]).startswith(said(receipt_texts.screenshot_later))  # at "What is your name?"
    reply = screenshot(send, sample.image)
    assert said(receipt_texts.read_later) in reply and "Reading" not in reply
    assert Evidence.objects.get().status == "stored"  # fetched as any evidence, not read yet
    for text in PERSONAL:
        send(text)
    assert ConversationSession.objects.get().state["receipt"]["status"] == "kept"  # nothing proposed yet
    assert not any("2.1.6" in m.body for m in locmem_outbox)

    reply = send("1")  # the transaction questions start: the screenshot is read now, for transaction 1
    assert reply.startswith(said(receipt_texts.reading_started).split("…")[0])
    proposal = locmem_outbox[-1].body
    assert "2.1.6" in proposal and sample.truth["transaction_id"] in proposal
    send(YES[language])
    txn = ConversationSession.objects.get().state["transactions"][0]
    assert txn["transaction_id"] == sample.truth["transaction_id"] and "transaction_id" in txn["_read"]
