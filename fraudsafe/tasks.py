from celery import shared_task

from fraudsafe.outbox import outbox_flush


@shared_task(name="fraudsafe.ping")
def ping(value: str = "pong") -> str:
    """Round-trip check used by tests and operators (`celery call fraudsafe.ping`)."""
    return value


@shared_task(bind=True, name="fraudsafe.outbox_flush", acks_late=True)
def outbox_flush_task(self) -> int:
    return outbox_flush(app=self.app)
