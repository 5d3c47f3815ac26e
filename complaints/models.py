"""Complaints taken over WhatsApp, their transactions, their history and the bot's conversation sessions."""

import uuid
from datetime import datetime
from decimal import Decimal

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fraudsafe.languages import language_label
from fraudsafe.masking import mask_phone
from fraudsafe.vocabulary import FraudType


def complaint_pdf_upload_to(instance: "Complaint", filename: str) -> str:
    """Private, unguessable path: the file is only ever served through a signed link or a staff view."""
    return f"complaints/pdf/{uuid.uuid4().hex}.pdf"


class Complaint(models.Model):
    """One money-loss complaint filed by a citizen, identified to them by its acknowledgement number."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        IN_PROGRESS = "in_progress", _("In progress")
        RESOLVED = "resolved", _("Resolved")
        REJECTED = "rejected", _("Rejected")

    ack_number = models.CharField(_("acknowledgement number"), max_length=40, unique=True, editable=False)
    citizen = models.ForeignKey(
        "accounts.Citizen", on_delete=models.PROTECT, related_name="complaints", verbose_name=_("citizen")
    )
    name = models.CharField(_("name"), max_length=50)
    mobile = models.CharField(_("mobile number"), max_length=10)
    dob = models.DateField(_("date of birth"))
    father_name = models.CharField(_("father's name"), max_length=50)
    district = models.CharField(_("district"), max_length=50)
    pin_code = models.CharField(_("PIN code"), max_length=6)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="en")
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="handled_complaints",
        verbose_name=_("handler"),
    )
    rejection_reason = models.TextField(_("rejection reason"), blank=True)
    pdf = models.FileField(_("PDF"), upload_to=complaint_pdf_upload_to, blank=True, max_length=200)
    # The moment of the newest transaction (helpline time), set when the complaint is filed: the priority's
    # "time since the money left" is computed from it in the database at query time, so it never goes stale.
    latest_transaction_at = models.DateTimeField(_("latest transaction"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["status", "handler"], name="complaint_status_handler_idx"),
            models.Index(fields=["district"], name="complaint_district_idx"),
            models.Index(fields=["created_at"], name="complaint_created_idx"),
            models.Index(fields=["latest_transaction_at"], name="complaint_latest_txn_idx"),
        ]

    def __str__(self) -> str:
        return self.ack_number or _("New complaint")

    def save(self, *args, **kwargs):
        # The acknowledgement number comes from the primary key, so two complaints saved at the same moment
        # can never share one (no read-then-write counter). A placeholder holds the unique slot until then.
        if self.pk is None and not self.ack_number:
            with transaction.atomic():
                self.ack_number = f"TMP-{uuid.uuid4().hex}"
                super().save(*args, **kwargs)
                self.ack_number = self.ack_number_for(self.pk, self.created_at)
                type(self).objects.filter(pk=self.pk).update(ack_number=self.ack_number)
            return
        super().save(*args, **kwargs)

    @staticmethod
    def ack_number_for(pk: int, created_at: datetime) -> str:
        year = timezone.localtime(created_at).year
        return f"FS-{year}-{pk:06d}"

    @property
    def language_label(self) -> str:
        """`हिन्दी (Hindi)`: the citizen's language, named in its own script and in the staff member's."""
        return language_label(self.language)

    @property
    def total_amount(self) -> Decimal:
        annotated = getattr(self, "total_amount_annotated", None)
        if annotated is not None:
            return annotated
        return sum((t.amount for t in self.transactions.all()), Decimal("0.00"))


class Transaction(models.Model):
    """One payment the victim lost, as they reported it (position 1, 2, … within the complaint)."""

    class Progress(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        REPORTED_TO_BANK = "reported_to_bank", _("Reported to bank")
        AMOUNT_FROZEN = "amount_frozen", _("Amount frozen")
        REFUNDED = "refunded", _("Refunded")
        NOT_RECOVERABLE = "not_recoverable", _("Not recoverable")

    complaint = models.ForeignKey(
        Complaint, on_delete=models.CASCADE, related_name="transactions", verbose_name=_("complaint")
    )
    position = models.PositiveSmallIntegerField(_("position"))
    date = models.DateField(_("date"))
    time = models.TimeField(_("time"))
    bank = models.CharField(_("bank"), max_length=100)
    account_number = models.CharField(_("account number"), max_length=18)
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    transaction_id = models.CharField(_("transaction ID"), max_length=50)
    fraud_type = models.CharField(_("type of fraud"), max_length=16, choices=FraudType.choices)
    progress = models.CharField(_("progress"), max_length=20, choices=Progress.choices, default=Progress.NOT_STARTED)

    class Meta:
        verbose_name = _("transaction")
        verbose_name_plural = _("transactions")
        ordering = ["complaint", "position"]
        constraints = [
            models.UniqueConstraint(fields=["complaint", "position"], name="transaction_unique_position"),
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="transaction_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.complaint_id}/{self.position}"

    @property
    def occurred_at(self) -> datetime:
        """The moment of the transaction as an aware datetime in the helpline's time zone."""
        naive = datetime.combine(self.date, self.time)
        return timezone.make_aware(naive)


class ComplaintEvent(models.Model):
    """One entry of a complaint's history (creation, status and handler changes, notes)."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Created")
        STATUS = "status", _("Status changed")
        HANDLER = "handler", _("Handler changed")
        TRANSACTION_PROGRESS = "transaction_progress", _("Transaction progress changed")
        NOTE = "note", _("Note")
        HANDOVER = "handover", _("Handed over")
        UNASSIGNED = "unassigned", _("Returned to the queue")
        REOPENED = "reopened", _("Reopened")

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    from_value = models.CharField(_("from"), max_length=100, blank=True)
    to_value = models.CharField(_("to"), max_length=100, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("time"), default=timezone.now)

    class Meta:
        verbose_name = _("complaint event")
        verbose_name_plural = _("complaint events")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.complaint_id})"

    def _value_label(self, value: str) -> str:
        """A stored code as people read it ("in_progress" → "In progress"); other values (user names) as they are."""
        choices = {
            self.Kind.CREATED: Complaint.Status,
            self.Kind.STATUS: Complaint.Status,
            self.Kind.REOPENED: Complaint.Status,
            self.Kind.TRANSACTION_PROGRESS: Transaction.Progress,
        }.get(self.kind)
        if choices is not None and value in choices.values:
            return str(choices(value).label)
        return value

    @property
    def from_label(self) -> str:
        return self._value_label(self.from_value)

    @property
    def to_label(self) -> str:
        return self._value_label(self.to_value)


class ConversationSession(models.Model):
    """The WhatsApp conversation of one phone: the state machine's state, locked per message."""

    phone = models.CharField(_("phone"), max_length=20, unique=True)
    state = models.JSONField(_("state"), default=dict, blank=True)
    last_message_at = models.DateTimeField(_("last message"), null=True, blank=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("conversation session")
        verbose_name_plural = _("conversation sessions")

    def __str__(self) -> str:
        return mask_phone(self.phone)


class InboundMessage(models.Model):
    """One WhatsApp message received from Twilio, kept so a retried webhook gets the very same answer."""

    message_sid = models.CharField(_("message SID"), max_length=64, unique=True)
    phone = models.CharField(_("phone"), max_length=20)
    response = models.TextField(_("response (TwiML)"), blank=True)
    received_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("inbound message")
        verbose_name_plural = _("inbound messages")

    def __str__(self) -> str:
        return self.message_sid
