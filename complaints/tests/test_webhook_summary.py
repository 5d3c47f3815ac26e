"""The summary through the signed webhook (issue 26): CONFIRM right after an edit, serial numbers contiguous over
what is shown (the bot, the PDF and the console alike) and a UPI ID, account or phone typed straight at "Where did
the money go?"."""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from accounts.tests.factories import AdminFactory
from complaints.conversation import words
from complaints.models import Complaint
from complaints.tests.test_webhook import PATH, PERSONAL, form, parse, pdf_text
from fraudsafe.languages import languages

pytestmark = pytest.mark.django_db


@pytest.fixture
def say(signed_twilio_post):
    cache.clear()  # the per-sender rate limit: these conversations send many messages

    def send(body):
        response = signed_twilio_post(PATH, form(body))
        assert response.status_code == 200, response.content
        return parse(response)

    yield send
    cache.clear()

BEFORE_KIND = ["18-11-2026", "2:30 PM", "State Bank of India", "123456789012", "25,000", "412345678901"]


def to_summary(say, kind_answers=("1", "quickloan.help@ybl", "skip", "skip"), language="1"):
    for text in ["hi", language, "yes", *PERSONAL, "1", *BEFORE_KIND, *kind_answers]:
        body, _ = say(text)
    body, _ = say("1")  # type of fraud: UPI fraud → the summary
    return body


def serials(body: str, t: int = 1) -> list[int]:
    return [int(n) for n in re.findall(rf"^2\.{t}\.(\d+) ", body, flags=re.MULTILINE)]


@pytest.mark.parametrize("language", [lang.code for lang in languages()])
def test_confirm_right_after_an_edit_at_the_summary_submits_the_updated_complaint(say, language):
    number = str([lang.code for lang in languages()].index(language) + 1)
    to_summary(say, language=number)

    body, _ = say("2.1.3 = ICICI Bank")  # typed straight at the summary
    assert "ICICI Bank" in body and "2.1.1 " in body  # the updated summary is shown …
    assert words.shown("confirm", language) in body  # … with CONFIRM (in the victim's language) as the next step

    body, media = say(words.KEYWORDS["confirm"][language][0])
    complaint = Complaint.objects.get()
    assert complaint.ack_number in body and len(media) == 1
    assert complaint.transactions.get().bank == "ICICI Bank"


def test_confirm_after_edit_then_a_refused_edit_still_submits_only_what_was_accepted(say):
    to_summary(say)
    say("edit")
    body, _ = say("2.1.4 = 12")  # refused: nothing changes
    assert "Complaint" not in body and not Complaint.objects.exists()
    say("2.1.3 = HDFC Bank")
    say("confirm")
    assert Complaint.objects.get().transactions.get().bank == "HDFC Bank"


def test_serials_are_contiguous_in_the_summary_the_pdf_and_the_console_and_edits_use_them(say, client):
    body = to_summary(say)
    assert serials(body) == list(range(1, 12))  # 7 fields, where the money went, the UPI ID, phone, website
    assert "2.1.9 UPI ID: quickloan.help@ybl" in body
    assert "2.1.10 Fraudster's phone: Don’t know" in body
    assert "2.1.11 Website / app: Don’t know" in body
    assert "2.1.14" not in body

    body, _ = say("2.1.10 = 98123 45678")  # the number shown, not the field's old fixed number 2.1.14
    assert "✔ 2.1.10 Fraudster's phone changed to +919812345678" in body
    assert serials(body) == list(range(1, 12))
    body, _ = say("2.1.12 = x")  # no such serial on what was shown
    assert "I did not understand" in body
    _, media = say("confirm")

    complaint = Complaint.objects.get()
    txn = complaint.transactions.get()
    assert (txn.beneficiary_upi, txn.fraudster_phone) == ("quickloan.help@ybl", "+919812345678")
    text = pdf_text(client, media[0])
    assert "2.1.9 UPI ID quickloan.help@ybl" in text and "2.1.10 Fraudster's phone +919812345678" in text
    assert "2.1.11 Website / app" in text and "2.1.14" not in text

    client.force_login(AdminFactory())
    page = client.get(reverse("console-complaint", args=[complaint.pk])).content.decode()
    section = page[page.index('id="fraudster"') :]
    assert re.findall(r"2\.1\.(\d+)</span>", section) == ["8", "9", "10", "11"]
    assert "+919812345678" in section and "quickloan.help@ybl" in section  # an admin sees them in full


def test_serials_after_an_unknown_destination_follow_on_without_a_gap(say):
    body = to_summary(say, kind_answers=("5", "skip", "skip"))
    assert serials(body) == list(range(1, 11))
    assert "2.1.9 Fraudster's phone" in body and "2.1.10 Website / app" in body

    body, _ = say("2.1.8 = 2")  # now a bank account: its account and IFSC take 2.1.9 and 2.1.10
    assert "2.1.9 Beneficiary account" in body and "2.1.10 IFSC" in body and "2.1.12 Website / app" in body
    assert "Type *2.1.9 = …*" in body


@pytest.mark.parametrize(
    ("typed", "kind", "field", "stored", "next_question"),
    [
        ("quickloan.help@ybl", "upi", "beneficiary_upi", "quickloan.help@ybl", "fraudster's phone"),
        ("Quick.Loan@OKHDFCBANK", "upi", "beneficiary_upi", "quick.loan@okhdfcbank", "fraudster's phone"),
        ("50100 1234 56789", "account", "beneficiary_account", "50100123456789", "IFSC"),
        ("+91 98123 45678", "wallet", "beneficiary_wallet", "9812345678", "fraudster's phone"),
    ],
)
def test_an_identifier_typed_at_where_the_money_went_is_taken_with_its_kind(
    say, typed, kind, field, stored, next_question
):
    for text in ["hi", "1", "yes", *PERSONAL, "1", *BEFORE_KIND]:
        body, _ = say(text)
    assert "Where did the money go?" in body

    body, _ = say(typed)
    assert "Noted" in body and next_question in body
    assert "number from 1 to 5" not in body
    rest = ["HDFC0001234"] if kind == "account" else []
    for text in [*rest, "skip", "skip", "1"]:
        body, _ = say(text)
    assert "2.1.8 Money went to: " in body
    say("confirm")

    txn = Complaint.objects.get().transactions.get()
    assert (txn.beneficiary_kind, getattr(txn, field)) == (kind, stored)


@pytest.mark.parametrize(("typed", "says"), [("12345", "number from 1 to 5"), ("quick@", "UPI ID"), ("9", "1 to 5")])
def test_what_is_neither_a_menu_number_nor_an_identifier_is_still_refused(say, typed, says):
    for text in ["hi", "1", "yes", *PERSONAL, "1", *BEFORE_KIND]:
        say(text)
    body, _ = say(typed)
    assert says in body
    body, _ = say("1")  # the question is still open: the menu answers it
    assert "UPI ID the money was sent to" in body
