"""Phones are read one way everywhere (issue 21.4): fraudsafe.phones is the only caller of phonenumbers' parser,
and its readers agree with what the bot, the identifiers and the search expect."""

from pathlib import Path

import pytest

from fraudsafe.phones import indian_mobile, phone_e164, phone_in_text

ROOT = Path(__file__).resolve().parents[2]


def test_nothing_outside_fraudsafe_phones_parses_phone_numbers_itself():
    offenders = []
    for path in ROOT.glob("*/**/*.py"):
        rel = path.relative_to(ROOT).as_posix()
        if rel.startswith((".venv/", "fraudsafe/phones.py")) or "/tests/" in rel or rel.startswith("tests/"):
            continue
        text = path.read_text(encoding="utf-8", errors="ignore")
        if "phonenumbers.parse" in text or "import phonenumbers" in text or "to_python(" in text:
            offenders.append(rel)
    assert offenders == []


@pytest.mark.parametrize(
    ("typed", "e164"),
    [
        ("98765 43210", "+919876543210"),
        ("+91 98765-43210", "+919876543210"),
        ("(0) 98765 43210", "+919876543210"),
        ("+971 50 123 4567", "+971501234567"),
        ("12345", ""),
        ("", ""),
        ("not a phone", ""),
    ],
)
def test_phone_e164(typed, e164):
    assert phone_e164(typed) == e164


def test_indian_mobile_accepts_only_indian_mobiles():
    assert indian_mobile("+91 98765 43210") == "9876543210"
    assert indian_mobile("09876543210") == "9876543210"
    assert indian_mobile("+971501234567") == ""  # not Indian
    assert indian_mobile("+912024567890") == ""  # an Indian landline (Pune)
    assert indian_mobile("98765") == ""


def test_phone_in_text_finds_the_first_valid_number():
    assert phone_in_text("Paytm 98765 43210 sent") == "+919876543210"
    assert phone_in_text("ref 12345678 then 98765-43210") == "+919876543210"
    assert phone_in_text("no number here") == ""
