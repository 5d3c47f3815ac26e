"""Beat schedules of complaint intake (registered by `manage.py setup_periodic_tasks`)."""

from fraudsafe.schedules import Periodic, periodic_tasks

periodic_tasks.register(
    Periodic(
        name="complaints: delete answers of abandoned WhatsApp conversations",
        task="complaints.tasks.conversation_sessions_purge_task",
        every_seconds=3600,
    ),
)
