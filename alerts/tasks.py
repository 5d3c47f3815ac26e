"""Celery tasks of the alerts app: thin, ids in, idempotent, on the `alerts` queue."""

from celery import shared_task

from alerts.dispatch import alerts_dispatch_due
from alerts.fanout import alert_fan_out_and_queue
from alerts.preventive import preventive_alerts_schedule
from alerts.sending import deliveries_send_range
from fraudsafe.channels import ChannelTemporaryError


@shared_task(acks_late=True, queue="alerts")
def alert_fan_out_task(alert_id: int) -> int:
    """Creates the alert's deliveries (once) and queues their send chunks."""
    return alert_fan_out_and_queue(alert_id=alert_id)


@shared_task(
    bind=True,
    acks_late=True,
    queue="alerts",
    autoretry_for=(ChannelTemporaryError,),
    retry_backoff=True,
    retry_backoff_max=600,
    retry_kwargs={"max_retries": 6},
)
def delivery_send_chunk_task(self, alert_id: int, channel: str, first_id: int, last_id: int) -> dict:
    return deliveries_send_range(alert_id=alert_id, channel=channel, first_id=first_id, last_id=last_id)


@shared_task(acks_late=True, queue="alerts")
def alerts_dispatch_due_task() -> dict:
    return alerts_dispatch_due()


@shared_task(acks_late=True, queue="alerts")
def preventive_alerts_schedule_task() -> int:
    return len(preventive_alerts_schedule())
