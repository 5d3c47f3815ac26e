"""Words every app shares, each defined once: message channels and the fraud-type vocabulary.

The fraud types are the bot's menu, the complaint's field, the case store's codes, the dashboard's legend
and what the CSV and legacy importers map free text onto. Their labels are translatable.
"""

from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _


class MessageChannel(models.TextChoices):
    """What a message to a citizen is sent on (alerts, consent, case updates). Not campaigns.SignalChannel, the
    volumes a partner reports (calls, SMS, transactions, ads)."""

    EMAIL = "email", _("Email")
    SMS = "sms", _("SMS")
    WHATSAPP = "whatsapp", _("WhatsApp")


class FraudType(models.TextChoices):
    """Types of cyber fraud, in the order the WhatsApp bot offers them."""

    UPI = "upi", _("UPI fraud")
    CARD = "card", _("Debit/credit card fraud")
    NET_BANKING = "net_banking", _("Net banking fraud")
    LOAN_APP = "loan_app", _("Loan app fraud")
    JOB_TASK = "job_task", _("Job / task fraud")
    INVESTMENT = "investment", _("Investment / trading fraud")
    SEXTORTION = "sextortion", _("Sextortion")
    IMPERSONATION = "impersonation", _("Impersonation")
    OTHER = "other", _("Other")


class BeneficiaryKind(models.TextChoices):
    """Where a victim's money went (the fraudster's side of a transaction), in the order the bot offers them;
    "" when the victim does not know."""

    UPI = "upi", _("UPI ID")
    ACCOUNT = "account", _("Bank account")
    WALLET = "wallet", _("Wallet / phone")
    MERCHANT = "merchant", _("Card / merchant")


class FraudCategory(models.TextChoices):
    """The legacy cases' `caseCategory`: money taken, or harm to a person."""

    FINANCIAL = "Financial", _("Financial")
    SOCIAL = "Social", _("Social")


SOCIAL_FRAUD_TYPES = frozenset({FraudType.SEXTORTION, FraudType.IMPERSONATION})

# Free text (legacy cases, CSV files) → a menu type; the first match wins, checked on the lower-cased text.
_KEYWORDS = (
    (FraudType.SEXTORTION, ("sextortion", "sexual", "nude", "morph")),
    (FraudType.IMPERSONATION, ("impersonat", "fake profile", "fake id", "identity")),
    (FraudType.LOAN_APP, ("loan",)),
    (FraudType.JOB_TASK, ("job", "task", "work from home", "part time", "part-time")),
    (FraudType.INVESTMENT, ("invest", "trading", "stock", "crypto", "ponzi")),
    (FraudType.UPI, ("upi", "gpay", "phonepe", "paytm", "qr")),
    (FraudType.NET_BANKING, ("net banking", "netbanking", "internet banking", "online banking", "net_banking")),
    (FraudType.CARD, ("card", "atm", "cvv")),
)


def fraud_type_normalise(value: str | None) -> str:
    """A menu type where the text maps to one, else the text lower-cased and slugged ("other" if empty)."""
    text = " ".join(str(value or "").lower().replace("_", " ").split())
    if not text:
        return FraudType.OTHER
    if text.replace(" ", "_") in FraudType.values:
        return text.replace(" ", "_")
    for fraud_type, keywords in _KEYWORDS:
        if any(keyword in text for keyword in keywords):
            return fraud_type.value
    return slugify(text).replace("-", "_")[:64] or FraudType.OTHER


def fraud_type_label(value: str) -> str:
    """The translated label of a menu type; other codes (kept from free text) read as words."""
    if value in FraudType.values:
        return str(FraudType(value).label)
    return value.replace("_", " ").capitalize()


def fraud_category_for(value: str | None, fraud_type: str) -> str:
    """`Financial` or `Social` from the given text, else from the type."""
    text = str(value or "").strip().lower()
    if text == "social":
        return FraudCategory.SOCIAL
    if text == "financial":
        return FraudCategory.FINANCIAL
    return FraudCategory.SOCIAL if fraud_type in SOCIAL_FRAUD_TYPES else FraudCategory.FINANCIAL
