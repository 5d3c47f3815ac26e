"""A whole complaint in each language through the signed Twilio webhook: the language chosen from the menu or read
from the script, native digits in every numeric answer, one refused answer per field (refused in the citizen's
language), an edit, a confirm; then the PDF in that language, its text extracted, and two pages rendered to look at."""

import io
import shutil
import subprocess
import uuid
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.utils import translation
from pypdf import PdfReader

from accounts.models import Citizen
from complaints.conversation import texts
from complaints.conversation.state import MONEY_LOSS, ConversationState
from complaints.models import Complaint
from fraudsafe.districts import district_lookup
from fraudsafe.languages import detect_script, script_of

PATH = "/webhooks/twilio/whatsapp/"
ZERO = {"en": "0", "hi": "०", "mr": "०", "bn": "০", "te": "౦", "ta": "௦"}

# How each citizen starts, what they type (as typed, in their script), and the words they answer with.
CASES = {
    "en": {
        "start": ["hi", "1"],  # Latin → the menu → 1. English
        "yes": "yes", "dont_know": "don't know", "edit": "edit", "done": "done", "confirm": "confirm",
        "name": "Asha Rao", "father": "Ramesh Kumar", "district": "Bengaluru Urban", "new_district": "Mysuru",
        "bank": "State Bank of India",
        "labels": ["Cyber Fraud Complaint", "Name", "District"],
    },
    "hi": {
        "start": ["hi", "2"],  # the menu → 2. हिन्दी
        "yes": "हाँ", "dont_know": "पता नहीं", "edit": "बदलें", "done": "हो गया", "confirm": "पुष्टि",
        "name": "आशा राव", "father": "रमेश कुमार", "district": "बेंगलुरु शहरी", "new_district": "मैसूरु",
        "bank": "भारतीय स्टेट बैंक",
        "labels": ["साइबर धोखाधड़ी शिकायत", "शिकायतकर्ता का विवरण", "पिता का नाम", "धोखाधड़ी का प्रकार", "राष्ट्रीय"],
    },
    "bn": {
        "start": ["নমস্কার"],  # Bengali script → Bengali at once
        "yes": "হ্যাঁ", "dont_know": "জানি না", "edit": "বদল", "done": "শেষ", "confirm": "নিশ্চিত",
        "name": "আশা রাও", "father": "রমেশ কুমার", "district": "কলকাতা", "new_district": "হাওড়া",
        "bank": "স্টেট ব্যাংক অফ ইন্ডিয়া",
        "labels": ["সাইবার প্রতারণার অভিযোগ", "অভিযোগকারীর তথ্য", "বাবার নাম", "প্রতারণার ধরন"],
    },
    "mr": {
        "start": ["नमस्कार", "मराठी"],  # Devanagari → Hindi, then one word → Marathi
        "yes": "हो", "dont_know": "माहीत नाही", "edit": "बदला", "done": "झाले", "confirm": "पुष्टी",
        "name": "आशा राव", "father": "रमेश कुमार", "district": "पुणे", "new_district": "सातारा",
        "bank": "बँक ऑफ महाराष्ट्र",
        "labels": ["सायबर फसवणूक तक्रार", "तक्रारदाराची माहिती", "वडिलांचे नाव", "फसवणुकीचा प्रकार"],
    },
    "te": {
        "start": ["నమస్కారం"],
        "yes": "అవును", "dont_know": "తెలియదు", "edit": "మార్చు", "done": "అయింది", "confirm": "నిర్ధారించు",
        "name": "ఆశా రావు", "father": "రమేష్ కుమార్", "district": "హైదరాబాద్", "new_district": "వరంగల్",
        "bank": "ఆంధ్రా బ్యాంక్",
        "labels": ["సైబర్ మోసం ఫిర్యాదు", "ఫిర్యాదుదారు వివరాలు", "తండ్రి పేరు", "మోసం రకం"],
    },
    "ta": {
        "start": ["வணக்கம்"],
        "yes": "ஆம்", "dont_know": "தெரியாது", "edit": "திருத்து", "done": "முடிந்தது", "confirm": "உறுதி",
        "name": "ஆஷா ராவ்", "father": "ரமேஷ் குமார்", "district": "சென்னை", "new_district": "கோயம்புத்தூர்",
        "bank": "இந்தியன் வங்கி",
        "labels": ["சைபர் மோசடி புகார்", "புகார்தாரர் விவரங்கள்", "தந்தையின் பெயர்", "மோசடி வகை"],
    },
}  # fmt: skip


def native(text: str, code: str) -> str:
    """ASCII digits written in the language's own digits (१२३, ১২৩, ౧౨౩, ௧௨௩)."""
    zero = ord(ZERO[code])
    return "".join(chr(zero + int(char)) if char.isdigit() else char for char in text)


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def whatsapp(signed_twilio_post):
    def send(phone: str, body: str):
        data = {"From": f"whatsapp:{phone}", "To": "whatsapp:+14155238886", "Body": body,
                "MessageSid": "SM" + uuid.uuid4().hex, "NumMedia": "0"}  # fmt: skip
        response = signed_twilio_post(PATH, data)
        assert response.status_code == 200, response.content
        message = ET.fromstring(response.content).find("Message")  # noqa: S314 - our own TwiML
        return (message.findtext("Body") or message.text or ""), [m.text for m in message.iter("Media")]

    return send


def pdf_text(client, media_url: str) -> tuple[str, bytes]:
    response = client.get(urlsplit(media_url).path)
    assert response.status_code == 200
    data = b"".join(response.streaming_content)
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split()), data


def refused_then_accepted(whatsapp, phone, code, refused: str, accepted: str) -> str:
    """One answer the bot must refuse (in the citizen's language, the question not moving on), then the right one."""
    before = whatsapp(phone, refused)[0]
    if code != "en":
        # Worded in the citizen's script (examples such as name@okhdfcbank may stay in Latin letters).
        script = detect_script(CASES[code]["name"])
        assert sum(script_of(char) == script for char in before) >= 8, before
    return whatsapp(phone, accepted)[0]


@pytest.mark.django_db
@pytest.mark.parametrize("code", list(CASES))
def test_a_whole_complaint_in_each_language_with_native_digits_a_refusal_per_field_an_edit_and_a_pdf(
    code, whatsapp, client, artifacts_dir
):
    case, phone, n = CASES[code], f"+91987650{list(CASES).index(code):04d}", lambda text: native(text, code)
    # A PIN code of the district typed (Pune, Chennai, Kolkata, Hyderabad, Bengaluru).
    pin = {"mr": "411001", "ta": "600001", "bn": "700001", "te": "500001"}.get(code, "560066")
    for text in case["start"]:
        reply, _ = whatsapp(phone, text)
    with translation.override(code):
        assert texts.question(ConversationState(step=MONEY_LOSS)) in reply
    whatsapp(phone, case["yes"])

    answers = [  # (refused, accepted) for every question, numbers in the citizen's digits
        ("1", case["name"]),
        (n("12345"), n("9876543210")),
        (n("31-02-1990"), n("17-05-1985")),
        ("x", case["father"]),
        (case["district"] + n("7"), case["district"]),
        (n("012345"), n(pin)),
        (n("11"), n("1")),
        (n("01-01-2099"), n("18-11-2026")),
        (n("25:00"), n("14:30")),
        ("!!", case["bank"]),
        (n("123"), n("123456789012")),
        (n("0"), n("25,000")),
        ("ab", n("412345678901")),
        (n("9"), n("1")),  # where the money went: 1, a UPI ID
        ("quickloan.help", "quickloan.help@ybl"),
        (n("12"), case["dont_know"]),  # the fraudster's phone: not known
        ("x", "quick-loans.example.com"),  # the fraudster's website or app
        (n("12"), n("1")),
    ]
    for refused, accepted in answers:
        reply = refused_then_accepted(whatsapp, phone, code, refused, accepted)
        if accepted == case["district"] and not district_lookup(accepted).sure:
            # A district the list does not know for sure (written in its own script, its transliteration only
            # sounding like a known name: কলকাতা reads "kalakata"): the bot offers the district it sounds like,
            # and YES in the citizen's language takes it.
            reply = whatsapp(phone, case["yes"])[0]
    assert "2.1.7" in reply  # the summary, with its serial numbers

    whatsapp(phone, case["edit"])
    reply, _ = whatsapp(phone, f"{n('1.5')} = {case['new_district']}")
    # Stored as the district's canonical name when its transliteration names one ("सातारा" → Satara); when it only
    # sounds like one (கோயம்புத்தூர் → Coimbatore) the bot asks, and the victim writes the name it offered.
    match = district_lookup(case["new_district"])
    if not match.sure and match.candidates:
        assert match.candidates[0] in reply
        reply, _ = whatsapp(phone, f"{n('1.5')} = {match.candidates[0]}")
    new_district = match.name or (match.candidates[0] if match.candidates else case["new_district"])
    assert new_district in reply
    whatsapp(phone, case["done"])
    reply, media = whatsapp(phone, case["confirm"])

    complaint = Complaint.objects.get(citizen__phone=phone)
    assert (complaint.language, complaint.name, complaint.district) == (code, case["name"], new_district)
    assert (complaint.mobile, complaint.pin_code, str(complaint.dob)) == ("9876543210", pin, "1985-05-17")
    txn = complaint.transactions.get()
    assert (txn.amount, txn.account_number, txn.transaction_id, txn.bank) == (
        25000,
        "123456789012",
        "412345678901",
        case["bank"],
    )
    assert Citizen.objects.get(phone=phone).language == code
    assert complaint.ack_number in reply and len(media) == 1
    with translation.override(code):
        assert texts.alerts_question() in reply

    text, data = pdf_text(client, media[0])
    for expected in [
        *case["labels"], case["name"], case["father"], new_district, case["bank"],
        complaint.ack_number, "9876543210", "17-05-1985", pin, "123456789012", "412345678901", "25,000.00",
        "1930", "cybercrime.gov.in",
        "Acknowledgement number", "Father's name", "Type of fraud", "UPI fraud",  # English copies for police, banks
    ]:  # fmt: skip
        assert expected in text, expected
    (artifacts_dir / f"complaint-{code}.pdf").write_bytes(data)
    if code in ("hi", "ta") and shutil.which("pdftoppm"):
        # A page to look at: conjuncts and vowel signs must read as typed (test-artifacts/complaint-hi-1.png).
        subprocess.run(
            ["pdftoppm", "-r", "110", "-png", "-f", "1", "-l", "1", str(artifacts_dir / f"complaint-{code}.pdf"),
             str(artifacts_dir / f"complaint-{code}")],
            check=True,
        )  # fmt: skip
        assert (artifacts_dir / f"complaint-{code}-1.png").stat().st_size > 10_000
