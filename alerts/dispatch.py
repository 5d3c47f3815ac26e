"""The every-minute beat job: due alerts fanned out, deferred and stalled deliveries queued, stale claims failed."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from alerts.fanout import alert_finish_if_complete, iter_send_chunks
from alerts.models import Alert, Delivery
from fraudsafe.tasking import task_enqueue


def alerts_dispatch_due(*, now: datetime | None = None) -> dict[str, int]:
    """Beat job: fans out due alerts, queues deferred deliveries now due and stalled alerts, fails stale claims.

    A claim whose lease expired means the worker died during the provider call: the message may or may not
    have gone out, so it is marked failed ("worker_lost") rather than sent a second time.
    """
    now = now or timezone.now()
    due_alerts = list(
        Alert.objects.filter(status=Alert.Status.SCHEDULED, send_at__lte=now).values_list("pk", flat=True)[:500]
    )
    for alert_id in due_alerts:
        task_enqueue("alerts.tasks.alert_fan_out_task", alert_id)
    deferred = Delivery.objects.filter(
        status=Delivery.Status.PENDING, not_before__lte=now, alert__status=Alert.Status.SENDING
    )
    deferred_alerts = list(deferred.order_by().values_list("alert_id", flat=True).distinct())
    # Stalled alerts: due deliveries still pending but none of the alert's deliveries moved for a while, e.g.
    # their chunk died with a worker and the broker has not redelivered it yet. Re-queued chunks are harmless:
    # every delivery is claimed by a conditional UPDATE before it is sent.
    quiet_since = now - timedelta(seconds=settings.ALERTS_REQUEUE_STALLED_SECONDS)
    due_pending = Delivery.objects.filter(alert=OuterRef("pk"), status=Delivery.Status.PENDING).filter(
        Q(not_before__isnull=True) | Q(not_before__lte=now)
    )
    recent_move = Delivery.objects.filter(alert=OuterRef("pk"), updated_at__gte=quiet_since)
    stalled = Alert.objects.filter(Exists(due_pending), ~Exists(recent_move), status=Alert.Status.SENDING)
    stalled = list(stalled.values_list("pk", flat=True))  # read before marking stale claims (that is a move)
    stale = Delivery.objects.filter(status=Delivery.Status.SENDING, lease_until__lt=now)
    stale_alerts = list(stale.order_by().values_list("alert_id", flat=True).distinct())
    stale_count = stale.update(
        status=Delivery.Status.FAILED,
        error_code="worker_lost",
        error="The worker stopped during the provider call; not re-sent to avoid a duplicate.",
        lease_until=None,
        updated_at=now,
    )
    requeue = sorted(set(deferred_alerts) | set(stalled))
    queued = 0
    for alert_id in requeue:
        chunks = iter_send_chunks(alert_id=alert_id, now=now)
        # Queued now: no longer deferred, and "moved" so the stall check waits a full period before re-queueing.
        Delivery.objects.filter(alert_id=alert_id, status=Delivery.Status.PENDING).filter(
            Q(not_before__isnull=True) | Q(not_before__lte=now)
        ).update(not_before=None, updated_at=now)
        for chunk in chunks:
            task_enqueue("alerts.tasks.delivery_send_chunk_task", *chunk)
            queued += 1
    for alert_id in set(stale_alerts):
        alert_finish_if_complete(alert_id=alert_id)
    return {"alerts": len(due_alerts), "stale": stale_count, "chunks": queued}
