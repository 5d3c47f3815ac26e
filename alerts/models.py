"""Preventive alerts: message templates, alerts, one delivery per (alert, citizen, channel), the contact ledger."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Citizen, PartnerAPIKey
from fraudsafe.vocabulary import MessageChannel


class AlertTemplate(models.Model):
    """The text of one kind of alert on one channel in one language, editable in the admin.

    `body` and `subject` are Django templates: {{ helpline_number }}, {{ portal_url }}, {{ citizen_name }},
    {{ district }}, {{ area }} and every key of the alert's context are available.

    WhatsApp: outside the citizen's 24-hour window only the approved content template (`content_sid`, one per
    language since there is one row per language) may go; `category` and `approval` mirror Meta's decision.
    """

    class Category(models.TextChoices):
        UTILITY = "utility", _("Utility")
        MARKETING = "marketing", _("Marketing")
        AUTHENTICATION = "authentication", _("Authentication")

    class Approval(models.TextChoices):
        NOT_SUBMITTED = "not_submitted", _("Not submitted")
        PENDING = "pending", _("Pending with Meta")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        PAUSED = "paused", _("Paused by Meta")
        DISABLED = "disabled", _("Disabled by Meta")

    key = models.SlugField(_("key"), max_length=50)
    channel = models.CharField(_("channel"), max_length=16, choices=MessageChannel.choices)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="en")
    subject = models.CharField(_("subject"), max_length=200, blank=True, help_text=_("Email only."))
    body = models.TextField(_("body"))
    content_sid = models.CharField(
        _("WhatsApp content SID"),
        max_length=64,
        blank=True,
        help_text=_("Approved Twilio content template used outside the 24-hour WhatsApp session."),
    )
    content_variables = models.JSONField(
        _("content variables"),
        default=list,
        blank=True,
        help_text=_('Placeholder names for the content template\'s {{1}}, {{2}}, … e.g. ["district", "peak"].'),
    )
    category = models.CharField(
        _("WhatsApp category"),
        max_length=16,
        choices=Category.choices,
        default=Category.UTILITY,
        help_text=_("The category Meta gave the content template (Meta may change it)."),
    )
    approval = models.CharField(
        _("WhatsApp approval"),
        max_length=16,
        choices=Approval.choices,
        default=Approval.NOT_SUBMITTED,
        help_text=_("Only an approved content template is sent outside the 24-hour window."),
    )
    approval_note = models.CharField(_("approval note"), max_length=300, blank=True)
    approval_updated_at = models.DateTimeField(_("approval updated"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("alert template")
        verbose_name_plural = _("alert templates")
        ordering = ["key", "channel", "language"]
        constraints = [
            models.UniqueConstraint(fields=["key", "channel", "language"], name="alerts_template_unique_key")
        ]

    def __str__(self) -> str:
        return f"{self.key} / {self.channel} / {self.language}"


class Alert(models.Model):
    """One message to an audience on one or more channels, sent now or at `send_at`."""

    class Kind(models.TextChoices):
        GENERAL = "general", _("General")
        LOCATION = "location", _("Location")
        CAMPAIGN = "campaign", _("Campaign")
        TARGETED = "targeted", _("Targeted")
        DEMO = "demo", _("Demo")
        # A transactional message about the citizen's own case (a status change, transaction progress, money put
        # on hold), sent by the system only: consent applies, caps do not (it uses none of the citizen's budget).
        NOTICE = "notice", _("Case update")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SCHEDULED = "scheduled", _("Scheduled")
        SENDING = "sending", _("Sending")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    audience = models.JSONField(_("audience"))
    district = models.CharField(_("district"), max_length=50, blank=True, db_index=True)
    template_key = models.SlugField(_("template"), max_length=50)
    channels = models.JSONField(_("channels"), default=list)
    context = models.JSONField(_("context"), default=dict, blank=True)
    send_at = models.DateTimeField(_("send at"), default=timezone.now, db_index=True)
    critical = models.BooleanField(_("critical"), default=False, help_text=_("Bypasses quiet hours, never consent."))
    preventive = models.BooleanField(_("scheduled from the pattern report"), default=False)
    campaign_ref = models.CharField(_("campaign"), max_length=64, blank=True, db_index=True)
    reference = models.CharField(
        _("about"),
        max_length=64,
        blank=True,
        db_index=True,
        help_text=_("Case updates: the acknowledgement number of the complaint the notice is about."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    partner_key = models.ForeignKey(
        PartnerAPIKey,
        verbose_name=_("partner key"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,  # keys are revoked, never deleted: a partner's alerts stay attributed
        related_name="alerts",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    started_at = models.DateTimeField(_("fan-out started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")
        ordering = ["-send_at", "-id"]
        constraints = [
            # The preventive schedule's natural key: re-running it on the same day creates nothing twice.
            models.UniqueConstraint(
                fields=["kind", "district", "send_at"],
                condition=Q(preventive=True),
                name="alerts_preventive_natural_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk} ({self.template_key})"


class Delivery(models.Model):
    """One alert on one channel to one citizen (or, for demo alerts, to one email address)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Failed")
        SKIPPED = "skipped", _("Skipped")

    class SkipReason(models.TextChoices):
        NO_CONSENT = "no_consent", _("No consent")
        CAP_DAY = "cap_day", _("Daily cap")
        CAP_WEEK = "cap_week", _("Weekly cap")
        COOLDOWN = "cooldown", _("Cooldown")
        QUIET_HOURS = "quiet_hours", _("Quiet hours")
        INVALID_RECIPIENT = "invalid_recipient", _("Invalid recipient")
        CANCELLED = "cancelled", _("Alert cancelled")
        NEEDS_TEMPLATE = "needs_template", _("Needs an approved WhatsApp template")

    class Deferral(models.TextChoices):
        TIER_LIMIT = "tier_limit", _("WhatsApp messaging limit")

    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="deliveries")
    citizen = models.ForeignKey(Citizen, null=True, blank=True, on_delete=models.CASCADE, related_name="deliveries")
    channel = models.CharField(_("channel"), max_length=16, choices=MessageChannel.choices)
    to = models.CharField(_("recipient"), max_length=254, blank=True, help_text=_("Demo email deliveries only."))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    skip_reason = models.CharField(_("skip reason"), max_length=24, choices=SkipReason.choices, blank=True)
    not_before = models.DateTimeField(_("not before"), null=True, blank=True)
    deferred_by = models.CharField(_("deferred by"), max_length=16, choices=Deferral.choices, blank=True)
    template_at = models.DateTimeField(
        _("sent as a WhatsApp template at"),
        null=True,
        blank=True,
        help_text=_("Business-initiated: counts towards the WhatsApp messaging limit for 24 hours."),
    )
    lease_until = models.DateTimeField(_("claimed until"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    provider_id = models.CharField(_("provider message id"), max_length=64, blank=True, db_index=True)
    error_code = models.CharField(_("error code"), max_length=32, blank=True)
    error = models.CharField(_("error"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["alert", "citizen", "channel"],
                condition=Q(citizen__isnull=False),
                name="alerts_delivery_one_per_citizen_channel",
            ),
            models.UniqueConstraint(
                fields=["alert", "channel", "to"],
                condition=Q(citizen__isnull=True),
                name="alerts_delivery_one_per_address",
            ),
        ]
        indexes = [
            models.Index(fields=["alert", "status"], name="alerts_delivery_alert_status"),
            models.Index(fields=["citizen", "-created_at"], name="alerts_delivery_citizen_recent"),
            models.Index(
                fields=["status", "not_before"],
                condition=Q(status__in=["pending", "sending"]),
                name="alerts_delivery_open",
            ),
            models.Index(
                fields=["template_at"], condition=Q(template_at__isnull=False), name="alerts_delivery_template_at"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.channel} #{self.pk} ({self.status})"


class AlertContact(models.Model):
    """The cap ledger: one row per (citizen, alert) that reaches the citizen, at its planned time.

    Caps count these rows, so one alert on SMS and WhatsApp is one contact, and every alert and channel
    shares the same budget. Rows are reserved in the same transaction that creates the deliveries.
    """

    citizen = models.ForeignKey(Citizen, on_delete=models.CASCADE, related_name="+")
    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="contacts")
    at = models.DateTimeField(_("planned time"))

    class Meta:
        verbose_name = _("alert contact")
        verbose_name_plural = _("alert contacts")
        constraints = [models.UniqueConstraint(fields=["citizen", "alert"], name="alerts_contact_once_per_alert")]
        indexes = [models.Index(fields=["citizen", "at"], name="alerts_contact_citizen_at")]

    def __str__(self) -> str:
        return f"{self.citizen_id} / alert {self.alert_id} @ {self.at:%Y-%m-%d %H:%M}"


class WhatsAppWindow(models.Model):
    """WhatsApp's customer-service window of one phone: open for 24 hours after their last inbound message of
    any kind (a complaint conversation, a keyword, a reply). One row per phone, updated on every message."""

    phone = models.CharField(_("phone"), max_length=20, unique=True)
    last_inbound_at = models.DateTimeField(_("last inbound message"))

    class Meta:
        verbose_name = _("WhatsApp window")
        verbose_name_plural = _("WhatsApp windows")

    def __str__(self) -> str:
        return f"{self.phone} @ {self.last_inbound_at:%Y-%m-%d %H:%M}"


class CitizenAlertHistory(Citizen):
    """A citizen seen from the alerts side (admin: consent history and every delivery on one page)."""

    class Meta:
        proxy = True
        verbose_name = _("citizen alert history")
        verbose_name_plural = _("citizen alert histories")
