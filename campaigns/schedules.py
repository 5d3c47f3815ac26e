"""Beat entries of the campaigns app (installed by `manage.py setup_periodic_tasks`)."""

from django.conf import settings

from fraudsafe.schedules import Periodic, periodic_tasks

periodic_tasks.register(
    Periodic(
        name="campaigns: score the latest volume windows",
        task="campaigns.tasks.campaigns_detect_task",
        every_seconds=settings.CAMPAIGNS_DETECT_EVERY_SECONDS,
        queue="ml",
    ),
    Periodic(
        name="campaigns: retrain the forecaster (warm start)",
        task="campaigns.tasks.forecaster_retrain_task",
        every_seconds=settings.CAMPAIGNS_RETRAIN_EVERY_SECONDS,
        queue="ml",
    ),
    Periodic(
        name="campaigns: stamp expired verification holds",
        task="campaigns.tasks.holds_cleanup_task",
        every_seconds=3600,
        queue="default",
    ),
)
