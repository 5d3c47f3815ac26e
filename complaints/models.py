"""Complaints taken over WhatsApp, their transactions, their history and the bot's conversation sessions."""

import re
import uuid
from datetime import datetime
from decimal import Decimal

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from fraudsafe.languages import language_label
from fraudsafe.masking import mask_phone
from fraudsafe.vocabulary import BeneficiaryKind, FraudType


def complaint_pdf_upload_to(instance: "Complaint", filename: str) -> str:
    """Private, unguessable path: the file is only ever served through a signed link or a staff view."""
    return f"complaints/pdf/{uuid.uuid4().hex}.pdf"


def ack_number_format(year: int, serial: int) -> str:
    """The one acknowledgement-number pattern: FS-2026-000006 (read out to callers, typed in searches)."""
    return f"FS-{year}-{serial:06d}"


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
        return ack_number_format(timezone.localtime(created_at).year, pk)

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


# The fraudster's side of a transaction, as the bot, the console, the PDF, the CSV and the API name it.
BENEFICIARY_FIELDS = (
    "beneficiary_kind",
    "beneficiary_upi",
    "beneficiary_account",
    "beneficiary_ifsc",
    "beneficiary_wallet",
    "beneficiary_merchant",
    "fraudster_phone",
    "fraudster_website",
)


class Transaction(models.Model):
    """One payment the victim lost, as they reported it (position 1, 2, … within the complaint), with the
    fraudster's side when known: where the money went, the fraudster's phone and website or app."""

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
    # The fraudster's side ("" = not known): asked by the bot after the transaction ID, filled in later by staff.
    beneficiary_kind = models.CharField(
        _("money went to"), max_length=10, choices=BeneficiaryKind.choices, blank=True, default=""
    )
    beneficiary_upi = models.CharField(_("beneficiary UPI ID"), max_length=100, blank=True, default="")
    beneficiary_account = models.CharField(_("beneficiary account number"), max_length=18, blank=True, default="")
    beneficiary_ifsc = models.CharField(_("beneficiary IFSC"), max_length=11, blank=True, default="")
    beneficiary_wallet = models.CharField(_("beneficiary wallet / phone"), max_length=100, blank=True, default="")
    beneficiary_merchant = models.CharField(_("card merchant"), max_length=100, blank=True, default="")
    fraudster_phone = models.CharField(_("fraudster's phone"), max_length=20, blank=True, default="")
    fraudster_website = models.CharField(_("fraudster's website / app"), max_length=200, blank=True, default="")
    # Where each answer came from: {"read": [field names read from a screenshot and confirmed by the victim],
    # "evidence": the screenshot's Evidence id}; a field not listed was typed.
    field_sources = models.JSONField(_("field sources"), default=dict, blank=True)

    class Meta:
        verbose_name = _("transaction")
        verbose_name_plural = _("transactions")
        ordering = ["complaint", "position"]
        constraints = [
            models.UniqueConstraint(fields=["complaint", "position"], name="transaction_unique_position"),
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="transaction_amount_positive"),
        ]

    def __str__(self) -> str:
        """ "Transaction 2.1": its serial number in the summary, the PDF and the console."""
        return _("Transaction %(serial)s") % {"serial": f"2.{self.position}"}

    @property
    def occurred_at(self) -> datetime:
        """The moment of the transaction as an aware datetime in the helpline's time zone."""
        naive = datetime.combine(self.date, self.time)
        return timezone.make_aware(naive)

    @property
    def beneficiary(self) -> dict[str, str]:
        """The fraudster's side as a dict of BENEFICIARY_FIELDS (values "" when not known)."""
        return {name: getattr(self, name) for name in BENEFICIARY_FIELDS}


# History notes the workflow writes itself are stored in the source language and shown in the reader's, so that a
# Hindi-speaking attender's "Claimed" reads "Claimed" to an English-speaking admin, and "लिया गया" to a Hindi one.
SYSTEM_NOTES = (gettext_noop("Claimed"), gettext_noop("Assigned by an admin"))
REASON_NOTE = gettext_noop("Reason: %(reason)s")
TRANSACTION_NOTE = gettext_noop("Transaction %(position)s.")
_REASON_LINE = re.compile(r"^Reason: (?P<reason>.*)$", re.DOTALL)
_TRANSACTION_LINE = re.compile(r"^Transaction (?P<position>\d+)\.(?: (?P<rest>.*))?$", re.DOTALL)


def system_note_display(note: str) -> str:
    """A history note in the active language: the workflow's own words translated, what staff typed as typed."""
    lines = []
    for line in (note or "").split("\n"):
        if line in SYSTEM_NOTES:
            line = gettext(line)
        elif match := _REASON_LINE.match(line):
            line = gettext(REASON_NOTE) % {"reason": match.group("reason")}
        elif match := _TRANSACTION_LINE.match(line):
            head = gettext(TRANSACTION_NOTE) % {"position": match.group("position")}
            line = f"{head} {match.group('rest')}" if match.group("rest") else head
        lines.append(str(line))
    return "\n".join(lines)


class ComplaintEvent(models.Model):
    """One entry of a complaint's history (creation, status and handler changes, notes)."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Created")
        STATUS = "status", _("Status changed")
        HANDLER = "handler", _("Handler changed")
        TRANSACTION_PROGRESS = "transaction_progress", _("Transaction progress changed")
        BENEFICIARY = "beneficiary", _("Fraudster's details changed")
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

    @property
    def note_display(self) -> str:
        """The note as the reader reads it (see system_note_display)."""
        return system_note_display(self.note)

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


def evidence_upload_to(instance: "Evidence", filename: str) -> str:
    """Private, unguessable path (never served publicly: staff open evidence through an authorised view)."""
    return f"complaints/evidence/{uuid.uuid4().hex}{instance.extension}"


class Evidence(models.Model):
    """A file (photo or PDF) the victim sent in the conversation: screenshots of payment apps, SMS, statements.

    It belongs to the conversation (the phone) until the complaint is submitted, then to the complaint. A worker
    fetches it from Twilio with the account's credentials and checks its type by content (magic bytes).
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Being fetched")
        STORED = "stored", _("Stored")
        REFUSED = "refused", _("Refused")
        FAILED = "failed", _("Could not be fetched")

    class Refusal(models.TextChoices):
        TYPE = "type", _("Not a photo or PDF")
        TOO_LARGE = "too_large", _("Too large")
        TOO_MANY = "too_many", _("Too many files")

    phone = models.CharField(_("phone"), max_length=20, db_index=True)
    complaint = models.ForeignKey(
        Complaint, null=True, blank=True, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("complaint")
    )
    message_sid = models.CharField(_("message SID"), max_length=64)
    index = models.PositiveSmallIntegerField(_("media number"))
    media_url = models.URLField(_("Twilio media URL"), max_length=500)
    declared_type = models.CharField(_("declared content type"), max_length=100, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    refusal = models.CharField(_("refused because"), max_length=10, choices=Refusal.choices, blank=True)
    content_type = models.CharField(_("content type (checked)"), max_length=40, blank=True)
    size = models.PositiveIntegerField(_("size (bytes)"), null=True, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    file = models.FileField(_("file"), upload_to=evidence_upload_to, blank=True, max_length=200)
    attempts = models.PositiveSmallIntegerField(_("fetch attempts"), default=0)
    error = models.CharField(_("error"), max_length=300, blank=True)
    received_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    fetched_at = models.DateTimeField(_("fetched"), null=True, blank=True)

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        ordering = ["received_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["message_sid", "index"], name="evidence_unique_media"),
        ]

    def __str__(self) -> str:
        return f"{self.message_sid}/{self.index}"

    EXTENSIONS = {"image/jpeg": ".jpg", "image/png": ".png", "image/webp": ".webp", "application/pdf": ".pdf"}

    @property
    def extension(self) -> str:
        return self.EXTENSIONS.get(self.content_type, ".bin")


class FraudsterIdentifier(models.Model):
    """One normalised identifier of a fraudster (UPI ID, account number, phone, website) seen in complaints.

    Complaints that share one are linked. Counts are kept up to date on every change, so the admin's list of
    the most-reported identifiers is one indexed read.
    """

    class Kind(models.TextChoices):
        UPI = "upi", _("UPI ID")
        ACCOUNT = "account", _("Account number")
        PHONE = "phone", _("Phone number")
        WEBSITE = "website", _("Website / app")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    value = models.CharField(_("value"), max_length=200)
    complaint_count = models.PositiveIntegerField(_("complaints"), default=0, db_index=True)
    transaction_count = models.PositiveIntegerField(_("transactions"), default=0)
    amount_total = models.DecimalField(_("amount reported"), max_digits=14, decimal_places=2, default=0)
    first_seen = models.DateTimeField(_("first seen"), default=timezone.now)
    last_seen = models.DateTimeField(_("last seen"), default=timezone.now)
    transactions = models.ManyToManyField(
        Transaction, related_name="fraudster_identifiers", verbose_name=_("transactions"), blank=True
    )

    class Meta:
        verbose_name = _("fraudster identifier")
        verbose_name_plural = _("fraudster identifiers")
        ordering = ["-complaint_count", "-last_seen"]
        constraints = [models.UniqueConstraint(fields=["kind", "value"], name="fraudster_identifier_unique")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.value}"
