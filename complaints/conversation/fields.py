"""The questions of a complaint: each field with its label, question, example and validator (shared with the
PDF, whose fields carry the same serial numbers), and how answers are shown back."""

import re
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
from fraudsafe.vocabulary import BeneficiaryKind, FraudType, fraud_type_label

MAX_TRANSACTIONS = 10


@dataclass(frozen=True)
class Field:
    key: str
    label: object  # lazy translation
    question: object
    example: object
    validate: Callable[..., str]
    needs_today: bool = False
    optional: bool = False  # "don't know" is an answer (stored as "")
    applies: Callable[[dict], bool] | None = None  # asked and shown only when true for the transaction's answers
    sets: tuple[tuple[str, str], ...] = ()  # other answers implied by a value typed in edit mode

    def applies_to(self, answers: dict) -> bool:
        return self.applies is None or self.applies(answers)

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


def parse_beneficiary_kind(text: str) -> str:
    """A menu number or a kind's name → its code; the last option ("don't know") → ""."""
    choices = list(BeneficiaryKind)
    raw = " ".join(text.strip().lower().split())
    if raw.isdigit() and 1 <= int(raw) <= len(choices) + 1:
        return choices[int(raw) - 1].value if int(raw) <= len(choices) else ""
    names = {
        BeneficiaryKind.UPI: ("upi", "upi id", "vpa"),
        BeneficiaryKind.ACCOUNT: ("account", "bank", "bank account", "ifsc", "neft", "imps", "rtgs"),
        BeneficiaryKind.WALLET: ("wallet", "phone", "mobile"),
        BeneficiaryKind.MERCHANT: ("card", "merchant", "shop"),
    }
    for choice in choices:
        if raw == str(choice.label).lower() or raw in names[choice]:
            return choice.value
    raise ValidationError(
        _("Please reply with a number from 1 to %(count)s. %(example)s")
        % {"count": len(choices) + 1, "example": _("Example: 1")}
    )


def beneficiary_kind_menu() -> str:
    lines = [f"{n}. {choice.label}" for n, choice in enumerate(BeneficiaryKind, start=1)]
    lines.append(f"{len(lines) + 1}. {_('Don’t know')}")
    return "\n".join(lines)


def _kind_is(kind: str) -> Callable[[dict], bool]:
    return lambda answers: answers.get("beneficiary_kind") == kind


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
    # The fraudster's side (serial 2.t.8, then the details that apply): "don't know" always answers and never blocks.
    Field(
        "beneficiary_kind",
        gettext_lazy("Money went to"),
        gettext_lazy("Where did the money go? Reply with a number:"),
        gettext_lazy("1"),
        parse_beneficiary_kind,
        optional=True,
    ),
    Field(
        "beneficiary_upi",
        gettext_lazy("UPI ID"),
        gettext_lazy("What is the UPI ID the money was sent to? Your payment app shows it."),
        gettext_lazy("name@okhdfcbank"),
        validators.validate_upi_id,
        optional=True,
        applies=_kind_is(BeneficiaryKind.UPI),
        sets=(("beneficiary_kind", BeneficiaryKind.UPI),),
    ),
    Field(
        "beneficiary_account",
        gettext_lazy("Beneficiary account"),
        gettext_lazy("What is the account number the money was sent to (9 to 18 digits)?"),
        gettext_lazy("50100123456789"),
        validators.validate_beneficiary_account,
        optional=True,
        applies=_kind_is(BeneficiaryKind.ACCOUNT),
        sets=(("beneficiary_kind", BeneficiaryKind.ACCOUNT),),
    ),
    Field(
        "beneficiary_ifsc",
        gettext_lazy("IFSC"),
        gettext_lazy("What is the IFSC of that account (11 characters)?"),
        gettext_lazy("HDFC0001234"),
        validators.validate_ifsc,
        optional=True,
        applies=_kind_is(BeneficiaryKind.ACCOUNT),
        sets=(("beneficiary_kind", BeneficiaryKind.ACCOUNT),),
    ),
    Field(
        "beneficiary_wallet",
        gettext_lazy("Wallet / phone"),
        gettext_lazy("Which wallet or phone number was the money sent to?"),
        gettext_lazy("Paytm 9876543210"),
        validators.validate_wallet,
        optional=True,
        applies=_kind_is(BeneficiaryKind.WALLET),
        sets=(("beneficiary_kind", BeneficiaryKind.WALLET),),
    ),
    Field(
        "beneficiary_merchant",
        gettext_lazy("Merchant"),
        gettext_lazy("Which merchant does your statement show for the card payment?"),
        gettext_lazy("XYZ TRADERS MUMBAI"),
        validators.validate_merchant,
        optional=True,
        applies=_kind_is(BeneficiaryKind.MERCHANT),
        sets=(("beneficiary_kind", BeneficiaryKind.MERCHANT),),
    ),
    Field(
        "fraudster_phone",
        gettext_lazy("Fraudster's phone"),
        gettext_lazy("Do you know the fraudster's phone number? Type it."),
        gettext_lazy("9876543210"),
        validators.validate_fraudster_phone,
        optional=True,
    ),
    Field(
        "fraudster_website",
        gettext_lazy("Website / app"),
        gettext_lazy("Did the fraudster use a website or an app? Type its address or name."),
        gettext_lazy("quick-loans.example.com"),
        validators.validate_website,
        optional=True,
    ),
]
PERSONAL_KEYS = [f.key for f in PERSONAL_FIELDS]
TXN_FIELD_BY_KEY = {f.key: f for f in TXN_FIELDS}
# The order the bot asks a transaction's questions: where the money went comes right after the transaction ID
# (both are read off the same payment record); the serial numbers (2.t.n) follow TXN_FIELDS (shown_txn_fields).
TXN_ASKED = [
    TXN_FIELD_BY_KEY[key]
    for key in (
        "date",
        "time",
        "bank",
        "account_number",
        "amount",
        "transaction_id",
        "beneficiary_kind",
        "beneficiary_upi",
        "beneficiary_account",
        "beneficiary_ifsc",
        "beneficiary_wallet",
        "beneficiary_merchant",
        "fraudster_phone",
        "fraudster_website",
        "fraud_type",
    )
]


def shown_txn_fields(txn: dict) -> list[Field]:
    """A transaction's fields as the summary, the PDF and the console show them, in serial order: where the money
    went shows only the details of its kind. Their serials 2.t.1, 2.t.2, … are contiguous over this list."""
    return [f for f in TXN_FIELDS if f.applies_to(txn)]


def txn_serial(key: str, txn: dict) -> int | None:
    """The field number n of a transaction field in its serial 2.t.n, as shown for these answers (None: not shown)."""
    keys = [f.key for f in shown_txn_fields(txn)]
    return keys.index(key) + 1 if key in keys else None


def beneficiary_answers(txn: dict) -> dict[str, str]:
    """The fraudster's side of one transaction's answers as stored: fields that do not apply to the chosen kind
    (a UPI ID typed before the kind was changed to a bank account) are left out."""
    return {f.key: (txn.get(f.key) or "") if f.applies_to(txn) else "" for f in TXN_FIELDS if f.optional}


def field_for_serial(serial: str, *, transactions: list[dict]) -> tuple[Field, int | None] | None:
    """`1.3` → (date of birth, None); `2.1.3` → (bank, 0); None when the serial names no field. A transaction's
    serials are those shown for its answers (`shown_txn_fields`), so an edit names what the victim saw."""
    parts = [int(p) for p in serial.split(".")]
    if len(parts) == 2 and parts[0] == 1 and 1 <= parts[1] <= len(PERSONAL_FIELDS):
        return PERSONAL_FIELDS[parts[1] - 1], None
    if len(parts) == 3 and parts[0] == 2 and 1 <= parts[1] <= len(transactions):
        shown = shown_txn_fields(transactions[parts[1] - 1])
        if 1 <= parts[2] <= len(shown):
            return shown[parts[2] - 1], parts[1] - 1
    return None


def recognise_beneficiary(text: str) -> tuple[str, str, str] | None:
    """A UPI ID, an account number or a phone number typed where the bot asks where the money went, as
    (kind, field key, stored value); None when the text is none of them (a menu number, a kind's name, …).
    Text with an @ is meant as a UPI ID: a malformed one raises the UPI ID's ValidationError."""
    raw = text.strip()
    if "@" in raw:
        return BeneficiaryKind.UPI, "beneficiary_upi", validators.validate_upi_id(raw)
    compact = re.sub(r"[\s-]", "", raw)
    if not re.fullmatch(r"\+?\d{9,18}", compact):
        return None
    if re.fullmatch(r"(?:\+91)?[6-9]\d{9}", compact):  # a mobile number: the money went to a wallet or phone
        try:
            return BeneficiaryKind.WALLET, "beneficiary_wallet", validators.validate_mobile(compact)
        except ValidationError:
            pass
    try:
        return BeneficiaryKind.ACCOUNT, "beneficiary_account", validators.validate_beneficiary_account(compact)
    except ValidationError:
        return None


# --- how answers are shown back (summary, PDF); format_inr is the core's (fraudsafe.money) ------------------------


def display_value(key: str, value: str) -> str:
    if value in (None, ""):
        return _("Don’t know") if key in TXN_FIELD_BY_KEY and TXN_FIELD_BY_KEY[key].optional else "—"
    if key == "beneficiary_kind":
        return str(BeneficiaryKind(value).label) if value in BeneficiaryKind.values else value
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
