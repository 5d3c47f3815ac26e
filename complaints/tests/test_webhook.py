"""The Twilio WhatsApp webhook end to end: signatures, whole conversations, duplicates, concurrency."""

import io
import uuid
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.test import Client
from pypdf import PdfReader
from twilio.request_validator import RequestValidator

from accounts.models import Citizen, ConsentEvent
from complaints.models import Complaint, ComplaintEvent, ConversationSession, InboundMessage
from complaints.tests.race import race

PATH = "/webhooks/twilio/whatsapp/"
PHONE = "+919876543210"
PERSONAL = ["Asha Rao", "9876543210", "17-05-1985", "Ramesh Kumar", "Bengaluru Urban", "560066"]


NOT_KNOWN = ("5", "skip", "skip")  # where the money went, the fraudster's phone and website: not known


def txn(day, bank, account, amount, reference, kind, fraudster=NOT_KNOWN):
    return [f"{day}-11-2026", "2:30 PM", bank, account, amount, reference, *fraudster, kind]


TXN_1 = txn(
    18, "State Bank of India", "123456789012", "25,000", "412345678901", "1",
    fraudster=("1", "quickloan.help@ybl", "98123 45678", "quick-loans.example.com"),
)  # fmt: skip
TXN_2 = txn(19, "HDFC Bank", "50100123456789", "1500.50", "T2411191234ABCD", "6")
TXN_3 = txn(20, "ICICI Bank", "001234567890", "10,00,000", "UTR998877665544", "8")


def form(body, sid=None, phone=PHONE):
    return {
        "From": f"whatsapp:{phone}",
        "To": "whatsapp:+14155238886",
        "Body": body,
        "MessageSid": sid or "SM" + uuid.uuid4().hex,
        "NumMedia": "0",
        "ProfileName": "Asha",
    }


def parse(response):
    root = ET.fromstring(response.content)  # noqa: S314 - our own TwiML
    message = root.find("Message")
    return (message.findtext("Body") or message.text or ""), [m.text for m in message.iter("Media")]


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    # The webhook's per-sender limit lives in the cache, which outlives a test; these tests send many messages.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def say(signed_twilio_post):
    def send(body, sid=None, phone=PHONE):
        response = signed_twilio_post(PATH, form(body, sid, phone))
        assert response.status_code == 200, response.content
        assert response["Content-Type"].startswith("application/xml")
        return parse(response)

    return send


def pdf_text(client, media_url):
    response = client.get(urlsplit(media_url).path)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@pytest.mark.django_db
def test_missing_signature_is_refused_with_403(client):
    response = client.post(PATH, form("hi"))
    assert response.status_code == 403
    assert not ConversationSession.objects.exists()


@pytest.mark.django_db
def test_forged_signature_is_refused_with_403(signed_twilio_post):
    response = signed_twilio_post(PATH, form("hi"), signature="bm90LWEtcmVhbC1zaWduYXR1cmU=")
    assert response.status_code == 403
    assert not InboundMessage.objects.exists()


@pytest.mark.django_db
def test_signature_of_another_body_is_refused_with_403(client, settings):
    data = form("hi")
    signature = RequestValidator(settings.TWILIO_AUTH_TOKEN).compute_signature(
        settings.FRAUDSAFE_PUBLIC_URL + PATH, {**data, "Body": "something else"}
    )
    response = client.post(PATH, data, HTTP_X_TWILIO_SIGNATURE=signature)
    assert response.status_code == 403


@pytest.mark.django_db
def test_signature_over_the_https_url_is_accepted_behind_a_proxy(client, settings):
    data = form("hi")
    https_url = "https://" + settings.FRAUDSAFE_PUBLIC_URL.split("://", 1)[1] + PATH
    signature = RequestValidator(settings.TWILIO_AUTH_TOKEN).compute_signature(https_url, data)
    response = client.post(PATH, data, HTTP_X_TWILIO_SIGNATURE=signature, HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 200


@pytest.mark.django_db
def test_get_is_refused(client):
    assert client.get(PATH).status_code == 403


@pytest.mark.django_db
def test_whole_conversation_with_one_transaction_saves_the_complaint_and_sends_its_pdf(
    say, client, django_capture_on_commit_callbacks
):
    for text in ["hi", "1", "yes", *PERSONAL, "1", *TXN_1]:
        say(text)
    with django_capture_on_commit_callbacks(execute=True):
        body, media = say("CONFIRM")

    complaint = Complaint.objects.get()
    assert complaint.ack_number in body
    assert "Would you like fraud alerts on WhatsApp? Reply *YES* or *NO*." in body
    assert complaint.status == Complaint.Status.PENDING
    assert complaint.citizen.phone == PHONE
    assert (complaint.name, complaint.mobile, complaint.district) == ("Asha Rao", "9876543210", "Bengaluru Urban")
    transaction = complaint.transactions.get()
    assert transaction.fraud_type == "upi"
    assert (transaction.beneficiary_kind, transaction.beneficiary_upi) == ("upi", "quickloan.help@ybl")
    assert (transaction.fraudster_phone, transaction.fraudster_website) == ("+919812345678", "quick-loans.example.com")
    assert ComplaintEvent.objects.filter(complaint=complaint, kind=ComplaintEvent.Kind.CREATED).exists()
    assert len(media) == 1 and "/complaints/pdf/" in media[0]

    text = pdf_text(client, media[0])
    for expected in [
        complaint.ack_number,
        "Asha Rao",
        "9876543210",
        "17-05-1985",
        "Ramesh Kumar",
        "Bengaluru Urban",
        "560066",
        "18-11-2026",
        "14:30",
        "State Bank of India",
        "123456789012",
        "25,000.00",
        "412345678901",
        "UPI fraud",
        "1930",
        "cybercrime.gov.in",
        "1.1",
        "1.6",
        "2.t.3",
        "Where the money went",
        "2.1.9",
        "quickloan.help@ybl",
        "+919812345678",
        "quick-loans.example.com",
    ]:
        assert expected in text, expected


@pytest.mark.django_db
def test_whole_conversation_with_three_transactions_puts_all_of_them_and_the_total_in_the_pdf(say, client):
    for text in ["hi", "1", "yes", *PERSONAL, "3", *TXN_1, *TXN_2, *TXN_3]:
        say(text)
    body, media = say("confirm")

    complaint = Complaint.objects.get()
    assert [t.position for t in complaint.transactions.all()] == [1, 2, 3]
    assert str(complaint.total_amount) == "1026500.50"
    text = pdf_text(client, media[0])
    for expected in [
        "HDFC Bank",
        "50100123456789",
        "T2411191234ABCD",
        "Investment / trading fraud",
        "ICICI Bank",
        "001234567890",
        "10,00,000.00",
        "UTR998877665544",
        "Impersonation",
        "10,26,500.50",
        "2.1",
        "2.2",
        "2.3",
    ]:
        assert expected in text, expected


@pytest.mark.django_db
def test_yes_after_the_complaint_records_whatsapp_consent_from_the_complaint(say):
    for text in ["hi", "1", "yes", *PERSONAL, "1", *TXN_1, "confirm"]:
        say(text)
    say("YES")
    filed, answered = ConsentEvent.objects.filter(citizen__phone=PHONE).order_by("created_at", "id")
    # Filing on WhatsApp is the basis for case updates there; YES is consent to fraud alerts too.
    assert (filed.channel, filed.action, filed.source) == ("whatsapp", "grant", "complaint")
    assert "filed complaint FS-" in filed.evidence
    assert (answered.channel, answered.action, answered.source, answered.evidence) == (
        "whatsapp",
        "grant",
        "complaint",
        "YES",
    )


@pytest.mark.django_db
def test_duplicate_message_sid_gets_the_same_reply_and_changes_nothing(say):
    say("hi")
    say("1")  # English, from the language menu
    first = say("yes", sid="SMduplicate0001")
    state_before = ConversationSession.objects.get(phone=PHONE).state
    again = say("yes", sid="SMduplicate0001")
    assert again == first
    assert ConversationSession.objects.get(phone=PHONE).state == state_before
    assert InboundMessage.objects.filter(message_sid="SMduplicate0001").count() == 1


@pytest.mark.django_db
def test_duplicate_of_the_confirming_message_does_not_file_a_second_complaint(say):
    for text in ["hi", "1", "yes", *PERSONAL, "1", *TXN_1]:
        say(text)
    first = say("confirm", sid="SMconfirm000001")
    again = say("confirm", sid="SMconfirm000001")
    assert again == first
    assert Complaint.objects.count() == 1


@pytest.mark.django_db
def test_status_lists_the_callers_complaints_with_their_status(say):
    for text in ["hi", "1", "yes", *PERSONAL, "1", *TXN_1, "confirm"]:
        say(text)
    complaint = Complaint.objects.get()
    Complaint.objects.filter(pk=complaint.pk).update(status=Complaint.Status.IN_PROGRESS)
    body, _ = say("status")
    assert complaint.ack_number in body and "In progress" in body
    other, _ = say("status", phone="+919812345678")
    assert complaint.ack_number not in other


@pytest.mark.django_db
def test_join_keyword_records_consent_and_stop_withdraws_it(say):
    joined, _ = say("JOIN")
    stopped, _ = say("STOP")
    events = list(ConsentEvent.objects.filter(citizen__phone=PHONE).order_by("id"))
    assert [(e.action, e.source) for e in events] == [("grant", "whatsapp_keyword"), ("withdraw", "whatsapp_keyword")]
    assert "JOIN" in stopped


@pytest.mark.django_db
def test_bot_answers_in_the_language_the_citizen_already_chose(say):
    Citizen.objects.create(phone=PHONE, language="hi")  # e.g. chosen in an earlier conversation, or by staff
    body, _ = say("hi")
    assert "क्या साइबर अपराध में आपके पैसे गए हैं?" in body


@pytest.mark.django_db
def test_logs_never_hold_the_full_phone_or_account_number(say, caplog):
    caplog.set_level("DEBUG")
    for text in ["hi", "1", "yes", *PERSONAL, "1", *TXN_1, "confirm"]:
        say(text)
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "complaint FS-" in logged
    assert "9876543210" not in logged and "123456789012" not in logged


@pytest.mark.django_db(transaction=True)
def test_two_messages_from_one_phone_at_the_same_time_are_both_applied(say, settings):
    for text in ["hi", "1", "yes", *PERSONAL, "1", *TXN_1, "edit"]:
        say(text)
    validator = RequestValidator(settings.TWILIO_AUTH_TOKEN)
    posts = []
    for body in ["1.1 = Meera Iyer", "2.1.3 = HDFC Bank"]:
        data = form(body)
        signature = validator.compute_signature(settings.FRAUDSAFE_PUBLIC_URL + PATH, data)
        posts.append(lambda d=data, s=signature: Client().post(PATH, d, HTTP_X_TWILIO_SIGNATURE=s).status_code)

    assert race(posts) == [200, 200]
    state = ConversationSession.objects.get(phone=PHONE).state
    assert state["answers"]["name"] == "Meera Iyer"
    assert state["transactions"][0]["bank"] == "HDFC Bank"


@pytest.mark.django_db
def test_chat_simulator_files_a_complaint_through_the_webhook_and_saves_the_pdf(tmp_path):
    from django.core.management import call_command

    out = io.StringIO()
    messages = ["hi", "1", "yes", *PERSONAL, "1", *TXN_1, "confirm"]
    args = [arg for text in messages for arg in ("-m", text)]
    call_command("chat", "--phone", PHONE, "--out", str(tmp_path), *args, stdout=out)

    complaint = Complaint.objects.get()
    saved = tmp_path / f"{complaint.ack_number}.pdf"
    assert saved.read_bytes().startswith(b"%PDF")
    assert complaint.ack_number in out.getvalue()
    assert InboundMessage.objects.count() == len(messages)


@pytest.mark.django_db
def test_chat_simulator_refuses_a_phone_not_in_international_format():
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError):
        call_command("chat", "--phone", "9876543210", "-m", "hi")
