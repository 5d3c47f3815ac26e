"""Celery tasks of privacy (thin: one service call each)."""

import logging

from celery import shared_task

from privacy.breaches import breaches_overdue
from privacy.retention import retention_purge

logger = logging.getLogger(__name__)


@shared_task(acks_late=True)
def retention_purge_task(kind: str) -> int:
    """Runs one kind's retention purge (privacy.retention.RULES)."""
    return retention_purge(kind=kind)


@shared_task(acks_late=True)
def breach_clocks_check_task() -> int:
    """Logs an error (mailed to the admins where logging does) for each breach clock run out unreported."""
    overdue = breaches_overdue()
    for breach, clock in overdue:
        logger.error("breach %s: the %s report was due at %s and is not recorded", breach.pk, clock.name, clock.due_at)
    return len(overdue)
