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
from campaigns.ml import metrics, registry, seasonal, synthetic

DEFAULT_SIZES = {"campaign": 240, "cohort": 20000, "uplift": 20000}  # campaign: synthetic series of 4 weeks
DEFAULT_EPOCHS = {"campaign": 6, "cohort": 12, "uplift": 12}
CAMPAIGN_WINDOWS = 24000  # training windows drawn from the series (every surge bucket, then normal ones)
WARM_UP_POINTS = 48  # buckets at the start of a series that are not trained on (too little history)
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
        description["generator"] = f"campaigns.ml.synthetic.campaign_series (seed {seed}, {n} hourly series, 4 weeks)"
        x, y, heuristic = campaign_windows(synthetic.campaign_series(n, seed), seed)
        extra = {"heuristic": heuristic}
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


def campaign_windows(series: list[dict], seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Series (dicts of t, counts, unique, suspicious, labels) → model windows, labels and the seasonal scorer's
    surge score for the same buckets. Every surge bucket is kept, then normal ones up to CAMPAIGN_WINDOWS."""
    xs, ys, hs = [], [], []
    for s in series:
        res = seasonal.residuals(s["counts"], s["t"])
        steps = features.step_features(res.z, s["counts"], s.get("unique"), s.get("suspicious"))
        keep = slice(WARM_UP_POINTS, None)
        xs.append(features.step_windows(steps)[keep])
        ys.append(np.asarray(s["labels"], np.float32)[keep])
        hs.append(res.surge[keep].astype(np.float32))
    x, y, h = np.concatenate(xs), np.concatenate(ys), np.concatenate(hs)
    rng = np.random.default_rng(seed + 2)
    positives = np.flatnonzero(y > 0)
    negatives = np.flatnonzero(y == 0)
    room = max(CAMPAIGN_WINDOWS - len(positives), len(positives))
    chosen = np.sort(np.concatenate([positives, rng.choice(negatives, min(room, len(negatives)), replace=False)]))
    return x[chosen], y[chosen], h[chosen]


def _campaign_csv(rows: list[dict], seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rows of `timestamp,count,label` (optionally `series`, `unique`, `suspicious`): one or more series."""
    grouped: dict[str, list[dict]] = {}
    for row in rows:
        grouped.setdefault(row.get("series") or "", []).append(row)
    series = []
    for items in grouped.values():
        items.sort(key=lambda r: _timestamp(r["timestamp"]))

        def col(name, items=items):
            return np.asarray([float(r[name]) for r in items]) if name in items[0] and items[0][name] != "" else None

        series.append(
            {
                "t": np.asarray([_timestamp(r["timestamp"]) for r in items]),
                "counts": col("count"),
                "unique": col("unique"),
                "suspicious": col("suspicious"),
                "labels": col("label"),
            }
        )
    return campaign_windows(series, seed)


def _timestamp(text: str) -> float:
    text = text.strip()
    try:
        return float(text)
    except ValueError:
        moment = datetime.fromisoformat(text)
        return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp()


def _load_csv(kind: str, path: Path) -> tuple[np.ndarray, np.ndarray, dict]:
    """CSV with a `label` column (0/1). cohort: the 15 behaviour columns; uplift: those plus the 5 campaign
    context columns; campaign: buckets as `timestamp,count,label` (label 1 inside a campaign), optionally
    `series` (several series in one file), `unique`, `suspicious`."""
    with path.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    if not rows:
        raise ValueError(f"{path} has no rows")
    y = np.asarray([float(r["label"]) for r in rows], dtype=np.float32) if kind != "campaign" else None

    if kind == "campaign":
        if not {"timestamp", "count"} <= set(rows[0]):
            raise ValueError("campaign CSV needs timestamp, count and label columns")
        x, y, heuristic = _campaign_csv(rows, 0)
    else:
        raw = features.behaviour_matrix(rows)
        if kind == "cohort":
            x, heuristic = features.normalise_behaviour(raw), features.heuristic_vulnerability(raw)
        else:
            ctx = np.asarray([[float(r[c]) for c in features.CAMPAIGN_CONTEXT_NAMES] for r in rows], np.float32)
            x, heuristic = features.uplift_matrix(raw, ctx), features.heuristic_uplift(raw, ctx)
    description = {"source": "csv", "file": path.name, "rows": len(rows), "positive_rate": round(float(y.mean()), 4)}
    if kind == "campaign":
        description["windows"] = len(y)
    description["_heuristic"] = heuristic
    return x, y, description


# --- training ----------------------------------------------------------------------------------------------------


ARCHITECTURES = {
    "campaign": (
        "2-layer LSTM (32 units) over 24 steps x 3 history-normalised features (robust seasonal residual, "
        "repeat-contact and suspicious ratios), dense 32-16-1, sigmoid; served in log-odds 1 : 2 with the "
        "seasonal scorer's calibrated surge score"
    ),
    "cohort": "MLP 15-64-32-16-1, ReLU, sigmoid",
    "uplift": "MLP 20-128-64-32-1, ReLU, sigmoid",
}


def _fit(kind: str, x, y, train_idx, *, epochs: int, seed: int, rng, progress) -> object:
    """The classifier of this kind, trained by BCE on the rows `train_idx` (fixed batch shape: one compile)."""
    ms = _ms()
    from mindspore import nn

    from campaigns.ml.nets import build

    ms.set_seed(seed)
    net = build(kind)
    step = nn.TrainOneStepCell(
        nn.WithLossCell(net, nn.BCEWithLogitsLoss()), nn.Adam(net.trainable_params(), learning_rate=3e-3)
    )
    step.set_train(True)
    started = time.perf_counter()
    for epoch in range(1, epochs + 1):
        shuffled = rng.permutation(train_idx)
        losses = []
        for start in range(0, len(shuffled) - BATCH + 1, BATCH):
            batch = shuffled[start : start + BATCH]
            losses.append(float(step(ms.Tensor(x[batch]), ms.Tensor(y[batch])).asnumpy()))
        progress(f"{kind}: epoch {epoch}/{epochs} loss {np.mean(losses):.4f} ({time.perf_counter() - started:.1f} s)")
    return net


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
    from campaigns.ml.nets import WithSigmoid

    x, y, description = load_data(kind, csv_path=csv_path, size=size, seed=seed)
    heuristic = description.pop("_heuristic")
    rng = np.random.default_rng(seed + 1)
    order = rng.permutation(len(y))
    cut = int(len(y) * 0.8)
    train_idx, test_idx = order[:cut], order[cut:]
    if len(train_idx) < BATCH or len(test_idx) < 10:
        raise ValueError("not enough rows to train and evaluate (need at least 200)")
    epochs = epochs or DEFAULT_EPOCHS[kind]
    started = time.perf_counter()
    net = _fit(kind, x, y, train_idx, epochs=epochs, seed=seed, rng=rng, progress=progress)

    version = registry.new_version(kind)
    path = registry.version_path(kind, version)
    path.mkdir(parents=True, exist_ok=True)
    ms.save_checkpoint(net, str(path / registry.CHECKPOINT))

    from campaigns.ml.serving import Predictor

    scores = Predictor(kind, WithSigmoid(net)).predict(x[test_idx])
    if kind == "campaign":  # judged as served: in the ensemble with the seasonal scorer
        from campaigns.ml.series import ensemble

        scores = ensemble(heuristic[test_idx], scores)
    threshold = thresholds()[kind]
    model_metrics = metrics.summary(y[test_idx], scores, threshold)
    heuristic_metrics = metrics.summary(y[test_idx], heuristic[test_idx], threshold)
    passed = bool(model_metrics["roc_auc"] > heuristic_metrics["roc_auc"])
    dev = None
    if kind == "campaign":
        dev = _dev_set_check(Predictor(kind, WithSigmoid(net)), version, progress)
        if dev is not None:
            passed = dev["passed"]
    card = {
        "kind": kind,
        "version": version,
        "created_at": datetime.now(UTC).isoformat(),
        "schema_version": features.SCHEMA_VERSION,
        "schema": features.schema_description(),
        "architecture": ARCHITECTURES[kind],
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
    if dev is not None:
        card["dev_set"] = dev
        card["activation_rule"] = (
            "the candidate's mean event AUC on the dev set (no constants tuned on it) above the best baseline's "
            "(simple or published) and the seasonal scorer's"
        )
    else:
        card["activation_rule"] = "held-out ROC-AUC above the old heuristic's (no dev set configured)"
    registry.write_card(kind, version, card)
    _report(card, progress)
    return card


def _report(card: dict, progress: Callable[[str], None]) -> None:
    dev, passed = card.get("dev_set"), card["passed"]
    model_metrics, heuristic_metrics = card["metrics"]["model"], card["metrics"]["heuristic"]
    if dev is not None:
        d = dev["scorers"]
        progress(
            f"{card['kind']}: dev-set event AUC (all / surge series) candidate {d['served']['all']:.3f} / "
            f"{d['served']['surge']:.3f}, out-of-fold detector {d['detector']['all']:.3f}, "
            f"seasonal scorer {d['heuristic']['all']:.3f} / "
            f"{d['heuristic']['surge']:.3f}, "
            f"best baseline ({dev['best_baseline']}) {d[dev['best_baseline']]['all']:.3f}"
        )
    progress(
        f"{card['kind']}: held-out ROC-AUC model {model_metrics['roc_auc']:.3f} vs heuristic "
        f"{heuristic_metrics['roc_auc']:.3f} → "
        f"{'ACTIVE' if passed else 'not activated (rule: ' + card['activation_rule'] + ')'}"
    )


def _dev_set_check(candidate, version: str, progress: Callable[[str], None]) -> dict | None:
    """The candidate campaign model on the configured dev set (None when there is none): event AUC of the
    ensemble, the seasonal scorer alone and the baselines, and whether it may be activated."""
    from campaigns.ml import evaluation, protocol

    path = evaluation.dev_set_path()
    if path is None:
        return None
    progress(f"campaign: scoring the dev set {path} …")
    result = protocol.evaluate(evaluation.load_dev_set(path), predictor=(f"model:{version}", candidate))
    slim = {
        "path": str(path),
        "protocol": "leave-one-source-out folds; baselines and the candidate have no constants tuned on the set",
        "series": result["series"],
        "surge_series": result["surge_series"],
        "best_baseline": result["best_baseline"],
        "scorers": {name: {"all": s["all"], "surge": s["surge"]} for name, s in result["scorers"].items()},
        "designs": result["designs"],
        "folds": result["folds"],
    }
    slim["passed"] = protocol.beats_baselines(result, name="served")
    return slim
