"""Queueing a task by its name: a service never imports its app's tasks module (the tasks import the services).

The task still goes through its own class (`fraudsafe.celery.OutboxTask`): eager in tests, kept in the outbox
while the broker is down.
"""

from celery import current_app
from django.db import transaction


def _task(name: str):
    if name not in current_app.tasks:  # a web process registers tasks modules on first use, not at start-up
        current_app.loader.import_default_modules()
    return current_app.tasks[name]


def task_enqueue(name: str, *args, on_commit: bool = False, **options) -> None:
    """Queues the task registered as `name` with `args`; after the current transaction commits when asked."""

    def send() -> None:
        _task(name).apply_async(args=args, **options)

    if on_commit:
        transaction.on_commit(send)
    else:
        send()
