"""Celery tasks of complaint intake (thin: each calls one service)."""

from celery import shared_task

from complaints.services import conversation_sessions_purge


@shared_task(acks_late=True)
def conversation_sessions_purge_task() -> int:
    return conversation_sessions_purge()
