"""Celery tasks of privacy (thin: one service call each)."""

from celery import shared_task

from privacy.breaches import breach_clocks_escalate
from privacy.retention import retention_purge


@shared_task(acks_late=True)
def retention_purge_task(kind: str) -> int:
    """Runs one kind's retention purge (privacy.retention.RULES)."""
    return retention_purge(kind=kind)


@shared_task(acks_late=True)
def breach_clocks_check_task() -> int:
    """Tells the admins, once per clock, of each breach report run out unreported."""
    return breach_clocks_escalate()
