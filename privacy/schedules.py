"""Beat entries of privacy: one retention purge job per kind of data it owns (installed by
`manage.py setup_periodic_tasks`). Conversation sessions and audit entries keep their own jobs (complaints,
accounts)."""

from django.conf import settings

from fraudsafe.schedules import Periodic, periodic_tasks

OWNED_HERE = ("delivery_records", "evidence_files", "complaint_pdfs", "log_files")

periodic_tasks.register(
    *(
        Periodic(
            name=f"privacy: retention purge of {kind.replace('_', ' ')}",
            task="privacy.tasks.retention_purge_task",
            crontab=settings.RETENTION_PURGE_CRONTAB,
            kwargs={"kind": kind},
        )
        for kind in OWNED_HERE
    )
)

periodic_tasks.register(
    Periodic(
        name="privacy: breach clocks run out unreported",
        task="privacy.tasks.breach_clocks_check_task",
        every_seconds=900,
    )
)
