"""The case store (every fraud case the analysis counts) and the analysis snapshots built from it.

Both models use UUID primary keys so that one migration runs on SQLite, PostgreSQL and MongoDB
(django-mongodb-backend cannot do auto-increment keys).
"""

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fraudsafe.vocabulary import FraudCategory


class FraudCase(models.Model):
    """One fraud incident: when (aware), where (district, area), what kind, and where the record came from."""

    class Source(models.TextChoices):
        COMPLAINT = "complaint", _("Complaint (WhatsApp intake)")
        LEGACY = "legacy", _("Legacy MongoDB import")
        CSV = "csv", _("CSV import")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    occurred_at = models.DateTimeField(_("occurred at"), db_index=True)
    district = models.CharField(_("district"), max_length=100, db_index=True)
    area = models.CharField(_("area"), max_length=100, blank=True)
    fraud_type = models.CharField(_("type of fraud"), max_length=64)
    category = models.CharField(
        _("category"), max_length=16, choices=FraudCategory.choices, default=FraudCategory.FINANCIAL
    )
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2, null=True, blank=True)
    source = models.CharField(_("source"), max_length=16, choices=Source.choices)
    source_ref = models.CharField(_("source reference"), max_length=200)
    # A keyed hash (HMAC-SHA256 with SECRET_KEY) of the reporter's Aadhaar number, never the number itself.
    reporter_hash = models.CharField(_("reporter hash"), max_length=64, blank=True, editable=False)
    # Keyed hashes of the fraudster's identifiers (UPI ID, account, phone, website) as "kind:hash kind:hash",
    # never the identifiers themselves: campaigns counts complaints per identifier per hour from them.
    fraudster_keys = models.CharField(_("fraudster identifier hashes"), max_length=500, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("fraud case")
        verbose_name_plural = _("fraud cases")
        constraints = [
            models.UniqueConstraint(fields=["source", "source_ref"], name="fraudcase_unique_source_ref"),
        ]

    def __str__(self) -> str:
        return f"{self.source}:{self.source_ref}"


class PatternReport(models.Model):
    """A snapshot of the analysis over one window, nationally (district "") or for one district."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    computed_at = models.DateTimeField(_("computed at"), default=timezone.now, db_index=True)
    window_start = models.DateTimeField(_("window start"))
    window_end = models.DateTimeField(_("window end"))
    district = models.CharField(_("district"), max_length=100, blank=True, db_index=True)
    case_count = models.PositiveIntegerField(_("cases"), default=0)
    report = models.JSONField(_("report"), default=dict)

    class Meta:
        verbose_name = _("pattern report")
        verbose_name_plural = _("pattern reports")
        ordering = ["-computed_at"]

    def __str__(self) -> str:
        return f"{self.district or _('National')} @ {self.computed_at:%Y-%m-%d %H:%M}"

    @property
    def days(self) -> int:
        return round((self.window_end - self.window_start).total_seconds() / 86400)
