"""Beat schedules of the money trail (registered by `manage.py setup_periodic_tasks`)."""

from fraudsafe.schedules import Periodic, periodic_tasks

periodic_tasks.register(
    Periodic(
        name="recovery: escalate overdue freeze requests",
        task="recovery.tasks.freeze_requests_escalate_task",
        every_seconds=60,
    ),
)

periodic_tasks.register(
    Periodic(
        name="recovery: restitution clocks (holds lapsing, refunds overdue)",
        task="recovery.tasks.restitution_clocks_task",
        every_seconds=3600,
    ),
)
