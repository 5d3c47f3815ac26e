from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField
from rest_framework_api_key.models import AbstractAPIKey

from fraudsafe.masking import mask_phone
from fraudsafe.vocabulary import Channel


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

    citizen = models.ForeignKey(Citizen, on_delete=models.CASCADE, related_name="consent_events")
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    source = models.CharField(_("source"), max_length=32, choices=Source.choices)
    evidence = models.TextField(
        _("evidence"), blank=True, help_text=_("What the citizen said or did, e.g. the message text or basis.")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
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


class PartnerAPIKey(AbstractAPIKey):
    """A partner's API key (a bank, a telco, another team's bot). Only a hash is stored."""

    partner = models.CharField(_("partner"), max_length=100)
    contact_email = models.EmailField(_("contact email"), blank=True)

    class Meta(AbstractAPIKey.Meta):
        verbose_name = _("partner API key")
        verbose_name_plural = _("partner API keys")
