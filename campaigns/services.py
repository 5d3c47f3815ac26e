"""Verification holds and model versions. Signals are in campaigns.ingest, detection in campaigns.detection,
cohort action in campaigns.cohort and the old service's contracts in campaigns.legacy."""

from datetime import datetime, timedelta

import numpy as np
from django.utils import timezone

from campaigns.ml import registry
from campaigns.models import ModelVersion, VerificationHold, VolumeSample

RETRAIN_DAYS = 56  # the history a forecaster retraining run reads, per series


def holds_mark_expired(*, now: datetime | None = None) -> int:
    """Housekeeping only: holds past expiry are already out of force; this stamps `released_at` for the admin."""
    now = now or timezone.now()
    return VerificationHold.objects.filter(expires_at__lte=now, released_at__isnull=True).update(released_at=now)


def hold_release(*, hold_id: int, now: datetime | None = None) -> VerificationHold:
    hold = VerificationHold.objects.get(pk=hold_id)
    if hold.released_at is None:
        hold.released_at = now or timezone.now()
        hold.save(update_fields=["released_at"])
    return hold


def model_versions_sync() -> int:
    """Mirrors the model cards on disk into ModelVersion rows (for the admin). Returns the number of cards."""
    total = 0
    for kind in (*registry.KINDS, "forecaster"):
        for card in registry.cards(kind):
            total += 1
            ModelVersion.objects.update_or_create(
                version=card["version"],
                defaults={
                    "kind": kind,
                    "schema_version": card.get("schema_version", ""),
                    "passed": bool(card.get("passed")),
                    "model_auc": card.get("metrics", {}).get("model", {}).get("roc_auc"),
                    "heuristic_auc": card.get("metrics", {}).get("heuristic", {}).get("roc_auc"),
                    "card": card,
                    "path": card.get("path", ""),
                    "created_at": datetime.fromisoformat(card["created_at"]),
                },
            )
    return total


def volume_series(*, days: int = RETRAIN_DAYS, now: datetime | None = None) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Every stored volume series of the last `days`: "channel/series" → (counts, bucket starts in seconds)."""
    since = (now or timezone.now()) - timedelta(days=days)
    rows = (
        VolumeSample.objects.filter(bucket_start__gte=since)
        .order_by("channel", "series", "bucket_start")
        .values_list("channel", "series", "bucket_start", "count")
    )
    found: dict[str, tuple[list, list]] = {}
    for channel, series, start, count in rows.iterator(chunk_size=5000):
        values, times = found.setdefault(f"{channel}/{series or '-'}", ([], []))
        values.append(count)
        times.append(start.timestamp())
    return {name: (np.asarray(v, np.float64), np.asarray(t, np.float64)) for name, (v, t) in found.items()}


def forecaster_retrain(*, now: datetime | None = None) -> dict:
    """One retraining run of the forecaster (warm-started), recorded as a model version for the admin."""
    from campaigns.ml import retraining  # MindSpore: the ml worker only

    card = retraining.retrain(volume_series(now=now))
    if card.get("trained"):
        model_versions_sync()
    return card


def models_missing() -> list[str]:
    """The model kinds never trained here (a kind trained but gated out stays on its heuristic: not retrained)."""
    return [kind for kind in registry.KINDS if not registry.cards(kind)]


def models_train_missing(*, log=lambda line: None) -> list[dict]:
    """Trains every missing model on its synthetic data (MindSpore: call it in an `ml` worker or a command, never in
    a web process) and mirrors the cards for the admin; `log(line)` hears one line per model. Idempotent."""
    import time

    from campaigns.ml import training

    started, cards = time.perf_counter(), []
    for kind in models_missing():
        card = training.train(kind, progress=lambda line: None)
        model, heuristic = card["metrics"]["model"]["roc_auc"], card["metrics"]["heuristic"]["roc_auc"]
        log(
            f"trained {kind} model {card['version']}: ROC-AUC {model:.3f} (heuristic {heuristic:.3f})"
            + ("" if card["passed"] else " — not activated")
        )
        cards.append(card)
    model_versions_sync()
    if cards:
        log(f"models trained in {time.perf_counter() - started:.0f} s")
    return cards
