"""Following the money: which bank holds a beneficiary, the banks that answer through the API, freeze requests
(the money trail, layer by layer), their history and the callbacks pushed to banks.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fraudsafe.vocabulary import BeneficiaryKind


class Bank(models.Model):
    """A bank or payment provider a freeze request can be addressed to, by its IFSC bank code (the first four
    letters of an IFSC; wallets and payments banks have one too). Maintained in the admin."""

    class Kind(models.TextChoices):
        BANK = "bank", _("Bank")
        PAYMENTS_BANK = "payments_bank", _("Payments bank")
        WALLET = "wallet", _("Wallet / payment provider")

    code = models.CharField(_("IFSC bank code"), max_length=4, unique=True, help_text=_("e.g. HDFC, SBIN, PYTM."))
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.BANK)
    aliases = models.CharField(
        _("other names"),
        max_length=300,
        blank=True,
        help_text=_(
            "Comma-separated names victims use for it, e.g. “paytm, paytm wallet” (wallets are matched on them)."
        ),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("bank / payment provider")
        verbose_name_plural = _("banks and payment providers")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    def save(self, *args, **kwargs):
        self.code = self.code.strip().upper()
        super().save(*args, **kwargs)


class UpiHandle(models.Model):
    """A UPI handle (the part after @ in a UPI ID) and the bank that answers for it."""

    handle = models.CharField(
        _("UPI handle"), max_length=64, unique=True, help_text=_("Without the @, e.g. okhdfcbank.")
    )
    bank = models.ForeignKey(Bank, on_delete=models.PROTECT, related_name="upi_handles", verbose_name=_("bank"))
    app = models.CharField(_("app"), max_length=60, blank=True, help_text=_("e.g. Google Pay, PhonePe."))

    class Meta:
        verbose_name = _("UPI handle")
        verbose_name_plural = _("UPI handles")
        ordering = ["handle"]

    def __str__(self) -> str:
        return f"@{self.handle} → {self.bank.code}"

    def save(self, *args, **kwargs):
        self.handle = self.handle.strip().lower().lstrip("@")
        super().save(*args, **kwargs)


class UnknownHandle(models.Model):
    """A UPI handle or IFSC bank code seen in a complaint that the mapping does not know: kept and flagged for
    the admins (adding it to the mapping opens the waiting freeze requests)."""

    class Kind(models.TextChoices):
        UPI = "upi", _("UPI handle")
        IFSC = "ifsc", _("IFSC bank code")
        WALLET = "wallet", _("Wallet name")

    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    value = models.CharField(_("value"), max_length=100)
    times_seen = models.PositiveIntegerField(_("times seen"), default=1)
    first_seen = models.DateTimeField(_("first seen"), default=timezone.now)
    last_seen = models.DateTimeField(_("last seen"), default=timezone.now)
    resolved_at = models.DateTimeField(_("added to the mapping"), null=True, blank=True)

    class Meta:
        verbose_name = _("unknown handle")
        verbose_name_plural = _("unknown handles (flagged)")
        ordering = ["resolved_at", "-times_seen"]
        constraints = [models.UniqueConstraint(fields=["kind", "value"], name="recovery_unknown_handle_unique")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.value}"


def _new_secret() -> str:
    return secrets.token_urlsafe(32)


class BankPartner(models.Model):
    """Binds a partner API key to the bank code(s) it answers for; optionally the HTTPS callback URL where new
    freeze requests are pushed, signed with `callback_secret` (HMAC-SHA256)."""

    key = models.OneToOneField(
        "accounts.PartnerAPIKey", on_delete=models.CASCADE, related_name="bank_partner", verbose_name=_("API key")
    )
    banks = models.ManyToManyField(Bank, related_name="partners", verbose_name=_("answers for"))
    can_manage_freezes = models.BooleanField(
        _("may answer freeze requests"),
        default=True,
        help_text=_("The freeze scope of this key: list, acknowledge and answer the requests of its banks."),
    )
    callback_url = models.URLField(_("callback URL"), max_length=500, blank=True)
    callback_secret = models.CharField(_("callback signing secret"), max_length=64, default=_new_secret)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("bank partner")
        verbose_name_plural = _("bank partners")

    def __str__(self) -> str:
        return str(self.key.partner) if self.key_id else str(_("bank partner"))


class FreezeRequest(models.Model):
    """A request to one bank to hold the money of one beneficiary: layer 1 for the account the victim paid,
    layer n+1 for the account a bank reports the money moved on to (the money trail)."""

    class Status(models.TextChoices):
        SENT = "sent", _("Sent")
        ACKNOWLEDGED = "acknowledged", _("Acknowledged")
        ON_HOLD = "on_hold", _("On hold")
        MOVED_ON = "moved_on", _("Moved on")
        NOT_FOUND = "not_found", _("Not found")
        REJECTED = "rejected", _("Rejected")
        CANCELLED = "cancelled", _("Cancelled")
        LIFTED = "lifted", _("Lifted (grievance upheld)")

    complaint = models.ForeignKey(
        "complaints.Complaint", on_delete=models.CASCADE, related_name="freeze_requests", verbose_name=_("complaint")
    )
    transaction = models.ForeignKey(
        "complaints.Transaction",
        on_delete=models.CASCADE,
        related_name="freeze_requests",
        verbose_name=_("transaction"),
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
        verbose_name=_("moved on from"),
    )
    layer = models.PositiveSmallIntegerField(_("layer"), default=1)
    bank = models.ForeignKey(Bank, on_delete=models.PROTECT, related_name="freeze_requests", verbose_name=_("bank"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.SENT)
    # What to freeze: the beneficiary at this bank.
    beneficiary_kind = models.CharField(_("beneficiary kind"), max_length=10, choices=BeneficiaryKind.choices)
    beneficiary_upi = models.CharField(_("UPI ID"), max_length=100, blank=True)
    beneficiary_account = models.CharField(_("account number"), max_length=34, blank=True)
    beneficiary_ifsc = models.CharField(_("IFSC"), max_length=11, blank=True)
    beneficiary_wallet = models.CharField(_("wallet / phone"), max_length=100, blank=True)
    identifier_key = models.CharField(_("beneficiary key"), max_length=140, editable=False)
    amount = models.DecimalField(_("amount to hold"), max_digits=14, decimal_places=2)
    occurred_at = models.DateTimeField(_("transaction time"))
    transaction_ref = models.CharField(_("transaction reference (UTR)"), max_length=64, blank=True)
    # Where the money came from: the victim (layer 1) or the previous layer's beneficiary.
    source_bank = models.CharField(_("paid from (bank)"), max_length=100, blank=True)
    source_account = models.CharField(_("paid from (account / UPI ID)"), max_length=100, blank=True)
    ack_number = models.CharField(_("complaint acknowledgement number"), max_length=40)
    # The bank's answers.
    bank_reference = models.CharField(_("bank's reference"), max_length=64, blank=True)
    amount_held = models.DecimalField(_("amount held"), max_digits=14, decimal_places=2, default=0)
    reason = models.TextField(_("reason"), blank=True)
    # Times and deadlines.
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    ack_due_at = models.DateTimeField(_("acknowledge by"))
    answer_due_at = models.DateTimeField(_("answer by"))
    acknowledged_at = models.DateTimeField(_("acknowledged"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    ack_escalated_at = models.DateTimeField(_("escalated: not acknowledged"), null=True, blank=True)
    answer_escalated_at = models.DateTimeField(_("escalated: not answered"), null=True, blank=True)
    times_sent = models.PositiveSmallIntegerField(_("times sent"), default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("added by"),
    )  # fmt: skip
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    OPEN = (Status.SENT, Status.ACKNOWLEDGED)
    ANSWERED = (Status.ON_HOLD, Status.MOVED_ON, Status.NOT_FOUND, Status.REJECTED)

    class Meta:
        verbose_name = _("freeze request")
        verbose_name_plural = _("freeze requests")
        ordering = ["complaint", "transaction", "layer", "id"]
        constraints = [
            # One live first-layer request per transaction and beneficiary (re-running creation changes nothing).
            models.UniqueConstraint(
                fields=["transaction", "identifier_key"],
                condition=Q(parent__isnull=True) & ~Q(status="cancelled"),
                name="recovery_one_live_request_per_beneficiary",
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="recovery_request_amount_positive"),
            models.CheckConstraint(condition=Q(amount_held__gte=0), name="recovery_amount_held_not_negative"),
        ]
        indexes = [
            models.Index(fields=["bank", "status", "sent_at"], name="recovery_bank_open_idx"),
            models.Index(fields=["status", "ack_due_at"], name="recovery_ack_due_idx"),
            models.Index(fields=["status", "answer_due_at"], name="recovery_answer_due_idx"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.ack_number} L{self.layer} → {self.bank_id}"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    @property
    def beneficiary_display(self) -> str:
        if self.beneficiary_kind == BeneficiaryKind.UPI:
            return self.beneficiary_upi
        if self.beneficiary_kind == BeneficiaryKind.ACCOUNT:
            return " ".join(p for p in (self.beneficiary_account, self.beneficiary_ifsc) if p)
        return self.beneficiary_wallet


class FreezeEvent(models.Model):
    """One entry of a freeze request's history: sent, acknowledged, answered, escalated, re-sent, cancelled."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Sent to the bank")
        ACKNOWLEDGED = "acknowledged", _("Acknowledged by the bank")
        ANSWERED = "answered", _("Answered by the bank")
        ESCALATED = "escalated", _("Escalated (overdue)")
        RESENT = "resent", _("Sent again")
        CANCELLED = "cancelled", _("Cancelled")
        CALLBACK = "callback", _("Callback delivered")
        GRIEVANCE = "grievance", _("Account holder's grievance")

    request = models.ForeignKey(FreezeRequest, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    partner = models.CharField(_("bank partner"), max_length=100, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("time"), default=timezone.now)

    class Meta:
        verbose_name = _("freeze request event")
        verbose_name_plural = _("freeze request events")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} (#{self.request_id})"


class CallbackDelivery(models.Model):
    """One push of a freeze request to a bank's callback URL, with every attempt's outcome (the delivery log)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Failed")

    partner = models.ForeignKey(BankPartner, on_delete=models.CASCADE, related_name="deliveries")
    request = models.ForeignKey(FreezeRequest, on_delete=models.CASCADE, related_name="callbacks")
    event = models.CharField(_("event"), max_length=40)
    url = models.URLField(_("URL"), max_length=500)
    payload = models.JSONField(_("payload"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_status_code = models.PositiveSmallIntegerField(_("last HTTP status"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    log = models.JSONField(_("attempts log"), default=list, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)

    class Meta:
        verbose_name = _("callback delivery")
        verbose_name_plural = _("callback deliveries")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.event} #{self.request_id} → {self.partner} ({self.status})"


from recovery.models_grievance import HoldGrievance  # noqa: E402
from recovery.models_restitution import RefundRequest, RestitutionCase, RestitutionEvent, RestitutionHold  # noqa: E402

__all__ = [
    "Bank", "UpiHandle", "UnknownHandle", "BankPartner", "FreezeRequest", "FreezeEvent", "CallbackDelivery",
    "RestitutionCase", "RestitutionHold", "RefundRequest", "RestitutionEvent", "HoldGrievance",
]  # fmt: skip
