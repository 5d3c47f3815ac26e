"""Training of the three models, with a held-out evaluation against the old heuristics and a model card.

Imports MindSpore: call only from the train command, the run command's prepare step, tests and benchmarks.
"""

import csv
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from campaigns import features
from campaigns.ml import metrics, registry, synthetic

DEFAULT_SIZES = {"campaign": 6000, "cohort": 20000, "uplift": 20000}
DEFAULT_EPOCHS = {"campaign": 8, "cohort": 12, "uplift": 12}
BATCH = 128


def _ms():
    from campaigns.ml.serving import mindspore_context

    return mindspore_context()


def thresholds() -> dict[str, float]:
    """The deployment's default thresholds (model cards compare model and heuristic at these)."""
    from django.conf import settings

    return {
        "campaign": settings.CAMPAIGNS_ANOMALY_THRESHOLD,
        "cohort": settings.CAMPAIGNS_COHORT_THRESHOLD,
        "uplift": settings.CAMPAIGNS_UPLIFT_THRESHOLD,
    }


# --- data --------------------------------------------------------------------------------------------------------


def load_data(kind: str, *, csv_path: str | None, size: int | None, seed: int) -> tuple[np.ndarray, np.ndarray, dict]:
    """(model input X, labels y, data description). Model input is already normalised."""
    if csv_path:
        return _load_csv(kind, Path(csv_path))
    n = size or DEFAULT_SIZES[kind]
    description = {"source": "synthetic", "generator": f"campaigns.ml.synthetic (seed {seed})", "rows": n}
    if kind == "campaign":
        counts, unique, suspicious, y = synthetic.campaign_windows(n, seed)
        x = features.window_features(counts, unique, suspicious)
        extra = {"heuristic": features.heuristic_anomaly(counts)}
    elif kind == "cohort":
        raw, y = synthetic.behaviour_rows(n, seed)
        x = features.normalise_behaviour(raw)
        extra = {"heuristic": features.heuristic_vulnerability(raw)}
    else:
        raw, ctx, y = synthetic.uplift_rows(n, seed)
        x = features.uplift_matrix(raw, ctx)
        extra = {"heuristic": features.heuristic_uplift(raw, ctx)}
    description["positive_rate"] = round(float(y.mean()), 4)
    description["_heuristic"] = extra["heuristic"]
    return x, y, description


def _load_csv(kind: str, path: Path) -> tuple[np.ndarray, np.ndarray, dict]:
    """CSV with a `label` column (0/1). cohort: the 15 behaviour columns; uplift: those plus the 5 campaign
    context columns; campaign: `count_0..count_23` and optionally `unique_0..23`, `suspicious_0..23`."""
    with path.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    if not rows:
        raise ValueError(f"{path} has no rows")
    y = np.asarray([float(r["label"]) for r in rows], dtype=np.float32)

    def cols(prefix):
        names = [f"{prefix}_{i}" for i in range(features.WINDOW)]
        if names[0] not in rows[0]:
            return None
        return np.asarray([[float(r[c]) for c in names] for r in rows], dtype=np.float32)

    if kind == "campaign":
        counts = cols("count")
        if counts is None:
            raise ValueError("campaign CSV needs count_0 … count_23 columns")
        x = features.window_features(counts, cols("unique"), cols("suspicious"))
        heuristic = features.heuristic_anomaly(counts)
    else:
        raw = features.behaviour_matrix(rows)
        if kind == "cohort":
            x, heuristic = features.normalise_behaviour(raw), features.heuristic_vulnerability(raw)
        else:
            ctx = np.asarray([[float(r[c]) for c in features.CAMPAIGN_CONTEXT_NAMES] for r in rows], np.float32)
            x, heuristic = features.uplift_matrix(raw, ctx), features.heuristic_uplift(raw, ctx)
    description = {"source": "csv", "file": path.name, "rows": len(rows), "positive_rate": round(float(y.mean()), 4)}
    description["_heuristic"] = heuristic
    return x, y, description


# --- training ----------------------------------------------------------------------------------------------------


def train(
    kind: str,
    *,
    epochs: int | None = None,
    csv_path: str | None = None,
    size: int | None = None,
    seed: int = 0,
    progress: Callable[[str], None] = lambda line: None,
) -> dict:
    """Trains one model, evaluates it and the old heuristic on the same held-out 20 %, writes checkpoint and
    card into the model directory, and returns the card (`passed` = the model beat the heuristic's ROC-AUC)."""
    ms = _ms()
    from mindspore import nn

    from campaigns.ml.nets import WithSigmoid, build

    x, y, description = load_data(kind, csv_path=csv_path, size=size, seed=seed)
    heuristic = description.pop("_heuristic")
    rng = np.random.default_rng(seed + 1)
    order = rng.permutation(len(y))
    cut = int(len(y) * 0.8)
    train_idx, test_idx = order[:cut], order[cut:]
    if len(train_idx) < BATCH or len(test_idx) < 10:
        raise ValueError("not enough rows to train and evaluate (need at least 200)")

    ms.set_seed(seed)
    net = build(kind)
    loss_net = nn.WithLossCell(net, nn.BCEWithLogitsLoss())
    optimizer = nn.Adam(net.trainable_params(), learning_rate=3e-3)
    step = nn.TrainOneStepCell(loss_net, optimizer)
    step.set_train(True)
    epochs = epochs or DEFAULT_EPOCHS[kind]
    started = time.perf_counter()
    for epoch in range(1, epochs + 1):
        shuffled = rng.permutation(train_idx)
        losses = []
        for start in range(0, len(shuffled) - BATCH + 1, BATCH):  # fixed shape: one graph compile
            batch = shuffled[start : start + BATCH]
            loss = step(ms.Tensor(x[batch]), ms.Tensor(y[batch]))
            losses.append(float(loss.asnumpy()))
        progress(f"{kind}: epoch {epoch}/{epochs} loss {np.mean(losses):.4f} ({time.perf_counter() - started:.1f} s)")

    version = registry.new_version(kind)
    path = registry.version_path(kind, version)
    path.mkdir(parents=True, exist_ok=True)
    ms.save_checkpoint(net, str(path / registry.CHECKPOINT))

    from campaigns.ml.serving import Predictor

    scores = Predictor(kind, WithSigmoid(net)).predict(x[test_idx])
    threshold = thresholds()[kind]
    model_metrics = metrics.summary(y[test_idx], scores, threshold)
    heuristic_metrics = metrics.summary(y[test_idx], heuristic[test_idx], threshold)
    passed = bool(model_metrics["roc_auc"] > heuristic_metrics["roc_auc"])
    card = {
        "kind": kind,
        "version": version,
        "created_at": datetime.now(UTC).isoformat(),
        "schema_version": features.SCHEMA_VERSION,
        "schema": features.schema_description(),
        "architecture": {
            "campaign": "2-layer LSTM (64 units) over 24 steps x 4 features, dense 64-32-1, sigmoid",
            "cohort": "MLP 15-64-32-16-1, ReLU, sigmoid",
            "uplift": "MLP 20-128-64-32-1, ReLU, sigmoid",
        }[kind],
        "data": description,
        "training": {
            "epochs": epochs,
            "batch": BATCH,
            "optimizer": "Adam 3e-3",
            "seed": seed,
            "seconds": round(time.perf_counter() - started, 2),
            "train_rows": int(cut),
            "held_out_rows": int(len(test_idx)),
        },
        "metrics": {"model": model_metrics, "heuristic": heuristic_metrics},
        "passed": passed,
    }
    registry.write_card(kind, version, card)
    progress(
        f"{kind}: held-out ROC-AUC model {model_metrics['roc_auc']:.3f} vs heuristic "
        f"{heuristic_metrics['roc_auc']:.3f} → {'ACTIVE' if passed else 'not activated (did not beat heuristic)'}"
    )
    return card
