"""The forecaster's retraining on the `ml` worker's beat: each run warm-starts from the newest checkpoint, trains
on the volume series FraudSafe holds, and writes a new versioned checkpoint with its card (cost included).

The forecaster does not serve: no forecaster design beat the seasonal scorer out of fold (README, "Every design
tried"), and the product holds no labelled set to judge a new checkpoint on. So each card says `passed: false`
with the reason, `registry.active_card` never picks it, and the seasonal scorer keeps answering. Retraining
keeps the weights current with the traffic, so that a future gate (an out-of-fold win on labelled series) has a
model to switch to without a cold start.

Imports MindSpore: call from the ml worker and tests only.
"""

from __future__ import annotations

import shutil
from datetime import UTC, datetime

import numpy as np

from campaigns import features
from campaigns.ml import forecaster, registry, seasonal

KIND = "forecaster"
KEEP = 5  # checkpoints kept on disk; older ones are removed after a successful run
MIN_BUCKETS = forecaster.WARM_UP + forecaster.WINDOW + 24  # a day past the warm-up, at least
NOT_SERVING = "out-of-fold gate: no forecaster design beat the seasonal scorer (README); trained, not served"


def training_input(values: np.ndarray, t: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(t, z): the series' history-normalised log volume, as the forecaster is trained and judged on."""
    z = seasonal.residuals(values, t, config=seasonal.Config(season=False)).z
    return np.asarray(t, np.float64), np.asarray(z, np.float64)


def newest_card() -> dict | None:
    found = registry.cards(KIND)
    return found[0] if found else None


def _net_from(card: dict | None):
    from campaigns.ml.nets import Forecaster
    from campaigns.ml.serving import mindspore_context

    ms = mindspore_context()
    net = Forecaster()
    if card is not None:
        not_loaded, _unused = ms.load_param_into_net(net, ms.load_checkpoint(f"{card['path']}/{registry.CHECKPOINT}"))
        if not_loaded:  # (the checkpoint's names carry the training cell's "net." prefix: MindSpore strips it)
            missing = not_loaded
            raise ValueError(f"forecaster checkpoint {card['version']} lacks parameters: {missing}")
    return net


def retrain(series: dict[str, tuple[np.ndarray, np.ndarray]], *, seed: int = 0) -> dict:
    """Trains on every series long enough (name → (values, t in seconds)). Returns the new card, or
    {"trained": False, "reason": …} when no series has MIN_BUCKETS buckets yet."""
    usable = {name: training_input(v, t) for name, (v, t) in series.items() if len(v) >= MIN_BUCKETS}
    if not usable:
        return {"trained": False, "reason": f"no series with {MIN_BUCKETS} buckets yet", "series": len(series)}
    parent = newest_card()
    run = forecaster.fit(list(usable.values()), net=_net_from(parent), epochs=1, seed=seed)
    from campaigns.ml.serving import mindspore_context

    version = registry.new_version(KIND)
    path = registry.version_path(KIND, version)
    path.mkdir(parents=True, exist_ok=True)
    mindspore_context().save_checkpoint(run["net"], str(path / registry.CHECKPOINT))
    card = {
        "kind": KIND,
        "version": version,
        "created_at": datetime.now(UTC).isoformat(),
        "schema_version": features.SCHEMA_VERSION,
        "warm_started_from": parent["version"] if parent else None,
        "series": sorted(usable),
        "windows": run["windows"],
        "training_seconds": run["seconds"],
        "peak_rss_mb": run["peak_rss_mb"],
        "loss": run["loss"],
        "passed": False,
        "why_not_served": NOT_SERVING,
        "trained": True,
    }
    registry.write_card(KIND, version, card)
    _prune()
    return card | {"path": str(path)}


def _prune() -> None:
    for old in registry.cards(KIND)[KEEP:]:
        shutil.rmtree(old["path"], ignore_errors=True)
