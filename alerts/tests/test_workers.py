"""Real Celery worker processes on Redis: caps under concurrency, and a worker SIGKILLed mid fan-out."""

import time
from collections import Counter
from datetime import timedelta

import pytest
from django.db.models import Count
from django.utils import timezone

from accounts.models import ConsentEvent
from accounts.services import consent_record
from accounts.tests.factories import CitizenFactory
from alerts.dispatch import alerts_dispatch_due
from alerts.models import Alert, Delivery
from alerts.services import alert_create

pytestmark = [pytest.mark.redis, pytest.mark.slow]


def _subscribers(n: int, channel: str = "email"):
    citizens = CitizenFactory.create_batch(n)
    for citizen in citizens:
        consent_record(citizen=citizen, channel=channel, granted=True, source=ConsentEvent.Source.IMPORT)
    return citizens


def _worker_env(tmp_path, **extra):
    return {
        "FRAUDSAFE_EMAIL_CHANNEL_BACKEND": "alerts.tests.backends.RecordingBackend",
        "ALERTS_TEST_SENT_LOG": str(tmp_path / "sent.log"),
        "ALERTS_QUIET_HOURS": "00:00-00:00",
        "ALERTS_RATE_EMAIL": "0",
        **extra,
    }


def _wait(condition, timeout: float, message: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.3)
    raise AssertionError(message)


def _wait_until_settled(alert, quiet_for: float = 3.0, timeout: float = 90) -> None:
    """Waits until the alert's deliveries stop changing (the restarted worker drained what it had)."""
    deadline, last, since = time.monotonic() + timeout, None, time.monotonic()
    while time.monotonic() < deadline:
        now = list(Delivery.objects.filter(alert=alert).values_list("status").annotate(n=Count("id")).order_by())
        if now != last:
            last, since = now, time.monotonic()
        elif time.monotonic() - since >= quiet_for:
            return
        time.sleep(0.3)


def _sent_log(tmp_path) -> list[str]:
    path = tmp_path / "sent.log"
    return path.read_text().split() if path.exists() else []


def test_several_alerts_fanned_out_at_once_by_several_workers_keep_every_citizen_within_the_daily_cap(
    celery_worker, tmp_path, settings
):
    settings.ALERTS_COOLDOWN_HOURS = 0
    env = _worker_env(tmp_path, ALERTS_COOLDOWN_HOURS="0", ALERTS_CHUNK_SIZE="5")
    celery_worker(queues="alerts", concurrency=2, extra_env=env)
    celery_worker(queues="alerts", concurrency=2, extra_env=env)
    citizens = _subscribers(12)

    alerts = [
        alert_create(kind="general", audience={"type": "everyone"}, template_key="general", channels=["email"])
        for _ in range(6)
    ]

    _wait(
        lambda: Alert.objects.filter(pk__in=[a.pk for a in alerts], status="done").count() == 6,
        120,
        f"alerts did not finish: {list(Alert.objects.values_list('status', flat=True))}",
    )
    per_citizen = Counter(Delivery.objects.filter(status="sent").values_list("citizen_id", flat=True))
    assert per_citizen == {c.pk: settings.ALERTS_CAP_DAY for c in citizens}
    assert Delivery.objects.filter(skip_reason="cap_day").count() == 12 * (6 - settings.ALERTS_CAP_DAY)
    sent = _sent_log(tmp_path)
    assert len(sent) == len(set(sent)) == 12 * settings.ALERTS_CAP_DAY


def test_worker_killed_mid_fan_out_loses_nothing_and_sends_nothing_twice_after_restart(
    celery_worker, tmp_path, settings
):
    env = _worker_env(tmp_path, ALERTS_TEST_SEND_DELAY="0.05", ALERTS_CHUNK_SIZE="10", ALERTS_CLAIM_BATCH="3")
    first = celery_worker(queues="alerts", concurrency=1, extra_env=env)
    citizens = _subscribers(60)

    alert = alert_create(kind="general", audience={"type": "everyone"}, template_key="general", channels=["email"])
    _wait(lambda: len(_sent_log(tmp_path)) >= 15, 60, "worker sent nothing")
    first.kill()
    sent_before_kill = len(_sent_log(tmp_path))
    assert sent_before_kill < 60, "the worker finished before it could be killed"

    second = celery_worker(queues="alerts", concurrency=1, extra_env=env)
    # The chunks the dead worker held stay unacked (acks_late): the broker redelivers them after its visibility
    # timeout, and the beat job re-queues stalled alerts; run the beat job as if that time had passed.
    _wait_until_settled(alert)
    later = timezone.now() + timedelta(seconds=settings.ALERTS_REQUEUE_STALLED_SECONDS + 1)
    requeued = alerts_dispatch_due(now=later)
    _wait(  # nothing pending, and nothing the second worker is still sending (a claim in flight is "sending")
        lambda: not Delivery.objects.filter(alert=alert, status__in=["pending", "sending"]).exists(),
        150,
        f"pending deliveries were never re-sent after the restart: {requeued}\n{second.output()[-3000:]}",
    )

    rows = Delivery.objects.filter(alert=alert)
    assert rows.count() == 60
    assert not rows.values("citizen").annotate(n=Count("id")).filter(n__gt=1).exists()
    assert {d.citizen_id for d in rows} == {c.pk for c in citizens}
    sent = _sent_log(tmp_path)
    assert len(sent) == len(set(sent)), "a message was sent twice"
    sent_rows = {f"delivery-{pk}" for pk in rows.filter(status="sent").values_list("pk", flat=True)}
    assert sent_rows <= set(sent)
    lost = rows.filter(status="failed", error_code="worker_lost").count()
    assert rows.filter(status="sent").count() + lost == 60
    assert lost <= 3  # at most one claim batch was in flight when the worker died
