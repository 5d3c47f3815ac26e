"""Beat entries of people and access (installed by `manage.py setup_periodic_tasks`)."""

from django.conf import settings

from fraudsafe.schedules import Periodic, periodic_tasks

periodic_tasks.register(
    Periodic(
        name="accounts: remove audit entries past their retention",
        task="accounts.tasks.audit_purge_task",
        crontab=settings.AUDIT_PURGE_CRONTAB,
        queue="default",
    ),
)
