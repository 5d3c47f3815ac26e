"""Evidence sent in the conversation: photos and PDFs fetched from Twilio (HTTP intercepted with `responses`),
checked by content, stored privately, attached to the complaint, listed in the PDF, shown to the handler only."""

import base64
import io
import uuid
import xml.etree.ElementTree as ET

import pytest
import responses
from django.core.cache import cache
from pypdf import PdfReader

from accounts.tests.factories import AttenderFactory
from complaints.evidence import EvidenceFetchTemporaryError, evidence_fetch
from complaints.models import Complaint, Evidence
from complaints.pdf import complaint_pdf_render
from complaints.tasks import evidence_fetch_task
from complaints.tests.factories import ComplaintFactory
from complaints.tests.test_webhook import PERSONAL, txn

pytestmark = pytest.mark.django_db

PATH = "/webhooks/twilio/whatsapp/"
PHONE = "+919876543210"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + b"\x00" * 500
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + b"0" * 300
EXE = b"MZ\x90\x00" + b"\x00" * 300


def media_url() -> str:
    account = "AC" + "0" * 32
    return (
        f"https://api.twilio.com/2010-04-01/Accounts/{account}/Messages/MM{uuid.uuid4().hex}/Media/ME{uuid.uuid4().hex}"
    )


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    return settings.MEDIA_ROOT


@pytest.fixture
def send(signed_twilio_post, django_capture_on_commit_callbacks):
    """Posts one WhatsApp message (with files: [(url, declared type)]); runs what it queued after commit."""

    def post(body="", media=(), phone=PHONE):
        data = {
            "From": f"whatsapp:{phone}",
            "To": "whatsapp:+14155238886",
            "Body": body,
            "MessageSid": "SM" + uuid.uuid4().hex,
            "NumMedia": str(len(media)),
        }
        for i, (url, declared) in enumerate(media):
            data[f"MediaUrl{i}"], data[f"MediaContentType{i}"] = url, declared
        with django_capture_on_commit_callbacks(execute=True):
            response = signed_twilio_post(PATH, data)
        assert response.status_code == 200, response.content
        message = ET.fromstring(response.content).find("Message")  # noqa: S314 - our own TwiML
        return message.findtext("Body") or message.text or ""

    return post


def twilio_serves(url: str, body: bytes, status: int = 200, content_type: str = "image/jpeg"):
    responses.add(responses.GET, url, body=body, status=status, content_type=content_type)


@responses.activate
def test_a_photo_sent_mid_conversation_is_fetched_with_the_account_credentials_and_kept_privately(send, settings):
    for text in ["hi", "1", "yes", "Asha Rao"]:
        send(text)
    url = media_url()
    twilio_serves(url, JPEG)

    reply = send("", media=[(url, "image/jpeg")])

    assert "received your file" in reply and "attached to this complaint" in reply
    assert "mobile number" in reply  # the pending question, asked again
    evidence = Evidence.objects.get()
    assert (evidence.status, evidence.content_type, evidence.size) == ("stored", "image/jpeg", len(JPEG))
    assert evidence.complaint is None and evidence.phone == PHONE  # the conversation's until the complaint exists
    assert evidence.file.name.startswith("complaints/evidence/") and evidence.file.name.endswith(".jpg")
    assert (settings.MEDIA_ROOT / evidence.file.name).read_bytes() == JPEG
    sent = responses.calls[0].request.headers["Authorization"]
    expected = base64.b64encode(f"{settings.TWILIO_ACCOUNT_SID}:{settings.TWILIO_AUTH_TOKEN}".encode()).decode()
    assert sent == f"Basic {expected}"


@responses.activate
def test_files_sent_before_the_complaint_are_attached_on_submit_and_listed_in_the_pdf(send):
    send("hi")
    send("1")  # English, from the language menu
    url = media_url()
    twilio_serves(url, PDF, content_type="application/pdf")
    send("", media=[(url, "application/pdf")])
    for text in ["yes", *PERSONAL, "1", *txn(18, "SBI", "123456789012", "25,000", "412345678901", "1"), "confirm"]:
        send(text)

    complaint = Complaint.objects.get()
    evidence = complaint.evidence.get()
    assert evidence.content_type == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(complaint_pdf_render(complaint))).pages)
    assert "Evidence sent by the complainant" in text and "4.1" in text and "PDF" in text


@responses.activate
def test_an_oversized_file_is_refused_with_a_clear_message_and_never_stored(send, settings, locmem_outbox):
    settings.COMPLAINTS_EVIDENCE_MAX_BYTES = 1024 * 1024
    send("hi")
    send("1")  # English, from the language menu
    url = media_url()
    twilio_serves(url, JPEG + b"\x00" * (1024 * 1024))

    send("", media=[(url, "image/jpeg")])

    evidence = Evidence.objects.get()
    assert (evidence.status, evidence.refusal, evidence.file.name) == ("refused", "too_large", "")
    assert not (settings.MEDIA_ROOT / "complaints" / "evidence").exists() or not any(
        (settings.MEDIA_ROOT / "complaints" / "evidence").iterdir()
    )
    assert locmem_outbox[-1].to == PHONE
    assert "larger than 1 MB" in locmem_outbox[-1].body


def test_a_declared_video_is_refused_in_the_reply_and_not_fetched(send):
    send("hi")
    send("1")  # English, from the language menu
    reply = send("", media=[(media_url(), "video/mp4")])  # no HTTP mock: a fetch would fail the test
    assert "only photos (JPG, PNG, WEBP) and PDF files" in reply and "video/mp4" in reply
    assert Evidence.objects.get().refusal == "type"


@responses.activate
def test_a_file_that_claims_to_be_a_photo_but_is_not_one_is_refused_by_its_content(send, locmem_outbox):
    send("hi")
    send("1")  # English, from the language menu
    url = media_url()
    twilio_serves(url, EXE)
    send("", media=[(url, "image/jpeg")])
    evidence = Evidence.objects.get()
    assert (evidence.status, evidence.refusal) == ("refused", "type")
    assert "not a photo" in locmem_outbox[-1].body


def test_media_urls_outside_twilio_are_never_fetched_with_the_credentials(send):
    send("hi")
    send("1")  # English, from the language menu
    reply = send("", media=[("https://attacker.example.com/steal", "image/jpeg")])
    assert Evidence.objects.get().status == "refused"
    assert "not kept" in reply


@responses.activate
def test_a_twilio_outage_is_temporary_the_worker_retries_with_backoff_until_the_file_arrives():
    url = media_url()
    evidence = Evidence.objects.create(
        phone=PHONE, message_sid="SM1", index=0, media_url=url, declared_type="image/png"
    )
    twilio_serves(url, b"busy", status=503)
    twilio_serves(url, b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)

    with pytest.raises(EvidenceFetchTemporaryError):
        evidence_fetch(evidence_id=evidence.pk)
    assert evidence_fetch(evidence_id=evidence.pk) == "stored"
    evidence.refresh_from_db()
    assert (evidence.attempts, evidence.content_type) == (2, "image/png")
    assert evidence_fetch_task.autoretry_for == (EvidenceFetchTemporaryError,) and evidence_fetch_task.retry_backoff


@responses.activate
def test_after_the_last_attempt_an_unreachable_file_is_marked_failed():
    url = media_url()
    evidence = Evidence.objects.create(
        phone=PHONE, message_sid="SM2", index=0, media_url=url, declared_type="image/png"
    )
    twilio_serves(url, b"busy", status=502)
    assert evidence_fetch(evidence_id=evidence.pk, last_attempt=True) == "failed"


@responses.activate
def test_a_file_sent_after_filing_goes_to_the_phones_latest_complaint(send):
    complaint = ComplaintFactory(citizen__phone=PHONE, transactions=1)
    url = media_url()
    twilio_serves(url, JPEG)
    reply = send("", media=[(url, "image/jpeg")])
    assert "kept with your complaint" in reply
    assert Evidence.objects.get().complaint == complaint


@responses.activate
def test_more_files_than_allowed_are_refused(send, settings):
    settings.COMPLAINTS_EVIDENCE_MAX_FILES = 1
    send("hi")
    send("1")  # English, from the language menu
    first, second = media_url(), media_url()
    twilio_serves(first, JPEG)
    reply = send("", media=[(first, "image/jpeg"), (second, "image/png")])
    assert "at most 1 files" in reply
    assert sorted(Evidence.objects.values_list("status", flat=True)) == ["refused", "stored"]


@responses.activate
def test_only_the_handler_and_admins_open_evidence_through_the_console(send, client, admin_client):
    handler, other = AttenderFactory(), AttenderFactory()
    complaint = ComplaintFactory(citizen__phone=PHONE, handler=handler, transactions=1)
    url = media_url()
    twilio_serves(url, JPEG)
    send("", media=[(url, "image/jpeg")])
    evidence = complaint.evidence.get()
    path = f"/console/complaints/{complaint.pk}/evidence/{evidence.pk}/"

    client.force_login(other)
    assert client.get(path).status_code == 404
    client.force_login(handler)
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == JPEG
    assert admin_client.get(path).status_code == 200
    client.logout()
    assert client.get(path).status_code == 302  # to the login page
