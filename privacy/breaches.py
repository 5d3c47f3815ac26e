"""The breach register: the clocks from suspicion (the Board: DPDP_BREACH_REPORT_HOURS; CERT-In, for the incident
kinds it lists: CERT_IN_REPORT_HOURS) and the notice to the affected citizens, chosen by the data kinds and dates
affected, each in their language (alert template settings.BREACH_NOTICE_TEMPLATE, queued as one case-update alert
after staff saw a preview and confirmed)."""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from accounts.models import Citizen
from accounts.staff_mail import Digest, admin_emails, escalation_people
from alerts.audience import Audience
from alerts.models import Alert, AlertTemplate
from alerts.rendering import render_preview
from fraudsafe.tasking import task_enqueue
from privacy.models import Breach

logger = logging.getLogger(__name__)
ESCALATED_FIELD = {"board": "board_escalated_at", "cert_in": "cert_in_escalated_at"}


@dataclass(frozen=True)
class Clock:
    name: str  # "board" | "cert_in"
    due_at: datetime
    reported_at: datetime | None

    def overdue(self, now: datetime) -> bool:
        return self.reported_at is None and now > self.due_at

    def left(self, now: datetime) -> timedelta:
        return self.due_at - now


def breach_clocks(breach: Breach) -> list[Clock]:
    """The Board's clock always; CERT-In's when the incident is of a listed kind."""
    clocks = [Clock("board", breach.suspected_at + timedelta(hours=settings.DPDP_BREACH_REPORT_HOURS),
                    breach.board_reported_at)]  # fmt: skip
    if breach.incident_kind:
        due = breach.suspected_at + timedelta(hours=settings.CERT_IN_REPORT_HOURS)
        clocks.append(Clock("cert_in", due, breach.cert_in_reported_at))
    return clocks


def breaches_overdue(*, now: datetime | None = None) -> list[tuple[Breach, Clock]]:
    now = now or timezone.now()
    return [(b, c) for b in Breach.objects.all() for c in breach_clocks(b) if c.overdue(now)]


def breach_clocks_escalate(*, now: datetime | None = None) -> int:
    """The beat job: tells the admins, once per clock, that a report is overdue (one email per person listing
    every newly overdue clock). Each clock is claimed by a conditional UPDATE, so a concurrent run never tells
    twice. Returns how many clocks were escalated."""
    now = now or timezone.now()
    claimed: list[tuple[Breach, Clock]] = []
    for breach, clock in breaches_overdue(now=now):
        field = ESCALATED_FIELD[clock.name]
        if getattr(breach, field) is None and Breach.objects.filter(pk=breach.pk, **{f"{field}__isnull": True}).update(
            **{field: now}
        ):
            claimed.append((breach, clock))
    if claimed:
        _escalation_email(claimed)
    return len(claimed)


def _escalation_email(claimed: list[tuple[Breach, Clock]]) -> None:
    base = settings.FRAUDSAFE_PUBLIC_URL.rstrip("/")
    people = escalation_people(admins=admin_emails(), extra=[settings.CERT_IN_CONTACT_EMAIL])
    digest = Digest()
    with translation.override(settings.LANGUAGE_CODE):
        for breach, clock in claimed:
            logger.error("breach %s: the %s report was due at %s and is not recorded", breach.pk, clock.name,
                         clock.due_at)  # fmt: skip
            whom = _("the Data Protection Board") if clock.name == "board" else _("CERT-In")
            digest.add(_("%(title)s: the report to %(whom)s was due %(due)s %(link)s") % {
                "title": breach.title, "whom": whom,
                "due": timezone.localtime(clock.due_at).strftime("%d %b %Y, %H:%M %Z"),
                "link": base + reverse("admin:privacy_breach_change", args=[breach.pk]),
            }, people)  # fmt: skip
        digest.send(
            subject=_("FraudSafe: breach reports overdue"),
            intro=_("These breach reports are overdue. File them, then record the time on the breach register."),
        )


def affected_citizens(breach: Breach) -> QuerySet[Citizen]:
    """Citizens whose data of the affected kinds existed in the affected period."""
    start, end = breach.affected_from, breach.affected_to
    kinds = set(breach.data_kinds)
    match = Q(pk__in=[])
    if Breach.DataKind.CONTACT in kinds:
        match |= Q(created_at__lte=end)
    if Breach.DataKind.COMPLAINTS in kinds:
        match |= Q(complaints__created_at__lte=end)
    if Breach.DataKind.EVIDENCE in kinds:
        from complaints.models import Evidence

        match |= Q(phone__in=Evidence.objects.filter(received_at__lte=end).values("phone"))
    if Breach.DataKind.ALERTS in kinds:
        match |= Q(deliveries__created_at__range=(start, end))
    return Citizen.objects.filter(match).distinct()


def _context(breach: Breach, language: str) -> dict:
    with translation.override(language):
        labels = dict(Breach.DataKind.choices)
        what = ", ".join(str(labels[k]) for k in breach.data_kinds if k in labels)
        when = f"{formats.date_format(timezone.localtime(breach.affected_from), 'SHORT_DATE_FORMAT')} – " + (
            formats.date_format(timezone.localtime(breach.affected_to), "SHORT_DATE_FORMAT")
        )
    url = settings.FRAUDSAFE_PUBLIC_URL.rstrip("/") + reverse("privacy:notice") + f"?lang={language}"
    return {"breach_what": what, "breach_when": when, "notice_url": url}


def notice_preview(breach: Breach) -> list[dict]:
    """Per language of the affected citizens: how many, and the WhatsApp text they would get. Nothing is queued."""
    counts = affected_citizens(breach).order_by().values("language").annotate(n=Count("id", distinct=True))
    templates = AlertTemplate.objects.filter(key=settings.BREACH_NOTICE_TEMPLATE, channel="whatsapp", is_active=True)
    by_language = {t.language: t for t in templates}
    preview = []
    for row in sorted(counts, key=lambda r: r["language"]):
        template = by_language.get(row["language"]) or by_language.get(settings.LANGUAGE_CODE)
        body = render_preview(template, _context(breach, template.language)).body if template else ""
        preview.append({"language": row["language"], "count": row["n"], "body": body})
    return preview


def citizens_notify(*, breach: Breach) -> int:
    """Queues the notice to every affected citizen (call only after a confirmed preview); returns how many.

    One case-update alert per language (the context carries that language's wording of the kinds and dates),
    consent applies, caps do not. Notifying twice is refused: the register keeps the first time."""
    with transaction.atomic():
        breach = Breach.objects.select_for_update().get(pk=breach.pk)
        if breach.citizens_notified_at is not None:
            return 0
        total = 0
        by_language: dict[str, list[int]] = {}
        for pk, language in affected_citizens(breach).values_list("pk", "language"):
            by_language.setdefault(language or settings.LANGUAGE_CODE, []).append(pk)
        for language, ids in by_language.items():
            alert = Alert.objects.create(
                kind=Alert.Kind.NOTICE, audience=Audience.of_citizens(ids).to_json(),
                template_key=settings.BREACH_NOTICE_TEMPLATE, channels=list(settings.ALERTS_NOTICE_CHANNELS),
                context=_context(breach, language), send_at=timezone.now(), critical=True,
                reference=f"breach-{breach.pk}", status=Alert.Status.SCHEDULED,
            )  # fmt: skip
            task_enqueue("alerts.tasks.alert_fan_out_task", alert.pk, on_commit=True)
            total += len(ids)
        Breach.objects.filter(pk=breach.pk).update(citizens_notified_at=timezone.now(), citizens_notified=total)
    return total
