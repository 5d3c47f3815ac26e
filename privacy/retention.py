"""Retention per kind of data (DPDP Rules 2025 r. 8, CERT-In directions 2022): one rule per kind, its period from
settings, what would go (`retention_purge --dry-run`) and a purge job each (beat: privacy/schedules.py).

Purges that existed before are owned where they were and only listed here, never duplicated: the conversation's
saved answers (complaints.services.conversation_sessions_purge, 24 h after a conversation is abandoned, which also
removes abandoned evidence) and audit entries (accounts.services.audit_purge, AUDIT_RETENTION_DAYS, at least a year).

Never purged: the files of a complaint under investigation (pending or in progress), of one with a freeze request
still open at a bank, or of a citizen under a legal hold (privacy.models.LegalHold).
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from accounts.models import AuditEntry
from accounts.services import audit_purge
from alerts.models import Delivery
from complaints.conversation import ABANDON_AFTER
from complaints.models import Complaint, ConversationSession, Evidence
from complaints.services import conversation_sessions_purge
from privacy.models import LegalHold
from recovery.models import FreezeRequest

logger = logging.getLogger(__name__)
OPEN_FREEZES = (FreezeRequest.Status.SENT, FreezeRequest.Status.ACKNOWLEDGED, FreezeRequest.Status.ON_HOLD)


@dataclass(frozen=True)
class Rule:
    kind: str
    period: Callable[[], timedelta]
    pending: Callable[[datetime], int]  # how many items would go now
    purge: Callable[[datetime], int]  # removes them; returns how many went


def closed_complaints(*, now: datetime) -> QuerySet[Complaint]:
    """Complaints whose files may go: closed (resolved or rejected) for the period, no freeze open at a bank, the
    citizen under no legal hold. Under investigation (pending, in progress) is never in it."""
    cutoff = now - timedelta(days=settings.RETENTION_CASE_FILES_DAYS)
    return (
        Complaint.objects.filter(
            status__in=(Complaint.Status.RESOLVED, Complaint.Status.REJECTED), updated_at__lt=cutoff
        )
        .exclude(pk__in=FreezeRequest.objects.filter(status__in=OPEN_FREEZES).values("complaint_id"))
        .exclude(citizen_id__in=_held_citizens())
    )


def _held_citizens() -> QuerySet:
    return LegalHold.objects.filter(released_at__isnull=True).values("citizen_id")


def _evidence(now: datetime) -> QuerySet[Evidence]:
    return Evidence.objects.filter(complaint__in=closed_complaints(now=now))


def _evidence_purge(now: datetime) -> int:
    count = 0
    for row in _evidence(now).iterator():
        if row.file.name:
            row.file.storage.delete(row.file.name)
        row.delete()
        count += 1
    return count


def _pdfs(now: datetime) -> QuerySet[Complaint]:
    return closed_complaints(now=now).exclude(pdf="")


def _pdfs_purge(now: datetime) -> int:
    count = 0
    for complaint in _pdfs(now).only("pk", "pdf").iterator():
        complaint.pdf.storage.delete(complaint.pdf.name)
        Complaint.objects.filter(pk=complaint.pk).update(pdf="")
        count += 1
    return count


def _deliveries(now: datetime) -> QuerySet[Delivery]:
    """Finished delivery records older than the period (a queued or sending one is never removed), except those of a
    citizen under a legal hold."""
    cutoff = now - timedelta(days=settings.RETENTION_DELIVERY_DAYS)
    finished = Delivery.objects.filter(created_at__lt=cutoff).exclude(
        status__in=(Delivery.Status.PENDING, Delivery.Status.SENDING)
    )
    return finished.exclude(citizen_id__in=_held_citizens())


def _deliveries_purge(now: datetime) -> int:
    return _deliveries(now).delete()[1].get(Delivery._meta.label, 0)


def _abandoned_sessions(now: datetime) -> int:
    return ConversationSession.objects.filter(last_message_at__lt=now - ABANDON_AFTER).exclude(state={}).count()


def _log_files(now: datetime) -> list[Path]:
    """Rotated web and API log files in LOG_DIR (when the operator writes logs there) older than the period."""
    if not settings.LOG_DIR:
        return []
    cutoff = (now - timedelta(days=settings.RETENTION_LOG_DAYS)).timestamp()
    folder = Path(settings.LOG_DIR)
    return sorted(p for p in folder.glob("*.log*") if p.is_file() and p.stat().st_mtime < cutoff)


def _log_files_purge(now: datetime) -> int:
    files = _log_files(now)
    for path in files:
        path.unlink(missing_ok=True)
    return len(files)


def _audit(now: datetime) -> int:
    return AuditEntry.objects.filter(created_at__lt=now - timedelta(days=settings.AUDIT_RETENTION_DAYS)).count()


RULES = {
    rule.kind: rule
    for rule in (
        Rule("conversation_sessions", lambda: ABANDON_AFTER, _abandoned_sessions,
             lambda now: conversation_sessions_purge(now=now)),
        Rule("delivery_records", lambda: timedelta(days=settings.RETENTION_DELIVERY_DAYS),
             lambda now: _deliveries(now).count(), _deliveries_purge),
        Rule("evidence_files", lambda: timedelta(days=settings.RETENTION_CASE_FILES_DAYS),
             lambda now: _evidence(now).count(), _evidence_purge),
        Rule("complaint_pdfs", lambda: timedelta(days=settings.RETENTION_CASE_FILES_DAYS),
             lambda now: _pdfs(now).count(), _pdfs_purge),
        Rule("audit_entries", lambda: timedelta(days=settings.AUDIT_RETENTION_DAYS), _audit,
             lambda now: audit_purge(now=now)),
        Rule("log_files", lambda: timedelta(days=settings.RETENTION_LOG_DAYS),
             lambda now: len(_log_files(now)), _log_files_purge),
    )
}  # fmt: skip


def retention_report(*, now: datetime | None = None) -> list[tuple[str, timedelta, int]]:
    """(kind, period, items that would go now) for every rule: the dry run."""
    now = now or timezone.now()
    return [(rule.kind, rule.period(), rule.pending(now)) for rule in RULES.values()]


def retention_purge(*, kind: str, now: datetime | None = None) -> int:
    """Runs one kind's purge; returns how many items went."""
    removed = RULES[kind].purge(now or timezone.now())
    logger.info("retention: %s purged %d", kind, removed)
    return removed
