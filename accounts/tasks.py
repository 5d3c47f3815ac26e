"""Celery tasks of people and access (thin: one service call each)."""

from celery import shared_task

from accounts.services import audit_purge


@shared_task(acks_late=True)
def audit_purge_task() -> int:
    """Removes audit entries older than AUDIT_RETENTION_DAYS."""
    return audit_purge()
