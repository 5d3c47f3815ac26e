from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fraudsafe.vocabulary import MessageChannel


class DataRequest(models.Model):
    """A data principal's request (DPDP Act s. 11–13): a copy of their data, its correction or its erasure.

    Identity is the channel: a request made from a WhatsApp number is about the citizen of that number, and is
    answered on it. Kept after an erasure (the citizen link is then empty) as the record that it was answered."""

    class Kind(models.TextChoices):
        ACCESS = "access", _("Copy of my data")
        CORRECTION = "correction", _("Correction")
        ERASURE = "erasure", _("Erasure")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")
        REFUSED = "refused", _("Refused")

    citizen = models.ForeignKey(
        "accounts.Citizen",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="data_requests",
        verbose_name=_("citizen"),
    )
    masked_phone = models.CharField(_("phone (masked)"), max_length=20)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.OPEN, db_index=True)
    channel = models.CharField(_("channel"), max_length=16, choices=MessageChannel.choices)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="en")
    held = models.JSONField(
        _("kept under a legal hold"), default=list, blank=True, help_text=_("What was kept, and why.")
    )
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    due_at = models.DateTimeField(_("due"), db_index=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)

    class Meta:
        verbose_name = _("data principal request")
        verbose_name_plural = _("data principal requests")
        ordering = ["status", "due_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.masked_phone}"


class DataRequestStep(models.Model):
    """One step of a request (received, bundle sent, corrected, erased, held…): its audit trail. Never edited."""

    request = models.ForeignKey(DataRequest, on_delete=models.CASCADE, related_name="steps")
    action = models.CharField(_("action"), max_length=32)
    note = models.TextField(_("note"), blank=True, help_text=_("What was done; field names, never values."))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        verbose_name = _("request step")
        verbose_name_plural = _("request steps")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return self.action


class LegalHold(models.Model):
    """A court order or an investigating authority's direction to keep a citizen's data: erasure keeps it."""

    citizen = models.ForeignKey(
        "accounts.Citizen", on_delete=models.PROTECT, related_name="legal_holds", verbose_name=_("citizen")
    )
    reason = models.CharField(_("reason"), max_length=200, help_text=_("Shown to the citizen, e.g. the order."))
    reference = models.CharField(_("order reference"), max_length=100, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    released_at = models.DateTimeField(_("released"), null=True, blank=True)

    class Meta:
        verbose_name = _("legal hold")
        verbose_name_plural = _("legal holds")

    def __str__(self) -> str:
        return self.reason


class Breach(models.Model):
    """A suspected personal data breach or cyber incident, from the moment it is suspected: the Board's 72-hour
    clock (DPDP Rules r. 7) and, for the incident kinds CERT-In lists, its 6-hour clock (CERT-In directions 2022)."""

    class DataKind(models.TextChoices):
        CONTACT = "contact", _("Contact details (phone, name, district)")
        COMPLAINTS = "complaints", _("Complaints and transactions")
        EVIDENCE = "evidence", _("Evidence files")
        ALERTS = "alerts", _("Alert deliveries")

    class Incident(models.TextChoices):
        """The incident kinds of CERT-In's directions of 28 April 2022 (Annexure I) most relevant here."""

        NONE = "", _("Not a CERT-In reportable incident")
        SCANNING = "scanning", _("Targeted scanning or probing of critical systems")
        COMPROMISE = "compromise", _("Compromise of critical systems or information")
        UNAUTHORISED_ACCESS = "unauthorised_access", _("Unauthorised access to IT systems or data")
        DEFACEMENT = "defacement", _("Website defacement or intrusion")
        MALICIOUS_CODE = "malicious_code", _("Malicious code (virus, ransomware, …)")
        SERVER_ATTACK = "server_attack", _("Attack on servers (database, mail, DNS) or network devices")
        IDENTITY_THEFT = "identity_theft", _("Identity theft, spoofing or phishing")
        DENIAL_OF_SERVICE = "dos", _("Denial of service (DoS / DDoS)")
        DATA_BREACH = "data_breach", _("Data breach")
        DATA_LEAK = "data_leak", _("Data leak")
        CLOUD = "cloud", _("Attack on or suspicious activity in cloud systems")

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("what happened"), blank=True)
    suspected_at = models.DateTimeField(_("suspected at"), help_text=_("When it was first noticed: the clocks start."))
    incident_kind = models.CharField(_("CERT-In incident kind"), max_length=24, choices=Incident.choices, blank=True)
    data_kinds = models.JSONField(_("affected data kinds"), default=list, blank=True)
    affected_from = models.DateTimeField(_("affected from"))
    affected_to = models.DateTimeField(_("affected until"))
    board_reported_at = models.DateTimeField(_("reported to the Board"), null=True, blank=True)
    cert_in_reported_at = models.DateTimeField(_("reported to CERT-In"), null=True, blank=True)
    # When the admins were told a clock ran out unreported (once per clock: privacy.breaches.breach_clocks_escalate).
    board_escalated_at = models.DateTimeField(_("escalated: not reported to the Board"), null=True, blank=True)
    cert_in_escalated_at = models.DateTimeField(_("escalated: not reported to CERT-In"), null=True, blank=True)
    citizens_notified_at = models.DateTimeField(_("citizens notified"), null=True, blank=True)
    citizens_notified = models.PositiveIntegerField(_("citizens notified (count)"), default=0)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("breach")
        verbose_name_plural = _("breach register")
        ordering = ["-suspected_at"]

    def __str__(self) -> str:
        return self.title
