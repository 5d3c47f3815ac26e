"""The wrongly frozen: an account holder who says a hold on their account is wrong (a grievance), the evidence they
give, and the staff's decision (upheld: the hold lifted or reduced to the disputed amount; or rejected).

Imported at the end of recovery.models so that Django finds the model.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class HoldGrievance(models.Model):
    """One account holder's grievance against one hold (a freeze request on hold), and its decision."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        UPHELD = "upheld", _("Upheld")
        REJECTED = "rejected", _("Rejected")

    class Outcome(models.TextChoices):
        LIFTED = "lifted", _("Hold lifted")
        REDUCED = "reduced", _("Hold reduced to the disputed amount")

    class Channel(models.TextChoices):
        BANK = "bank", _("Through the bank (API)")
        STAFF = "staff", _("Recorded by staff")

    freeze_request = models.ForeignKey(
        "recovery.FreezeRequest", on_delete=models.CASCADE, related_name="grievances", verbose_name=_("hold")
    )
    bank = models.ForeignKey("recovery.Bank", on_delete=models.PROTECT, related_name="+", verbose_name=_("bank"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.RECEIVED)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, blank=True)
    # Who complains, and how they reached us.
    holder_name = models.CharField(_("account holder's name"), max_length=150)
    holder_contact = models.CharField(_("account holder's phone or email"), max_length=150)
    channel = models.CharField(_("received"), max_length=8, choices=Channel.choices)
    statement = models.TextField(_("statement"))
    evidence = models.TextField(_("evidence given"), blank=True)
    documents = models.TextField(
        _("documents"), blank=True, help_text=_("References of the documents given, one a line (e.g. salary slip).")
    )
    # The hold when the grievance came, and the evidence linking the account to the complaint.
    amount_held = models.DecimalField(_("amount held when received"), max_digits=14, decimal_places=2)
    weaker_evidence = models.BooleanField(_("weaker evidence"), default=False)
    evidence_basis = models.TextField(_("why the account is held"), blank=True)
    # The decision.
    release_amount = models.DecimalField(_("amount released"), max_digits=14, decimal_places=2, null=True, blank=True)
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("decided by"),
    )  # fmt: skip
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("recorded by"),
    )  # fmt: skip
    partner = models.ForeignKey(
        "recovery.BankPartner", null=True, blank=True, on_delete=models.SET_NULL, related_name="grievances",
        verbose_name=_("filed by bank partner"),
    )  # fmt: skip
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    due_at = models.DateTimeField(_("decide by"))

    class Meta:
        verbose_name = _("hold grievance")
        verbose_name_plural = _("hold grievances (wrongly frozen)")
        ordering = ["-received_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["freeze_request"], condition=Q(status="received"), name="grievance_one_open_per_hold"
            ),
            models.CheckConstraint(
                condition=Q(release_amount__isnull=True)
                | (Q(release_amount__gte=0) & Q(release_amount__lte=models.F("amount_held"))),
                name="grievance_release_within_held",
            ),
        ]
        indexes = [models.Index(fields=["bank", "status"], name="grievance_bank_status_idx")]

    def __str__(self) -> str:
        return f"grievance #{self.pk} on hold #{self.freeze_request_id}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.RECEIVED

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_at < timezone.now()

    @property
    def lien_after(self):
        """What stays held after the decision (the disputed amount when reduced)."""
        if self.release_amount is None:
            return self.amount_held
        return self.amount_held - self.release_amount
