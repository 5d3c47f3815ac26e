"""Beat entries of the alerts app (installed by `manage.py setup_periodic_tasks`)."""

from django.conf import settings

from fraudsafe.schedules import Periodic, periodic_tasks

periodic_tasks.register(
    Periodic(
        name="alerts: dispatch due alerts and deferred deliveries",
        task="alerts.tasks.alerts_dispatch_due_task",
        every_seconds=60,
        queue="alerts",
    ),
    Periodic(
        name="alerts: schedule today's preventive alerts from the pattern report",
        task="alerts.tasks.preventive_alerts_schedule_task",
        crontab=settings.ALERTS_PREVENTIVE_CRONTAB,
        queue="alerts",
    ),
)
