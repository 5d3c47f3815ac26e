"""The clocks of restitution (the daily beat job, and what the console shows):

- each hold lapses RESTITUTION_HOLD_DAYS (90) after it was put unless an order is recorded on its case: warned
  RESTITUTION_WARN_DAYS (15 and 3) days before — the victim is told, the handler and admins get one email per person
  per run listing their holds — and at the lapse the hold is marked lapsed (the case lapses when none is left and
  nothing came back);
- a refund request not answered in full by its due time (RESTITUTION_REFUND_DUE_DAYS) is escalated once, by email.

Each step is claimed with one conditional UPDATE, so two runs never warn, lapse or escalate twice.
"""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.staff_mail import Digest, admin_emails, escalation_people
from fraudsafe.money import format_inr
from fraudsafe.tasking import task_enqueue
from recovery.models import RefundRequest, RestitutionCase, RestitutionEvent, RestitutionHold
from recovery.restitution_refunds import settle

logger = logging.getLogger(__name__)
LIVE = Q(lapsed_at__isnull=True, released_at__isnull=True, case__order_recorded_at__isnull=True) & ~Q(
    case__status__in=RestitutionCase.CLOSED
)


def hold_warning(hold: RestitutionHold, now: datetime | None = None) -> int | None:
    """For the console: 15 or 3 when the hold lapses within that many days without an order (0 when lapsed)."""
    if hold.lapsed_at or hold.released_at or hold.case.has_order:
        return 0 if hold.lapsed_at else None
    left = hold.lapses_at - (now or timezone.now())
    for days in sorted(settings.RESTITUTION_WARN_DAYS):
        if left <= timedelta(days=days):
            return days
    return None


def _claim(model, queryset, field: str, now: datetime) -> list:
    ids = list(queryset.values_list("pk", flat=True)[: settings.RESTITUTION_BATCH])
    if not ids:
        return []
    model.objects.filter(pk__in=ids, **{f"{field}__isnull": True}).update(**{field: now})
    return list(model.objects.filter(pk__in=ids, **{field: now}).select_related("case__complaint__handler", "bank"))


def restitution_clocks_run(*, now: datetime | None = None) -> dict[str, int]:
    """The beat job. Returns how many holds were warned, lapsed, and refund requests escalated."""
    now = now or timezone.now()
    warned: list[tuple[RestitutionHold, int]] = []
    far, near = sorted(settings.RESTITUTION_WARN_DAYS, reverse=True)[:2]
    for days, field in ((near, "warned_3_at"), (far, "warned_15_at")):  # nearest first
        due = RestitutionHold.objects.filter(LIVE, lapses_at__lte=now + timedelta(days=days), lapses_at__gt=now)
        for hold in _claim(RestitutionHold, due.filter(**{f"{field}__isnull": True}), field, now):
            if field == "warned_3_at" and hold.warned_15_at is None:  # started inside 3 days: one warning, not two
                RestitutionHold.objects.filter(pk=hold.pk).update(warned_15_at=now)
            warned.append((hold, days))
    lapsed = _claim(RestitutionHold, RestitutionHold.objects.filter(LIVE, lapses_at__lte=now), "lapsed_at", now)
    overdue = _claim(
        RefundRequest,
        RefundRequest.objects.filter(status__in=RefundRequest.OPEN, due_at__lte=now, escalated_at__isnull=True),
        "escalated_at",
        now,
    )
    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
        _record(warned, lapsed, overdue, now)
    _email(warned, lapsed, overdue)
    return {"warned": len(warned), "lapsed": len(lapsed), "refunds_escalated": len(overdue)}


def _record(warned, lapsed, overdue, now) -> None:
    events = [
        RestitutionEvent(
            case=h.case,
            kind=RestitutionEvent.Kind.WARNED,
            amount=h.share,
            created_at=now,
            note=_("%(bank)s: the hold lapses on %(day)s") % _hold_words(h),
        )
        for h, _d in warned
    ]
    events += [
        RestitutionEvent(
            case=h.case, kind=RestitutionEvent.Kind.LAPSED, amount=h.share, created_at=now, note=h.bank.name
        )
        for h in lapsed
    ]
    events += [RestitutionEvent(case=r.case, refund=r, kind=RestitutionEvent.Kind.ESCALATED, amount=r.amount,
                                created_at=now, note=_("%(bank)s has not refunded in time") % {"bank": r.bank.name})
               for r in overdue]  # fmt: skip
    RestitutionEvent.objects.bulk_create(events)
    for hold, days in warned:
        step = f"lapsing{days}"
        task_enqueue("recovery.tasks.restitution_notify_task", hold.case_id, step, hold.pk, on_commit=True)
    for case in {h.case_id: h.case for h in lapsed}.values():
        settle(case)


def _hold_words(hold: RestitutionHold) -> dict:
    return {"bank": hold.bank.name, "day": timezone.localtime(hold.lapses_at).strftime("%d %b %Y")}


def _email(warned, lapsed, overdue) -> None:
    if not (warned or lapsed or overdue):
        return
    admins = admin_emails()
    digest = Digest()
    base = settings.FRAUDSAFE_PUBLIC_URL.rstrip("/")
    with translation.override(settings.LANGUAGE_CODE):
        lines = [
            (
                h.case,
                _("hold at %(bank)s, ₹%(amount)s, lapses on %(day)s without an order")
                % {**_hold_words(h), "amount": format_inr(h.share)},
            )
            for h, _d in warned
        ]
        lines += [
            (
                h.case,
                _("hold at %(bank)s, ₹%(amount)s, lapsed without an order")
                % {"bank": h.bank.name, "amount": format_inr(h.share)},
            )
            for h in lapsed
        ]
        lines += [(r.case, _("refund of ₹%(amount)s asked of %(bank)s is overdue")
                   % {"bank": r.bank.name, "amount": format_inr(r.amount - r.refunded)}) for r in overdue]  # fmt: skip
        for case, what in lines:
            complaint = case.complaint
            line = f"{complaint.ack_number}: {what} {base}{reverse('console-complaint', args=[complaint.pk])}"
            people = escalation_people(
                admins=admins, handler=complaint.handler, extra=settings.RECOVERY_ESCALATION_EMAILS
            )
            digest.add(line, people)
        digest.send(
            subject=_("FraudSafe: money to return is at risk"),
            intro=_("These holds lapse soon (or lapsed) without an order, or a bank is late with a refund."),
        )
