from celery import shared_task

from fraudsafe.outbox import outbox_flush


@shared_task
def ping(value: str = "pong") -> str:
    """Round-trip check used by tests and operators (`celery call fraudsafe.tasks.ping`)."""
    return value


@shared_task(bind=True, acks_late=True)
def outbox_flush_task(self) -> int:
    return outbox_flush(app=self.app)
