"""Volume signals, behaviour profiles, campaigns, verification holds, model versions and runtime thresholds."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns.channels import SignalChannel


class VolumeSample(models.Model):
    """Traffic of one channel in one time bucket, as a partner reported it or as complaints counted it.

    `series` separates independent streams of a channel: "" for partners' totals, the fraud type for
    complaint counts. Re-sending a bucket replaces it (idempotent batches)."""

    class Source(models.TextChoices):
        PARTNER = "partner", _("Partner")
        COMPLAINTS = "complaints", _("Complaints")

    channel = models.CharField(_("channel"), max_length=16, choices=SignalChannel.choices)
    series = models.CharField(_("series"), max_length=64, blank=True, default="")
    bucket_start = models.DateTimeField(_("bucket start"))
    count = models.PositiveIntegerField(_("count"))
    unique_targets = models.PositiveIntegerField(_("unique targets"), default=0)
    suspicious_numbers = models.PositiveIntegerField(_("suspicious numbers"), default=0)
    source = models.CharField(_("source"), max_length=16, choices=Source.choices, default=Source.PARTNER)
    received_at = models.DateTimeField(_("received"), auto_now=True)

    class Meta:
        verbose_name = _("volume sample")
        verbose_name_plural = _("volume samples")
        constraints = [
            models.UniqueConstraint(fields=["channel", "series", "bucket_start"], name="volume_sample_one_per_bucket")
        ]
        indexes = [models.Index(fields=["bucket_start"])]

    def __str__(self) -> str:
        return f"{self.channel}/{self.series or '-'} {self.bucket_start:%Y-%m-%d %H:%M}: {self.count}"


class BehaviourProfile(models.Model):
    """A citizen's latest behaviour features (campaigns.features.BEHAVIOUR_FEATURES), sent by a partner."""

    citizen = models.OneToOneField(
        "accounts.Citizen", on_delete=models.CASCADE, related_name="behaviour", verbose_name=_("citizen")
    )
    features = models.JSONField(_("features"), default=dict)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("behaviour profile")
        verbose_name_plural = _("behaviour profiles")

    def __str__(self) -> str:
        return str(_("behaviour of citizen #%(id)s") % {"id": self.citizen_id})


class Campaign(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        EXPIRED = "expired", _("Expired (quiet)")
        DEACTIVATED = "deactivated", _("Deactivated by staff")

    campaign_type = models.CharField(_("type"), max_length=64)
    channel = models.CharField(_("channel"), max_length=16, choices=SignalChannel.choices)
    series = models.CharField(_("series"), max_length=64, blank=True, default="")
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.ACTIVE)
    risk_score = models.FloatField(_("risk score"))
    volume = models.PositiveIntegerField(_("volume"))
    unique_targets = models.PositiveIntegerField(_("unique targets"), default=0)
    suspicious_numbers = models.PositiveIntegerField(_("suspicious numbers"), default=0)
    scorer = models.CharField(_("scored by"), max_length=80)
    first_seen = models.DateTimeField(_("first seen"))
    last_seen = models.DateTimeField(_("last seen"))
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    vulnerable_count = models.PositiveIntegerField(_("vulnerable citizens"), default=0)
    actions = models.JSONField(_("actions taken"), default=list, blank=True)
    deactivated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("deactivated by")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-last_seen"]
        constraints = [
            models.UniqueConstraint(
                fields=["channel", "series"], condition=Q(status="active"), name="campaign_one_active_per_series"
            )
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.campaign_type} ({self.get_status_display()})"


class VerificationHold(models.Model):
    """Stricter verification for a citizen's transactions until `expires_at` (in force only before then)."""

    class Level(models.TextChoices):
        STANDARD = "standard", _("Standard")
        ELEVATED = "elevated", _("Elevated")
        HIGH = "high", _("High")

    citizen = models.ForeignKey(
        "accounts.Citizen", on_delete=models.CASCADE, related_name="verification_holds", verbose_name=_("citizen")
    )
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    reason = models.CharField(_("reason"), max_length=200)
    campaign = models.ForeignKey(
        Campaign, null=True, blank=True, on_delete=models.SET_NULL, related_name="holds", verbose_name=_("campaign")
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"), db_index=True)
    released_at = models.DateTimeField(_("released early"), null=True, blank=True)

    class Meta:
        verbose_name = _("verification hold")
        verbose_name_plural = _("verification holds")
        ordering = ["-expires_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["citizen", "campaign"], condition=Q(campaign__isnull=False), name="hold_one_per_campaign"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_level_display()} → {self.expires_at:%Y-%m-%d %H:%M}"


class ModelVersion(models.Model):
    """A trained checkpoint and its model card (the files live in CAMPAIGNS_MODEL_DIR)."""

    kind = models.CharField(_("model"), max_length=16)
    version = models.CharField(_("version"), max_length=80, unique=True)
    schema_version = models.CharField(_("feature schema"), max_length=32)
    passed = models.BooleanField(_("beat the heuristic"), default=False)
    model_auc = models.FloatField(_("held-out ROC-AUC"), null=True)
    heuristic_auc = models.FloatField(_("heuristic ROC-AUC"), null=True)
    card = models.JSONField(_("model card"), default=dict)
    path = models.CharField(_("path"), max_length=500)
    created_at = models.DateTimeField(_("trained"))

    class Meta:
        verbose_name = _("model version")
        verbose_name_plural = _("model versions")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.version


def _unit(field_name: str, label):
    return models.FloatField(
        label,
        null=True,
        blank=True,
        validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
        help_text=_("Empty: use the deployment default."),
    )


class CampaignSettings(models.Model):
    """Runtime thresholds (one row); an empty field falls back to the CAMPAIGNS_* setting."""

    cohort_vulnerability = _unit("cohort_vulnerability", _("cohort vulnerability threshold"))
    uplift = _unit("uplift", _("risk uplift threshold"))
    campaign_anomaly = _unit("campaign_anomaly", _("campaign anomaly threshold"))
    min_volume = models.PositiveIntegerField(
        _("minimum campaign volume"), null=True, blank=True, help_text=_("Empty: use the deployment default.")
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("campaign settings")
        verbose_name_plural = _("campaign settings")

    def __str__(self) -> str:
        return str(_("Campaign thresholds"))

    def save(self, *args, **kwargs):
        self.pk = 1  # a singleton
        super().save(*args, **kwargs)
