"""Celery task names: how code queues a task, and the start-up check that every name it uses has a task.

Naming scheme: a task is named by its module path, Celery's default (`alerts.tasks.alert_fan_out_task`);
no task passes `name=`. Code that queues a task by name (`task_enqueue`, the outbox, beat entries) uses that
path, so a grep for a task's function finds every place that queues it.

Queueing by name keeps the layers: a service never imports its app's tasks module (the tasks import the
services). The task still goes through its own class (`fraudsafe.celery.OutboxTask`): eager in tests, kept in
the outbox while the broker is down.
"""

from collections.abc import Iterable

from celery import current_app
from django.core import checks
from django.db import DatabaseError, transaction
from django.utils.module_loading import autodiscover_modules


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


def task_names_unknown(names: Iterable[str]) -> list[str]:
    """The names among `names` that no registered task answers to (every app's tasks module imported first)."""
    autodiscover_modules("tasks")  # not the loader's import: Celery's Django fixup would run the checks again
    return sorted({name for name in names if name not in current_app.tasks})


@checks.register("fraudsafe")
def check_task_names(app_configs=None, databases=None, **kwargs) -> list[checks.CheckMessage]:
    """Start-up check (`manage.py check`, runserver, every deploy): beat entries name registered tasks; with
    `--database`, so do the tasks still waiting in the outbox (a rename deployed before the outbox drained)."""
    from fraudsafe.schedules import collect

    problems = [
        checks.Error(
            f"beat entry {spec.name!r} runs {spec.task!r}, and no task has that name",
            hint="Tasks are named by module path, e.g. 'alerts.tasks.alert_fan_out_task'.",
            id="fraudsafe.E101",
        )
        for spec in collect()
        if spec.task in task_names_unknown([spec.task])
    ]
    if databases:
        from fraudsafe.models import OutboxMessage

        try:
            waiting = list(OutboxMessage.objects.filter(sent_at=None).values_list("task_name", flat=True).distinct())
        except DatabaseError:  # `migrate` runs the checks before the outbox table exists
            waiting = []
        problems += [
            checks.Error(
                f"the outbox holds tasks named {name!r}, and no task has that name",
                hint="A task was renamed before the outbox drained: re-point those rows or flush with the old code.",
                id="fraudsafe.E102",
            )
            for name in task_names_unknown(waiting)
        ]
    return problems
