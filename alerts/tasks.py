"""Celery tasks of the alerts app: thin, ids in, idempotent, on the `alerts` queue."""

from celery import shared_task

from fraudsafe.channels import ChannelTemporaryError


@shared_task(name="alerts.fan_out", acks_late=True, queue="alerts")
def alert_fan_out_task(alert_id: int) -> int:
    """Creates the alert's deliveries (once) and queues their send chunks."""
    from alerts.services import alert_fan_out

    queued = 0
    for chunk in alert_fan_out(alert_id=alert_id):
        delivery_send_chunk_task.delay(*chunk)
        queued += 1
    return queued


@shared_task(
    bind=True,
    name="alerts.send_chunk",
    acks_late=True,
    queue="alerts",
    autoretry_for=(ChannelTemporaryError,),
    retry_backoff=True,
    retry_backoff_max=600,
    retry_kwargs={"max_retries": 6},
)
def delivery_send_chunk_task(self, alert_id: int, channel: str, first_id: int, last_id: int) -> dict:
    from alerts.services import deliveries_send_range

    return deliveries_send_range(alert_id=alert_id, channel=channel, first_id=first_id, last_id=last_id)


@shared_task(name="alerts.dispatch_due", acks_late=True, queue="alerts")
def alerts_dispatch_due_task() -> dict:
    from alerts.services import alerts_dispatch_due

    return alerts_dispatch_due()


@shared_task(name="alerts.schedule_preventive", acks_late=True, queue="alerts")
def preventive_alerts_schedule_task() -> int:
    from alerts.preventive import preventive_alerts_schedule

    return len(preventive_alerts_schedule())
