"""Periodic-task registry. Each app registers its beat entries from `<app>/schedules.py`:

    from fraudsafe.schedules import Periodic, periodic_tasks

    periodic_tasks.register(
        Periodic(name="patterns: daily analysis", task="patterns.tasks.report_compute_task",
                 crontab="30 2 * * *", queue="default"),
    )

`python manage.py setup_periodic_tasks` creates the missing ones in django-celery-beat's tables and leaves
existing ones as the admins left them.
"""

import json
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.module_loading import autodiscover_modules


@dataclass(frozen=True)
class Periodic:
    name: str
    task: str
    crontab: str = ""  # "minute hour day_of_month month day_of_week", in the helpline time zone
    every_seconds: int = 0
    queue: str = "default"
    kwargs: dict = field(default_factory=dict)


class PeriodicTasks:
    """Beat entries that apps register from `<app>/schedules.py`, one per name."""

    def __init__(self):
        # Named `_registry` because autodiscover_modules restores it when an app's module fails to import.
        self._registry: dict[str, Periodic] = {}

    def register(self, *specs: Periodic) -> None:
        """Adds beat entries; the same entry again is a no-op, another entry under a taken name an error."""
        for spec in specs:
            known = self._registry.get(spec.name)
            if known is not None and known != spec:
                raise ValueError(f"two different beat entries are named {spec.name!r}")
            self._registry[spec.name] = spec

    def discover(self) -> list[Periodic]:
        """Imports `<app>.schedules` of every installed app, then returns every registered entry."""
        autodiscover_modules("schedules", register_to=self)
        return list(self._registry.values())


periodic_tasks = PeriodicTasks()


def collect() -> list[Periodic]:
    """Every installed app's beat entries."""
    return periodic_tasks.discover()


def install(specs: list[Periodic]) -> list[tuple[str, bool]]:
    """Creates the PeriodicTask of every spec that has none yet; returns (name, created) pairs.

    An existing task keeps its schedule, arguments and switch: an admin may have changed them, and running this
    again (every `make run`, every deploy) must not undo that. Only the task it runs follows the code: the task
    name is not an admin's choice, and an entry left on a renamed task would fail at every beat.
    """
    from django_celery_beat.models import CrontabSchedule, IntervalSchedule, PeriodicTask

    results = []
    for spec in specs:
        if PeriodicTask.objects.filter(name=spec.name).exists():
            PeriodicTask.objects.filter(name=spec.name).exclude(task=spec.task).update(task=spec.task)
            results.append((spec.name, False))
            continue
        schedule = {"interval": None, "crontab": None}
        if spec.crontab:
            minute, hour, day_of_month, month, day_of_week = spec.crontab.split()
            schedule["crontab"], _ = CrontabSchedule.objects.get_or_create(
                minute=minute,
                hour=hour,
                day_of_month=day_of_month,
                month_of_year=month,
                day_of_week=day_of_week,
                timezone=settings.TIME_ZONE,
            )
        else:
            schedule["interval"], _ = IntervalSchedule.objects.get_or_create(
                every=spec.every_seconds, period=IntervalSchedule.SECONDS
            )
        # get_or_create: a concurrent run that created it in between keeps its row, and this one reports "kept".
        _, created = PeriodicTask.objects.get_or_create(
            name=spec.name,
            defaults={"task": spec.task, "kwargs": json.dumps(spec.kwargs), "queue": spec.queue, **schedule},
        )
        results.append((spec.name, created))
    return results


periodic_tasks.register(
    Periodic(
        name="fraudsafe: publish tasks kept while the broker was down",
        task="fraudsafe.tasks.outbox_flush_task",
        every_seconds=60,
        queue="default",
    ),
)
