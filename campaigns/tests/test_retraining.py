"""The forecaster's retraining on the ml beat: warm-started from its newest checkpoint, versioned with its card
(cost included), recorded for the admin, never served (the out-of-fold gate), and run by a real ml worker."""

from datetime import UTC, datetime, timedelta

import numpy as np
import pytest

from campaigns.ml import registry, retraining
from campaigns.models import ModelVersion, VolumeSample
from campaigns.services import forecaster_retrain, volume_series

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 12, 7, 12, tzinfo=UTC)


def _store(hours: int, *, channel="call", series="", level=40) -> None:
    rng = np.random.default_rng(hours)
    start = NOW - timedelta(hours=hours)
    VolumeSample.objects.bulk_create(
        VolumeSample(
            channel=channel,
            series=series,
            bucket_start=start + timedelta(hours=h),
            count=int(level * (1.5 + np.sin(2 * np.pi * h / 24)) + rng.integers(0, 5)),
        )
        for h in range(hours)
    )


def test_too_little_history_trains_nothing_and_says_why():
    _store(100)

    result = forecaster_retrain(now=NOW)

    assert result["trained"] is False and str(retraining.MIN_BUCKETS) in result["reason"]
    assert registry.cards(retraining.KIND) == []


def test_the_volume_series_are_read_per_channel_and_series_oldest_first():
    _store(30, channel="call")
    _store(20, channel="sms", series="otp")

    found = volume_series(now=NOW)

    assert set(found) == {"call/-", "sms/otp"}
    values, t = found["call/-"]
    assert len(values) == 30 and np.all(np.diff(t) == 3600)


@pytest.mark.slow
def test_each_run_warm_starts_from_the_last_checkpoint_and_is_recorded_but_never_served():
    from campaigns.ml import serving

    _store(retraining.MIN_BUCKETS + 200)
    _store(retraining.MIN_BUCKETS + 50, channel="sms")

    first = forecaster_retrain(now=NOW)
    second = forecaster_retrain(now=NOW)

    assert first["trained"] and first["warm_started_from"] is None
    assert second["warm_started_from"] == first["version"]
    assert first["series"] == ["call/-", "sms/-"] and first["windows"] > 0
    assert first["training_seconds"] > 0 and first["peak_rss_mb"] > 0 and first["loss"] is not None
    # warm start: the second run's starting weights are the first run's checkpoint, not a fresh net
    started = retraining._net_from(registry.cards(retraining.KIND)[1])
    fresh = retraining._net_from(None)
    assert any(
        not np.allclose(a.data.asnumpy(), b.data.asnumpy())
        for (_n, a), (_m, b) in zip(started.parameters_and_names(), fresh.parameters_and_names(), strict=True)
    )
    rows = ModelVersion.objects.filter(kind=retraining.KIND)
    assert set(rows.values_list("version", flat=True)) == {first["version"], second["version"]}
    assert not rows.filter(passed=True).exists()
    assert registry.active_card(retraining.KIND) is None
    assert serving.predictor("campaign")[0] == "heuristic"  # the seasonal scorer keeps answering


@pytest.mark.slow
def test_old_checkpoints_are_pruned(monkeypatch):
    monkeypatch.setattr(retraining, "KEEP", 2)
    _store(retraining.MIN_BUCKETS + 10)

    versions = [forecaster_retrain(now=NOW)["version"] for _ in range(3)]

    assert [c["version"] for c in registry.cards(retraining.KIND)] == versions[:0:-1]


def test_the_retraining_is_on_the_ml_beat():
    from fraudsafe.schedules import collect

    entry = next(p for p in collect() if p.task == "campaigns.tasks.forecaster_retrain_task")
    assert entry.queue == "ml" and entry.every_seconds == 86_400


@pytest.mark.redis
@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_real_ml_worker_retrains(celery_worker, empty_model_dir):
    from campaigns.tasks import forecaster_retrain_task

    _store(retraining.MIN_BUCKETS + 30)
    celery_worker(queues="ml", concurrency=1, extra_env={"CAMPAIGNS_MODEL_DIR": str(empty_model_dir), "GLOG_v": "3"})

    result = forecaster_retrain_task.apply_async(queue="ml").get(timeout=300)

    assert result["trained"] and result["kind"] == "forecaster"
    assert (registry.version_path(retraining.KIND, result["version"]) / registry.CHECKPOINT).exists()
