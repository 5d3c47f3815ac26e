"""Periodic-task registry. Each app lists its beat schedules in `<app>/schedules.py` as PERIODIC_TASKS.

    PERIODIC_TASKS = [Periodic(name="patterns: daily analysis", task="patterns.tasks.report_compute_task",
                               crontab="30 2 * * *", queue="default")]

`python manage.py setup_periodic_tasks` writes them into django-celery-beat's tables idempotently.
"""

import json
from dataclasses import dataclass, field
from importlib import import_module

from django.apps import apps
from django.conf import settings


@dataclass(frozen=True)
class Periodic:
    name: str
    task: str
    crontab: str = ""  # "minute hour day_of_month month day_of_week", in the helpline time zone
    every_seconds: int = 0
    queue: str = "default"
    kwargs: dict = field(default_factory=dict)


def collect() -> list[Periodic]:
    found: list[Periodic] = []
    for config in apps.get_app_configs():
        try:
            module = import_module(f"{config.name}.schedules")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.schedules":
                raise
            continue
        found.extend(getattr(module, "PERIODIC_TASKS", []))
    return found


def install(specs: list[Periodic]) -> list[tuple[str, bool]]:
    """Creates or updates one PeriodicTask per spec; returns (name, created) pairs."""
    from django_celery_beat.models import CrontabSchedule, IntervalSchedule, PeriodicTask

    results = []
    for spec in specs:
        defaults = {
            "task": spec.task,
            "kwargs": json.dumps(spec.kwargs),
            "queue": spec.queue,
            "enabled": True,
            "interval": None,
            "crontab": None,
        }
        if spec.crontab:
            minute, hour, day_of_month, month, day_of_week = spec.crontab.split()
            defaults["crontab"], _ = CrontabSchedule.objects.get_or_create(
                minute=minute,
                hour=hour,
                day_of_month=day_of_month,
                month_of_year=month,
                day_of_week=day_of_week,
                timezone=settings.TIME_ZONE,
            )
        else:
            defaults["interval"], _ = IntervalSchedule.objects.get_or_create(
                every=spec.every_seconds, period=IntervalSchedule.SECONDS
            )
        _, created = PeriodicTask.objects.update_or_create(name=spec.name, defaults=defaults)
        results.append((spec.name, created))
    return results


PERIODIC_TASKS = [
    Periodic(
        name="fraudsafe: publish tasks kept while the broker was down",
        task="fraudsafe.outbox_flush",
        every_seconds=60,
        queue="default",
    ),
]
