from celery import shared_task


@shared_task(name="fraudsafe.ping")
def ping(value: str = "pong") -> str:
    """Round-trip check used by tests and operators (`celery call fraudsafe.ping`)."""
    return value
