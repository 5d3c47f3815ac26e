"""Beat schedule of the patterns app (installed by `manage.py setup_periodic_tasks`)."""

from django.conf import settings

from fraudsafe.schedules import Periodic, periodic_tasks

periodic_tasks.register(
    Periodic(
        name="patterns: daily fraud-pattern analysis",
        task="patterns.tasks.reports_refresh_task",
        crontab=settings.PATTERNS_SCHEDULE_CRONTAB,  # helpline time zone; default 02:30
        queue="default",
        kwargs={},
    ),
)
