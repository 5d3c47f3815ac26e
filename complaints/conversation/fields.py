"""The questions of a complaint: each field with its label, question, example and validator (shared with the
PDF, whose fields carry the same serial numbers), and how answers are shown back."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from complaints import validators
from fraudsafe.districts import PinCheck, pin_check
from fraudsafe.money import format_inr
from fraudsafe.vocabulary import FraudType, fraud_type_label

MAX_TRANSACTIONS = 10


@dataclass(frozen=True)
class Field:
    key: str
    label: object  # lazy translation
    question: object
    example: object
    validate: Callable[..., str]
    needs_today: bool = False

    def clean(self, text: str, *, today: date) -> str:
        """The validated, stored form of `text`; ValidationError with a message and an example otherwise."""
        return self.validate(text, today=today) if self.needs_today else self.validate(text)


def parse_fraud_type(text: str) -> str:
    """A menu number or a type's name → its code."""
    choices = list(FraudType)
    raw = text.strip().lower()
    if raw.isdigit() and 1 <= int(raw) <= len(choices):
        return choices[int(raw) - 1].value
    for choice in choices:
        if raw in (choice.value, str(choice.label).lower(), choice.value.replace("_", " ")):
            return choice.value
    raise ValidationError(
        _("Please reply with the number of the type of fraud, from 1 to %(count)s. %(example)s")
        % {"count": len(choices), "example": _("Example: 1")}
    )


def fraud_type_menu() -> str:
    return "\n".join(f"{n}. {choice.label}" for n, choice in enumerate(FraudType, start=1))


PERSONAL_FIELDS = [
    Field(
        "name",
        gettext_lazy("Name"),
        gettext_lazy("What is your full name?"),
        gettext_lazy("Asha Rao"),
        validators.validate_person_name,
    ),
    Field(
        "mobile",
        gettext_lazy("Mobile number"),
        gettext_lazy("What is your 10-digit mobile number?"),
        gettext_lazy("9876543210"),
        validators.validate_mobile,
    ),
    Field(
        "dob",
        gettext_lazy("Date of birth"),
        gettext_lazy("What is your date of birth (D-M-YYYY)?"),
        gettext_lazy("17-05-1985"),
        validators.validate_dob,
        needs_today=True,
    ),
    Field(
        "father_name",
        gettext_lazy("Father's name"),
        gettext_lazy("What is your father's name?"),
        gettext_lazy("Ramesh Kumar"),
        validators.validate_person_name,
    ),
    Field(
        "district",
        gettext_lazy("District"),
        gettext_lazy("Which district do you live in?"),
        gettext_lazy("Bengaluru Urban"),
        validators.validate_district,
    ),
    Field(
        "pin_code",
        gettext_lazy("PIN code"),
        gettext_lazy("What is your 6-digit PIN code?"),
        gettext_lazy("560066"),
        validators.validate_pin_code,
    ),
]

TXN_FIELDS = [
    Field(
        "date",
        gettext_lazy("Date"),
        gettext_lazy("On what date did the transaction happen (D-M-YYYY)?"),
        gettext_lazy("18-11-2026"),
        validators.validate_transaction_date,
        needs_today=True,
    ),
    Field(
        "time",
        gettext_lazy("Time"),
        gettext_lazy("At what time (14:30 or 2:30 PM)?"),
        gettext_lazy("14:30"),
        validators.validate_transaction_time,
    ),
    Field(
        "bank",
        gettext_lazy("Bank"),
        gettext_lazy("Which bank was the money taken from?"),
        gettext_lazy("State Bank of India"),
        validators.validate_bank,
    ),
    Field(
        "account_number",
        gettext_lazy("Account number"),
        gettext_lazy("What is the account number (9 to 18 digits)?"),
        gettext_lazy("123456789012"),
        validators.validate_account_number,
    ),
    Field(
        "amount",
        gettext_lazy("Amount"),
        gettext_lazy("How much money was lost in this transaction (in rupees)?"),
        gettext_lazy("25000"),
        validators.validate_amount,
    ),
    Field(
        "transaction_id",
        gettext_lazy("Transaction ID"),
        gettext_lazy("What is the transaction ID or UPI reference number?"),
        gettext_lazy("412345678901"),
        validators.validate_transaction_id,
    ),
    Field(
        "fraud_type",
        gettext_lazy("Type of fraud"),
        gettext_lazy("What type of fraud was it? Reply with a number:"),
        gettext_lazy("1"),
        parse_fraud_type,
    ),
]
PERSONAL_KEYS = [f.key for f in PERSONAL_FIELDS]


def field_for_serial(serial: str, *, transaction_count: int) -> tuple[Field, int | None] | None:
    """`1.3` → (date of birth, None); `2.1.3` → (bank, 0); None when the serial names no field."""
    parts = [int(p) for p in serial.split(".")]
    if len(parts) == 2 and parts[0] == 1 and 1 <= parts[1] <= len(PERSONAL_FIELDS):
        return PERSONAL_FIELDS[parts[1] - 1], None
    if len(parts) == 3 and parts[0] == 2 and 1 <= parts[1] <= transaction_count and 1 <= parts[2] <= len(TXN_FIELDS):
        return TXN_FIELDS[parts[2] - 1], parts[1] - 1
    return None


# --- how answers are shown back (summary, PDF); format_inr is the core's (fraudsafe.money) ------------------------


def display_value(key: str, value: str) -> str:
    if value in (None, ""):
        return "—"
    if key in ("dob", "date"):
        return date.fromisoformat(value).strftime("%d-%m-%Y")
    if key == "amount":
        return "₹" + format_inr(value)
    if key == "fraud_type":
        return fraud_type_label(value)
    return str(value)


def total_amount(transactions: list[dict]) -> Decimal:
    return sum((Decimal(t["amount"]) for t in transactions if t.get("amount")), Decimal("0.00"))


def whatsapp_mobile(phone: str) -> str:
    """The sender's WhatsApp number as the 10-digit mobile the complaint asks for, or "" when it is not one."""
    try:
        return validators.validate_mobile(phone or "")
    except ValidationError:
        return ""


def spaced_mobile(number: str) -> str:
    """ "9876543210" → "98765 43210", as people read a mobile number."""
    return f"{number[:5]} {number[5:]}" if len(number) == 10 else number


def answers_pin_check(answers: dict) -> PinCheck:
    """The answered PIN code checked against the answered district (offline PIN directory)."""
    if not answers.get("district") or not answers.get("pin_code"):
        return PinCheck("unknown")
    return pin_check(district=answers["district"], pin=answers["pin_code"])
