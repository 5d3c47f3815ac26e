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
