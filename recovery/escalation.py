"""Deadlines: a request not acknowledged within RECOVERY_ACK_MINUTES, or not answered within
RECOVERY_ANSWER_MINUTES of being sent, is escalated once per deadline — to the complaint's handler and the
admins by email (one email per person per run, listing their overdue requests), and on the console (the money
trail marks it overdue; /console/money-trail/ lists every overdue request).
"""

import logging
from datetime import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.staff_mail import Digest, admin_emails, escalation_people
from fraudsafe.money import format_inr
from recovery.models import FreezeEvent, FreezeRequest

logger = logging.getLogger(__name__)

Status = FreezeRequest.Status


def _claim(queryset, field: str, now: datetime) -> list[FreezeRequest]:
    """Marks the overdue requests escalated in one conditional UPDATE (a concurrent run claims none twice)."""
    ids = list(queryset.values_list("pk", flat=True)[: settings.RECOVERY_ESCALATION_BATCH])
    if not ids:
        return []
    FreezeRequest.objects.filter(pk__in=ids, **{f"{field}__isnull": True}).update(**{field: now})
    return list(FreezeRequest.objects.filter(pk__in=ids, **{field: now}).select_related("bank", "complaint__handler"))


def freeze_requests_escalate(*, now: datetime | None = None) -> dict[str, int]:
    """The beat job: escalates every newly overdue request once per deadline. Returns counts per deadline."""
    now = now or timezone.now()
    not_acknowledged = _claim(
        FreezeRequest.objects.filter(status=Status.SENT, ack_due_at__lte=now, ack_escalated_at__isnull=True),
        "ack_escalated_at",
        now,
    )
    not_answered = _claim(
        FreezeRequest.objects.filter(
            status__in=FreezeRequest.OPEN, answer_due_at__lte=now, answer_escalated_at__isnull=True
        ),
        "answer_escalated_at",
        now,
    )
    overdue = [(r, "ack") for r in not_acknowledged] + [(r, "answer") for r in not_answered]
    if overdue:
        with translation.override(settings.LANGUAGE_CODE):
            FreezeEvent.objects.bulk_create(
                [
                    FreezeEvent(request=r, kind=FreezeEvent.Kind.ESCALATED, note=_what(deadline), created_at=now)
                    for r, deadline in overdue
                ]
            )
        _email(overdue)
    return {"not_acknowledged": len(not_acknowledged), "not_answered": len(not_answered)}


def _what(deadline: str) -> str:
    return _("not acknowledged in time") if deadline == "ack" else _("not answered in time")


def _email(overdue: list[tuple[FreezeRequest, str]]) -> None:
    admins = admin_emails()
    digest = Digest()
    base = settings.FRAUDSAFE_PUBLIC_URL.rstrip("/")
    with translation.override(settings.LANGUAGE_CODE):
        for request, deadline in overdue:
            due = request.ack_due_at if deadline == "ack" else request.answer_due_at
            line = _("%(ack)s, layer %(layer)s, %(bank)s, ₹%(amount)s: %(what)s (due %(due)s) %(link)s") % {
                "ack": request.ack_number,
                "layer": request.layer,
                "bank": request.bank.name,
                "amount": format_inr(request.amount),
                "what": _what(deadline),
                "due": timezone.localtime(due).strftime("%d %b %Y, %H:%M %Z"),
                "link": base + reverse("console-complaint", args=[request.complaint_id]),
            }
            people = escalation_people(
                admins=admins, handler=request.complaint.handler, extra=settings.RECOVERY_ESCALATION_EMAILS
            )
            digest.add(line, people)
        subject = _("FraudSafe: freeze requests overdue")
        intro = _("These freeze requests have passed their deadline. Call the bank, or re-send them from the console.")
        digest.send(subject=subject, intro=intro)
