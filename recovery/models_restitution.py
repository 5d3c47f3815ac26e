"""Getting the money back: a restitution case per complaint with money held, its share of each bank hold (with the
hold's lapse clock), the refund requests to the banks and the case's history.

Imported at the end of recovery.models so that Django finds the models.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class RestitutionCase(models.Model):
    """One per complaint with money held: what can be claimed (the holds' shares, capped at the loss), the route
    the rule chose, the order when the route needs one, and how much came back."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        REQUESTED = "requested", _("Refund requested")
        PARTLY_REFUNDED = "partly_refunded", _("Partly refunded")
        REFUNDED = "refunded", _("Refunded")
        DECLINED = "declined", _("Declined")
        LAPSED = "lapsed", _("Lapsed")

    class Route(models.TextChoices):
        ADMINISTRATIVE = "administrative", _("Bank refund on police request")
        COURT = "court", _("Court order (s.503 BNSS)")
        LOK_ADALAT = "lok_adalat", _("Lok Adalat award")

    complaint = models.OneToOneField(
        "complaints.Complaint", on_delete=models.CASCADE, related_name="restitution", verbose_name=_("complaint")
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.OPEN)
    route = models.CharField(_("route"), max_length=16, choices=Route.choices)
    loss = models.DecimalField(_("amount lost"), max_digits=14, decimal_places=2)
    claimable = models.DecimalField(_("amount claimable"), max_digits=14, decimal_places=2)
    refunded = models.DecimalField(_("amount refunded"), max_digits=14, decimal_places=2, default=0)
    rule = models.TextField(_("rule applied"), blank=True)
    order_number = models.CharField(_("order number"), max_length=80, blank=True)
    order_date = models.DateField(_("order date"), null=True, blank=True)
    order_amount = models.DecimalField(_("amount ordered"), max_digits=14, decimal_places=2, null=True, blank=True)
    order_court = models.CharField(_("court / Lok Adalat"), max_length=200, blank=True)
    order_recorded_at = models.DateTimeField(_("order recorded"), null=True, blank=True)
    opened_at = models.DateTimeField(_("opened"), default=timezone.now)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    CLOSED = (Status.REFUNDED, Status.DECLINED, Status.LAPSED)

    class Meta:
        verbose_name = _("restitution case")
        verbose_name_plural = _("restitution cases")
        ordering = ["-opened_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(claimable__lte=models.F("loss")), name="restitution_capped_at_loss"),
            models.CheckConstraint(condition=Q(refunded__gte=0), name="restitution_refunded_not_negative"),
        ]
        indexes = [models.Index(fields=["status", "opened_at"], name="restitution_status_idx")]

    def __str__(self) -> str:
        return f"restitution of complaint #{self.complaint_id}"

    @property
    def needs_order(self) -> bool:
        return self.route != self.Route.ADMINISTRATIVE

    @property
    def has_order(self) -> bool:
        return self.order_recorded_at is not None


class RestitutionHold(models.Model):
    """The case's share of one bank hold (a freeze request on hold), with the hold's lapse clock: a hold is lifted
    RESTITUTION_HOLD_DAYS after it was put unless an order exists."""

    case = models.ForeignKey(RestitutionCase, on_delete=models.CASCADE, related_name="holds")
    freeze_request = models.OneToOneField(
        "recovery.FreezeRequest", on_delete=models.CASCADE, related_name="restitution_hold",
        verbose_name=_("freeze request"),
    )  # fmt: skip
    bank = models.ForeignKey("recovery.Bank", on_delete=models.PROTECT, related_name="+", verbose_name=_("bank"))
    pool = models.DecimalField(_("held in the account"), max_digits=14, decimal_places=2)
    claimants = models.PositiveSmallIntegerField(_("victims claiming it"), default=1)
    share = models.DecimalField(_("this victim's share"), max_digits=14, decimal_places=2)
    rule = models.TextField(_("rule applied"), blank=True)
    held_at = models.DateTimeField(_("held since"))
    lapses_at = models.DateTimeField(_("lapses"))
    warned_15_at = models.DateTimeField(_("warned 15 days before"), null=True, blank=True)
    warned_3_at = models.DateTimeField(_("warned 3 days before"), null=True, blank=True)
    lapse_escalated_at = models.DateTimeField(_("lapse escalated"), null=True, blank=True)
    released_at = models.DateTimeField(_("lien released"), null=True, blank=True)
    lapsed_at = models.DateTimeField(_("lapsed"), null=True, blank=True)

    class Meta:
        verbose_name = _("restitution hold")
        verbose_name_plural = _("restitution holds")
        ordering = ["case", "lapses_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(share__lte=models.F("pool")), name="restitution_share_within_pool")
        ]
        indexes = [models.Index(fields=["lapses_at"], name="restitution_hold_lapse_idx")]

    def __str__(self) -> str:
        return f"hold #{self.freeze_request_id} ({self.share})"


class RefundRequest(models.Model):
    """The police's request to one bank to return the case's share of its holds to the victim's account."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        PARTLY_REFUNDED = "partly_refunded", _("Partly refunded")
        REFUNDED = "refunded", _("Refunded")
        DECLINED = "declined", _("Declined")

    case = models.ForeignKey(RestitutionCase, on_delete=models.CASCADE, related_name="refund_requests")
    bank = models.ForeignKey("recovery.Bank", on_delete=models.PROTECT, related_name="refund_requests")
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.REQUESTED)
    amount = models.DecimalField(_("amount asked"), max_digits=14, decimal_places=2)
    refunded = models.DecimalField(_("amount refunded"), max_digits=14, decimal_places=2, default=0)
    to_account = models.CharField(_("victim's account"), max_length=100, blank=True)
    to_bank = models.CharField(_("victim's bank"), max_length=100, blank=True)
    reason = models.TextField(_("reason declined"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    due_at = models.DateTimeField(_("refund by"))
    escalated_at = models.DateTimeField(_("escalated"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    OPEN = (Status.REQUESTED, Status.PARTLY_REFUNDED)

    class Meta:
        verbose_name = _("refund request")
        verbose_name_plural = _("refund requests")
        ordering = ["requested_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="refund_amount_positive"),
            models.CheckConstraint(condition=Q(refunded__lte=models.F("amount")), name="refund_within_asked"),
            models.UniqueConstraint(
                fields=["case", "bank"], condition=Q(status__in=["requested", "partly_refunded"]),
                name="refund_one_open_per_bank",
            ),
        ]  # fmt: skip
        indexes = [models.Index(fields=["bank", "status"], name="refund_bank_status_idx")]

    def __str__(self) -> str:
        return f"refund #{self.pk} {self.bank_id} {self.amount}"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN


class RestitutionEvent(models.Model):
    """One step of a case's history (every refund with its UTR, orders, declines, releases, lapses, warnings)."""

    class Kind(models.TextChoices):
        OPENED = "opened", _("Case opened")
        ORDER = "order", _("Order recorded")
        REQUESTED = "requested", _("Refund requested")
        REFUNDED = "refunded", _("Refund confirmed by the bank")
        DECLINED = "declined", _("Refund declined by the bank")
        RELEASED = "released", _("Lien released by the bank")
        WARNED = "warned", _("Hold about to lapse")
        ESCALATED = "escalated", _("Escalated")
        LAPSED = "lapsed", _("Hold lapsed")
        GRIEVANCE = "grievance", _("Account holder's grievance")

    case = models.ForeignKey(RestitutionCase, on_delete=models.CASCADE, related_name="events")
    refund = models.ForeignKey(RefundRequest, null=True, blank=True, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2, null=True, blank=True)
    utr = models.CharField(_("UTR"), max_length=64, blank=True)
    on_date = models.DateField(_("date"), null=True, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    partner = models.CharField(_("bank partner"), max_length=100, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("time"), default=timezone.now)

    class Meta:
        verbose_name = _("restitution event")
        verbose_name_plural = _("restitution events")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["refund", "utr"], condition=Q(kind="refunded") & ~Q(utr=""), name="refund_utr_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} (case #{self.case_id})"
