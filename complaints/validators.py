"""Validation of each answer the citizen types (SPEC §1's table). Each returns a JSON-safe clean value or raises.

Every error message says what is wrong and shows an example, so the bot can answer with it directly.
"""

import re
import unicodedata
from datetime import date, time
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from fraudsafe.languages import normalise_digits
from fraudsafe.phones import indian_mobile, phone_e164

MAX_AMOUNT = Decimal("10000000")  # 1 crore
_DATE = re.compile(r"^\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{4})\s*$")
_TIME_24 = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*$")
_TIME_12 = re.compile(r"^\s*(\d{1,2})(?:[:.](\d{2}))?\s*([aApP])\.?\s*[mM]\.?\s*$")
_PIN = re.compile(r"^[1-9][0-9]{5}$")
_ACCOUNT = re.compile(r"^[0-9]{9,18}$")
# Rupees written before or after the amount: ₹, Rs, INR, रु/रू (Hindi, Marathi), টাকা (Bengali), రూ (Telugu), ரூ (Tamil).
_CURRENCY = re.compile(r"(?i)^\s*(?:₹|rs\.?|inr|रु\.?|रू\.?|টাকা|রুপি|రూ\.?|ரூ\.?)\s*|\s*(?:रुपये|रुपए|টাকা|రూపాయలు|ரூபாய்)\s*$")
_TXN_ID = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9._/@-]*[A-Za-z0-9])?$")
_BANK_PUNCTUATION = " .&'()-"
# Zero-width joiner / non-joiner: part of how Bengali, Devanagari and other scripts are typed (र्‍, ক্‌).
_JOINERS = "\u200c\u200d"


def _squash(text: str) -> str:
    return " ".join(str(text).split())


def _is_letter(char: str) -> bool:
    # Letters of any script, with their combining marks (vowel signs, viramas, nuktas are category M) and joiners.
    return unicodedata.category(char)[0] in ("L", "M") or char in _JOINERS


def _digits(text: object) -> str:
    """The text with digits of every script (०-९, ০-৯, ౦-౯, ௦-௯) read as ASCII."""
    return normalise_digits(str(text))


def validate_person_name(text: str) -> str:
    """2–50 characters: letters, spaces and dots only."""
    value = _squash(text)
    example = _("Example: Asha Rao")
    if not 2 <= len(value) <= 50:
        raise ValidationError(_("The name must be 2 to 50 characters long. %(example)s") % {"example": example})
    if not all(_is_letter(c) or c in " ." for c in value) or not _is_letter(value[0]):
        raise ValidationError(
            _("The name may contain only letters, spaces and dots. %(example)s") % {"example": example}
        )
    return value


def validate_mobile(text: str) -> str:
    """A 10-digit Indian mobile number (an optional +91 or 0 in front is accepted); stored as the 10 digits."""
    example = _("Example: 9876543210")
    raw = re.sub(r"[\s-]", "", _digits(text))
    error = ValidationError(_("Please type a 10-digit Indian mobile number. %(example)s") % {"example": example})
    if not re.fullmatch(r"(?:\+91|91|0)?\d{10}", raw):
        raise error
    national = indian_mobile(raw)
    if not national:
        raise error
    return national


def _parse_date(text: str, example: str) -> date:
    match = _DATE.match(_digits(text))
    error = ValidationError(_("Please type the date as D-M-YYYY. %(example)s") % {"example": example})
    if not match:
        raise error
    day, month, year = (int(g) for g in match.groups())
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise ValidationError(
            _("That date does not exist. Please check the day and month. %(example)s") % {"example": example}
        ) from exc


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a non-leap year
        return day.replace(year=day.year - years, day=28)


def validate_dob(text: str, *, today: date) -> str:
    """D-M-YYYY, the person at least 18 years old today (helpline time zone)."""
    example = _("Example: 17-05-1985")
    value = _parse_date(text, example)
    if value > today:
        raise ValidationError(_("The date of birth cannot be in the future. %(example)s") % {"example": example})
    if value > _years_before(today, 18):
        raise ValidationError(
            _("The person filing the complaint must be at least 18 years old. %(example)s") % {"example": example}
        )
    if value < _years_before(today, 120):
        raise ValidationError(_("Please check the year of birth. %(example)s") % {"example": example})
    return value.isoformat()


def validate_district(text: str) -> str:
    """2–50 characters: letters, spaces and the digits and marks of district names ("North 24 Parganas",
    "Gaurela-Pendra-Marwahi"), starting with a letter or digit. Which district it names is fraudsafe.districts'."""
    value = _squash(text)
    example = _("Example: Bengaluru Urban")
    if not 2 <= len(value) <= 50:
        raise ValidationError(_("The district must be 2 to 50 characters long. %(example)s") % {"example": example})
    tokens = re.split(r"[\s()]+", value)
    if (
        not all(_is_letter(c) or c.isdigit() or c in " .-()'" for c in value)
        or not any(_is_letter(c) for c in value)
        or any(any(c.isdigit() for c in t) and not t.isdigit() for t in tokens)  # "Pune2", "Pune-1" are not names
    ):
        raise ValidationError(_("The district may contain only letters and spaces. %(example)s") % {"example": example})
    return value


def validate_pin_code(text: str) -> str:
    """6 digits, not starting with 0."""
    value = re.sub(r"\s", "", _digits(text))
    if not _PIN.match(value):
        raise ValidationError(
            _("The PIN code must be 6 digits and cannot start with 0. %(example)s") % {"example": _("Example: 560066")}
        )
    return value


def validate_transaction_date(text: str, *, today: date) -> str:
    """D-M-YYYY, not in the future and not more than 5 years ago."""
    example = _("Example: %(date)s") % {"date": f"{today.day:02d}-{today.month:02d}-{today.year}"}
    value = _parse_date(text, example)
    if value > today:
        raise ValidationError(_("The transaction date cannot be in the future. %(example)s") % {"example": example})
    if value < _years_before(today, 5):
        raise ValidationError(
            _("The transaction date must be within the last 5 years. %(example)s") % {"example": example}
        )
    return value.isoformat()


def validate_transaction_time(text: str) -> str:
    """24-hour (14:30) or 12-hour (2:30 PM); stored as HH:MM."""
    example = _("Example: 14:30 or 2:30 PM")
    error = ValidationError(
        _("Please type the time as 24-hour (14:30) or 12-hour (2:30 PM). %(example)s") % {"example": example}
    )
    raw = _digits(text).strip()
    if match := _TIME_24.match(raw):
        hour, minute = int(match.group(1)), int(match.group(2))
        if hour > 23 or minute > 59:
            raise error
    elif match := _TIME_12.match(raw):
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        if not 1 <= hour <= 12 or minute > 59:
            raise error
        hour = hour % 12 + (12 if match.group(3).lower() == "p" else 0)
    else:
        raise error
    return time(hour, minute).strftime("%H:%M")


def validate_bank(text: str) -> str:
    """2–100 characters, letters and digits (spaces and . & ' ( ) - allowed between them)."""
    value = _squash(text)
    example = _("Example: State Bank of India")
    if not 2 <= len(value) <= 100:
        raise ValidationError(_("The bank name must be 2 to 100 characters long. %(example)s") % {"example": example})
    allowed = all(_is_letter(c) or c.isdecimal() or c in _BANK_PUNCTUATION for c in value)
    if not allowed or sum(_is_letter(c) or c.isdecimal() for c in value) < 2:
        raise ValidationError(
            _("The bank name may contain only letters, digits and spaces. %(example)s") % {"example": example}
        )
    return value


def validate_account_number(text: str) -> str:
    """9–18 digits (spaces and dashes typed between groups are ignored)."""
    value = re.sub(r"[\s-]", "", _digits(text))
    if not _ACCOUNT.match(value):
        raise ValidationError(
            _("The account number must be 9 to 18 digits. %(example)s") % {"example": _("Example: 123456789012")}
        )
    return value


def validate_amount(text: str) -> str:
    """More than 0 and at most 1 crore (₹10,000,000), at most 2 decimals; stored as a decimal string."""
    example = _("Example: 25000 or 1,25,000.50")
    raw = _CURRENCY.sub("", _digits(text)).replace(",", "").replace(" ", "").rstrip("/-")
    try:
        value = Decimal(raw)
    except InvalidOperation as exc:
        raise ValidationError(_("Please type the amount in rupees. %(example)s") % {"example": example}) from exc
    if not value.is_finite() or value.as_tuple().exponent < -2:
        raise ValidationError(
            _("Please type the amount in rupees with at most 2 decimals. %(example)s") % {"example": example}
        )
    if value <= 0:
        raise ValidationError(_("The amount must be more than 0. %(example)s") % {"example": example})
    if value > MAX_AMOUNT:
        raise ValidationError(
            _("The amount cannot be more than 1 crore (10,000,000). %(example)s") % {"example": example}
        )
    return str(value.quantize(Decimal("0.01")))


def validate_transaction_id(text: str) -> str:
    """8–50 characters: letters and digits, or a UPI reference (may contain - _ . / @)."""
    value = _digits(text).strip()
    example = _("Example: 412345678901 or T2405171230ABC")
    if not 8 <= len(value) <= 50:
        raise ValidationError(
            _("The transaction ID must be 8 to 50 characters long. %(example)s") % {"example": example}
        )
    if not _TXN_ID.match(value):
        raise ValidationError(
            _("The transaction ID may contain only letters, digits and - _ . / @. %(example)s") % {"example": example}
        )
    return value


# --- the fraudster's side of a transaction ----------------------------------------------------------------------

_UPI_ID = re.compile(r"^[a-z0-9](?:[a-z0-9._-]{0,98}[a-z0-9])?@[a-z][a-z0-9]{1,63}$")
_IFSC = re.compile(r"^[A-Z]{4}0[A-Z0-9]{6}$")
_FREE_TEXT = re.compile(r"^[\w .,&'()/+:#@-]+$")
_DOMAIN = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}$")


def validate_upi_id(text: str) -> str:
    """A UPI ID (virtual payment address): name@handle, e.g. name@okhdfcbank or 9876543210@ybl; stored lower-case."""
    value = re.sub(r"\s", "", str(text)).lower()
    example = _("Example: name@okhdfcbank")
    if "@" not in value:
        raise ValidationError(
            _("A UPI ID has the form name@bank, with an @ in the middle. %(example)s") % {"example": example}
        )
    if len(value) > 100 or not _UPI_ID.match(value):
        raise ValidationError(
            _(
                "That does not look like a UPI ID: letters, digits, dots or dashes, then @ and the bank's handle. "
                "%(example)s"
            )
            % {"example": example}
        )
    return value


def validate_ifsc(text: str) -> str:
    """An IFSC: 4 letters (the bank), 0, then 6 letters or digits (the branch), e.g. HDFC0001234; stored upper-case."""
    value = re.sub(r"[\s-]", "", str(text)).upper()
    if not _IFSC.match(value):
        raise ValidationError(
            _("An IFSC has 11 characters: 4 letters, a zero, then 6 letters or digits. %(example)s")
            % {"example": _("Example: HDFC0001234")}
        )
    return value


def validate_beneficiary_account(text: str) -> str:
    """The account the money went to: 9–18 digits."""
    value = re.sub(r"[\s-]", "", str(text))
    if not _ACCOUNT.match(value):
        raise ValidationError(
            _("The account number must be 9 to 18 digits. %(example)s") % {"example": _("Example: 50100123456789")}
        )
    return value


def _free_text(text: str, *, example: str, max_length: int) -> str:
    value = _squash(text)
    if not 2 <= len(value) <= max_length:
        raise ValidationError(
            _("Please type 2 to %(max)s characters. %(example)s") % {"max": max_length, "example": example}
        )
    if not _FREE_TEXT.match(value) or sum(c.isalnum() for c in value) < 2:
        raise ValidationError(
            _("Please use letters, digits and simple punctuation only. %(example)s") % {"example": example}
        )
    return value


def validate_wallet(text: str) -> str:
    """A wallet name and/or the phone number it belongs to, e.g. "Paytm 9876543210"."""
    return _free_text(text, example=_("Example: Paytm 9876543210"), max_length=100)


def validate_merchant(text: str) -> str:
    """The merchant (or card) the money was paid to, as the statement names it."""
    return _free_text(text, example=_("Example: XYZ TRADERS MUMBAI"), max_length=100)


def validate_fraudster_phone(text: str) -> str:
    """Any valid phone number (Indian by default; +country for others); stored in E.164 (+919876543210)."""
    raw = re.sub(r"[\s().-]", "", str(text))
    error = ValidationError(
        _("Please type the phone number, with +country code if it is not Indian. %(example)s")
        % {"example": _("Example: 9876543210 or +971501234567")}
    )
    if not re.fullmatch(r"\+?\d{6,15}", raw):
        raise error
    number = phone_e164(raw)
    if not number:
        raise error
    return number


def validate_website(text: str) -> str:
    """A website (address or domain, stored as the lower-case domain and path) or the name of an app."""
    value = _squash(text)
    example = _("Example: quick-loans.example.com or ABC Invest app")
    if not 2 <= len(value) <= 200:
        raise ValidationError(
            _("Please type the website or app name (2 to 200 characters). %(example)s") % {"example": example}
        )
    if any(c in value for c in '<>"`') or any(unicodedata.category(c)[0] == "C" for c in value):
        raise ValidationError(
            _("Please type the website address or the app's name. %(example)s") % {"example": example}
        )
    if " " not in value and "." in value:
        stripped = re.sub(r"(?i)^[a-z][a-z0-9+.-]*://", "", value)
        host, _slash, path = stripped.partition("/")
        host = host.split("@")[-1].split(":")[0].lower().removeprefix("www.")
        path = path.split("?")[0].split("#")[0].rstrip("/")
        if not _DOMAIN.match(host):
            raise ValidationError(_("That website address does not look right. %(example)s") % {"example": example})
        return (host + ("/" + path if path else ""))[:200]
    return value
