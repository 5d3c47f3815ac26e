"""Celery tasks of the money trail (thin: ids in, one service call)."""

from celery import shared_task
from django.conf import settings

from recovery.callbacks import CallbackTemporaryError, callback_deliver
from recovery.escalation import freeze_requests_escalate
from recovery.notices import victim_told_of_hold
from recovery.restitution import restitution_cases_open
from recovery.restitution_clocks import restitution_clocks_run
from recovery.restitution_notices import restitution_notify, restitution_notify_opened


@shared_task(
    bind=True,
    acks_late=True,
    autoretry_for=(CallbackTemporaryError,),
    retry_backoff=settings.RECOVERY_CALLBACK_BACKOFF_SECONDS,
    retry_backoff_max=settings.RECOVERY_CALLBACK_BACKOFF_MAX_SECONDS,
    retry_kwargs={"max_retries": max(settings.RECOVERY_CALLBACK_MAX_ATTEMPTS - 1, 0)},
)
def callback_deliver_task(self, delivery_id: int) -> str:
    return callback_deliver(delivery_id=delivery_id, last_attempt=self.request.retries >= self.max_retries)


@shared_task(acks_late=True)
def freeze_requests_escalate_task() -> dict:
    return freeze_requests_escalate()


@shared_task(acks_late=True)
def victim_notify_on_hold_task(request_id: int) -> None:
    victim_told_of_hold(request_id=request_id)


@shared_task(acks_late=True)
def restitution_notify_task(case_id: int, step: str, object_id: int | None = None) -> None:
    restitution_notify(case_id=case_id, step=step, object_id=object_id)


@shared_task(acks_late=True)
def restitution_notify_opened_task(case_ids: list[int]) -> int:
    return len(restitution_notify_opened(case_ids=case_ids))


@shared_task(acks_late=True)
def restitution_cases_open_task(complaint_id: int) -> None:
    restitution_cases_open(complaint_ids=[complaint_id])


@shared_task(acks_late=True)
def restitution_clocks_task() -> dict:
    return restitution_clocks_run()
