from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField
from rest_framework_api_key.models import AbstractAPIKey

from fraudsafe.masking import mask_phone, mask_text
from fraudsafe.vocabulary import MessageChannel


class User(AbstractUser):
    """Helpline staff. Admins run the Django admin; attenders work their complaints in the console."""

    class Role(models.TextChoices):
        ADMIN = "admin", _("Admin")
        ATTENDER = "attender", _("Attender")

    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.ATTENDER)
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The language of the console and the admin for this staff member."),
    )

    @property
    def is_helpline_admin(self) -> bool:
        return self.is_superuser or self.role == self.Role.ADMIN

    @property
    def is_attender(self) -> bool:
        return self.role == self.Role.ATTENDER and not self.is_superuser

    def has_perm(self, perm, obj=None) -> bool:
        # A helpline admin runs everything in the admin; attenders get only what is granted explicitly.
        return (self.is_active and self.role == self.Role.ADMIN) or super().has_perm(perm, obj)

    def has_module_perms(self, app_label) -> bool:
        return (self.is_active and self.role == self.Role.ADMIN) or super().has_module_perms(app_label)

    def save(self, *args, **kwargs):
        # Admin-site access follows the role, so an attender can never be given it by a stray checkbox.
        self.is_staff = self.is_helpline_admin
        super().save(*args, **kwargs)


class Citizen(models.Model):
    """Someone FraudSafe talks to: a complainant on WhatsApp, or a subscriber to alerts."""

    phone = PhoneNumberField(_("phone"), unique=True)
    name = models.CharField(_("name"), max_length=100, blank=True)
    email = models.EmailField(_("email"), blank=True)
    district = models.CharField(_("district"), max_length=50, blank=True, db_index=True)
    area = models.CharField(_("area"), max_length=100, blank=True)
    pin_code = models.CharField(_("PIN code"), max_length=6, blank=True)
    language = models.CharField(
        _("preferred language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    time_zone = models.CharField(_("time zone"), max_length=64, default=settings.TIME_ZONE)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("citizen")
        verbose_name_plural = _("citizens")
        indexes = [models.Index(fields=["district", "area"])]

    def __str__(self) -> str:
        return f"{self.name or _('Citizen')} ({mask_phone(self.phone)})"


class ConsentEvent(models.Model):
    """One grant or withdrawal of consent to be contacted on one channel. Append-only: never edited."""

    class Action(models.TextChoices):
        GRANT = "grant", _("Granted")
        WITHDRAW = "withdraw", _("Withdrawn")

    class Source(models.TextChoices):
        WHATSAPP_KEYWORD = "whatsapp_keyword", _("WhatsApp keyword")
        SMS_KEYWORD = "sms_keyword", _("SMS keyword")
        COMPLAINT = "complaint", _("End of a complaint")
        API = "api", _("Partner or staff API")
        ADMIN = "admin", _("Admin")
        EMAIL_LINK = "email_link", _("Email unsubscribe link")
        IMPORT = "import", _("Import")
        NOTICE_PAGE = "notice_page", _("Privacy notice page")

    citizen = models.ForeignKey(Citizen, on_delete=models.CASCADE, related_name="consent_events")
    channel = models.CharField(_("channel"), max_length=16, choices=MessageChannel.choices)
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    source = models.CharField(_("source"), max_length=32, choices=Source.choices)
    evidence = models.TextField(
        _("evidence"), blank=True, help_text=_("What the citizen said or did, e.g. the message text or basis.")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    partner_key = models.ForeignKey(
        "accounts.PartnerAPIKey",
        verbose_name=_("recorded by partner key"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,  # a key that recorded consent is revoked, never deleted: attribution stays
        related_name="consent_events",
    )
    notice_version = models.CharField(
        _("notice version"),
        max_length=32,
        blank=True,
        help_text=_("The version of the privacy notice in force when this was recorded (blank: before notices)."),
    )
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("consent event")
        verbose_name_plural = _("consent events")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["citizen", "channel", "-created_at", "-id"], name="consent_latest_idx")]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.get_channel_display()} ({self.get_source_display()})"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError(_("Consent history is append-only; record a new event instead."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("Consent history is append-only."))


class Scope(models.TextChoices):
    """What a partner key may do. An admin picks them when issuing the key; a new key has none."""

    PATTERNS_READ = "patterns:read", _("patterns:read — read fraud-pattern reports")
    SIGNALS_WRITE = "signals:write", _("signals:write — send call/SMS/transaction volumes")
    BEHAVIOUR_WRITE = "behaviour:write", _("behaviour:write — send citizens' behaviour profiles")
    VERIFICATION_READ = "verification:read", _("verification:read — ask a phone's verification level")
    CONSENT_READ = "consent:read", _("consent:read — read a citizen's consent")
    CONSENT_WRITE = "consent:write", _("consent:write — record consent, with evidence")
    ALERTS_SEND = "alerts:send", _("alerts:send — send alerts to a limited audience and follow them")
    CAMPAIGNS_READ = "campaigns:read", _("campaigns:read — campaign statistics and active campaigns")
    CAMPAIGNS_SCORE = "campaigns:score", _("campaigns:score — score series and users (nothing stored)")
    CAMPAIGNS_MANAGE = "campaigns:manage", _("campaigns:manage — report campaigns and warn their cohort")
    CITIZENS_READ = "citizens:read", _("citizens:read — citizens by location, masked")
    FREEZES_MANAGE = "freezes:manage", _("freezes:manage — a bank answers the freeze requests addressed to it")
    PRIVACY_REQUESTS = "privacy:requests", _("privacy:requests — pass on a citizen's request for their data")
    REFUNDS_MANAGE = "refunds:manage", _("refunds:manage — a bank answers the refund requests addressed to it")


def _default_max_audience() -> int:
    return settings.PARTNER_KEY_MAX_AUDIENCE


def _default_daily_message_quota() -> int:
    return settings.PARTNER_KEY_DAILY_MESSAGE_QUOTA


class PartnerAPIKey(AbstractAPIKey):
    """A partner's API key (a bank, a telco, another team's bot). Only a hash is stored.

    Least privilege: the key may call only the endpoints of its `scopes`; its alerts reach at most
    `max_audience` citizens; it may make `daily_message_quota` message-sending calls a day (helpline time).
    """

    partner = models.CharField(_("partner"), max_length=100)
    contact_email = models.EmailField(_("contact email"), blank=True)
    scopes = models.JSONField(
        _("scopes"), default=list, blank=True, help_text=_("What this key may do. A new key may do nothing.")
    )
    max_audience = models.PositiveIntegerField(
        _("largest alert audience"),
        default=_default_max_audience,
        help_text=_("Citizens (with consent) one alert or campaign warning of this key may reach."),
    )
    daily_message_quota = models.PositiveIntegerField(
        _("message-sending calls a day"),
        default=_default_daily_message_quota,
        help_text=_("Calls that send messages (alerts, campaign warnings) per day, in helpline time."),
    )

    class Meta(AbstractAPIKey.Meta):
        verbose_name = _("partner API key")
        verbose_name_plural = _("partner API keys")

    def has_scope(self, scope: str) -> bool:
        return scope in (self.scopes or [])

    @property
    def label(self) -> str:
        """Who, for logs and the audit trail: the partner and the key's public prefix (never the key)."""
        return f"{self.partner} ({self.prefix})"


class PartnerKeyUsage(models.Model):
    """Message-sending calls one key made on one day (helpline time): the daily quota is counted here."""

    key = models.ForeignKey(PartnerAPIKey, on_delete=models.CASCADE, related_name="usage")
    day = models.DateField(_("day"))
    message_calls = models.PositiveIntegerField(_("message-sending calls"), default=0)

    class Meta:
        verbose_name = _("partner key usage")
        verbose_name_plural = _("partner key usage")
        constraints = [models.UniqueConstraint(fields=["key", "day"], name="accounts_key_usage_one_per_day")]

    def __str__(self) -> str:
        return f"{self.key_id} {self.day}: {self.message_calls}"


class AuditEntry(models.Model):
    """Who did what, when, from where, with which outcome: every partner write and every staff action that
    sends messages or changes consent. Append-only; never holds a message body or a full number; removed
    after AUDIT_RETENTION_DAYS by a beat job."""

    class Action(models.TextChoices):
        API_WRITE = "api_write", _("Partner API write")
        ALERT_SEND = "alert_send", _("Alert sent or scheduled")
        ALERT_CANCEL = "alert_cancel", _("Alert cancelled")
        CAMPAIGN_WARN = "campaign_warn", _("Campaign warnings")
        CONSENT_CHANGE = "consent_change", _("Consent recorded")
        COMPLAINT_STATUS = "complaint_status", _("Complaint status (citizen told)")
        TRANSACTION_PROGRESS = "transaction_progress", _("Transaction progress (citizen told)")
        GRIEVANCE_RECORD = "grievance_record", _("Hold grievance recorded")
        GRIEVANCE_DECIDE = "grievance_decide", _("Hold grievance decided")

    class Outcome(models.TextChoices):
        OK = "ok", _("Done")
        INVALID = "invalid", _("Invalid input")
        REFUSED = "refused", _("Refused")
        NOT_FOUND = "not_found", _("Not found")
        CONFLICT = "conflict", _("Conflict")
        LIMITED = "limited", _("Rate or quota limit")
        ERROR = "error", _("Server error")

    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    actor = models.CharField(_("who"), max_length=150, help_text=_("A partner and its key prefix, or a username."))
    partner_key = models.ForeignKey(
        PartnerAPIKey, verbose_name=_("partner key"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="audit_entries",
    )  # fmt: skip
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("staff user"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    action = models.CharField(_("action"), max_length=32, choices=Action.choices, db_index=True)
    endpoint = models.CharField(_("endpoint or page"), max_length=200)
    objects_ref = models.CharField(_("objects"), max_length=300, blank=True, help_text=_("e.g. alert=12 citizen=7"))
    ip_address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    status_code = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit trail")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["partner_key", "-created_at"], name="accounts_audit_key_recent"),
            models.Index(fields=["user", "-created_at"], name="accounts_audit_user_recent"),
        ]

    def __str__(self) -> str:
        return f"{self.actor} {self.get_action_display()} {self.endpoint} ({self.get_outcome_display()})"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError(_("The audit trail is append-only."))
        # Defence in depth: whatever a caller passes, no full phone, account or Aadhaar number is stored.
        self.endpoint, self.objects_ref = mask_text(self.endpoint)[:200], mask_text(self.objects_ref)[:300]
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("The audit trail is append-only; old entries are removed by the retention job."))
