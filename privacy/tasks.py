"""Celery tasks of privacy (thin: one service call each)."""

from celery import shared_task

from privacy.retention import retention_purge


@shared_task(name="privacy.retention_purge", acks_late=True)
def retention_purge_task(kind: str) -> int:
    """Runs one kind's retention purge (privacy.retention.RULES)."""
    return retention_purge(kind=kind)
