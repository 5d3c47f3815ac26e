"""Serving: the active checkpoints in MindSpore GRAPH mode with fixed batch shapes, or the old heuristics while
no model of a kind exists. Every result says which scorer produced it ("model:<version>" or "heuristic").

MindSpore is imported on first use, never at Django start-up, and never in a process that forks later (the
Celery prefork parent, the gunicorn master): `ml` worker children warm up in `worker_process_init`
(campaigns/tasks.py), gunicorn web workers in `post_worker_init` (gunicorn.conf.py). Volume series are scored
through campaigns/ml/series.py.
"""

import os
import threading
import time

import numpy as np

from campaigns import features
from campaigns.ml import registry

BUCKETS = (1, 64, 512, 4096)  # batch shapes compiled by GRAPH mode; inputs are padded up to one of them
RECHECK_SECONDS = 30.0  # how often a long-lived process looks for a newer active model

_lock = threading.Lock()
_loaded: dict[str, tuple[str, "Predictor", float]] = {}  # kind → (version, predictor, checked_at)
_context_ready = False


class ModelUnavailable(RuntimeError):
    """A model exists on disk but cannot be loaded (never silently replaced by the heuristic)."""


def mindspore_context():
    global _context_ready
    os.environ.setdefault("GLOG_v", "3")
    import mindspore as ms

    if not _context_ready:
        ms.set_context(mode=ms.GRAPH_MODE)
        ms.set_device("CPU")
        _context_ready = True
    return ms


class Predictor:
    """Batched inference with inputs padded to fixed shapes (one graph compile per bucket)."""

    def __init__(self, kind: str, net):
        self.kind, self.net = kind, net
        self.net.set_train(False)
        self.ms = mindspore_context()

    def predict(self, x: np.ndarray) -> np.ndarray:
        x = np.ascontiguousarray(x, dtype=np.float32)
        n = x.shape[0]
        out = np.empty(n, dtype=np.float32)
        biggest = BUCKETS[-1]
        for start in range(0, n, biggest):
            chunk = x[start : start + biggest]
            size = next(b for b in BUCKETS if b >= len(chunk))
            if size != len(chunk):
                chunk = np.concatenate([chunk, np.zeros((size - len(chunk), *chunk.shape[1:]), np.float32)])
            out[start : start + biggest] = self.net(self.ms.Tensor(chunk)).asnumpy()[: min(biggest, n - start)]
        return out

    def warm_up(self) -> None:
        shape = (features.WINDOW, len(features.STEP_NAMES)) if self.kind == "campaign" else (self.net_width(),)
        for size in BUCKETS:
            self.predict(np.zeros((size, *shape), np.float32))

    def net_width(self) -> int:
        return len(features.BEHAVIOUR_NAMES) if self.kind == "cohort" else len(features.UPLIFT_NAMES)


def load(kind: str, card: dict) -> Predictor:
    ms = mindspore_context()
    from campaigns.ml.nets import WithSigmoid, build

    net = build(kind)
    try:
        missing = ms.load_param_into_net(net, ms.load_checkpoint(f"{card['path']}/{registry.CHECKPOINT}"))
    except Exception as exc:  # noqa: BLE001 - reported with the version that failed
        raise ModelUnavailable(f"cannot load {kind} model {card.get('version')}: {exc}") from exc
    if missing and any(missing):
        raise ModelUnavailable(f"{kind} model {card.get('version')} lacks parameters: {missing}")
    return Predictor(kind, WithSigmoid(net))


def predictor(kind: str) -> tuple[str, Predictor | None]:
    """(scorer label, predictor or None for the heuristic) for the active model of this kind."""
    now = time.monotonic()
    cached = _loaded.get(kind)
    if cached and now - cached[2] < RECHECK_SECONDS:
        return f"model:{cached[0]}", cached[1]
    with _lock:
        card = registry.active_card(kind)
        if card is None:
            _loaded.pop(kind, None)
            return "heuristic", None
        if cached and cached[0] == card["version"]:
            _loaded[kind] = (cached[0], cached[1], now)
            return f"model:{cached[0]}", cached[1]
        loaded = load(kind, card)
        _loaded[kind] = (card["version"], loaded, now)
        return f"model:{card['version']}", loaded


def forget() -> None:
    """Drops loaded models (tests switching model directories; a process told to reload)."""
    _loaded.clear()


def warm_up() -> dict[str, str]:
    """Loads every active model and compiles every batch shape. Call in the process that will score."""
    scorers = {}
    for kind in registry.KINDS:
        scorer, model = predictor(kind)
        if model is not None:
            model.warm_up()
        scorers[kind] = scorer
    return scorers


# --- the three scorers (raw inputs in, scores 0..1 out) ----------------------------------------------------------


def score_behaviour(raw: np.ndarray) -> tuple[np.ndarray, str]:
    raw = np.asarray(raw, dtype=np.float32).reshape(-1, len(features.BEHAVIOUR_NAMES))
    scorer, model = predictor("cohort")
    if model is None:
        return features.heuristic_vulnerability(raw), scorer
    return model.predict(features.normalise_behaviour(raw)), scorer


def score_uplift(raw: np.ndarray, context) -> tuple[np.ndarray, str]:
    raw = np.asarray(raw, dtype=np.float32).reshape(-1, len(features.BEHAVIOUR_NAMES))
    scorer, model = predictor("uplift")
    if model is None:
        ctx = np.broadcast_to(np.asarray(context, np.float32), (raw.shape[0], len(features.CAMPAIGN_CONTEXT_NAMES)))
        return features.heuristic_uplift(raw, ctx), scorer
    return model.predict(features.uplift_matrix(raw, context)), scorer


def scorers() -> dict[str, str]:
    """Which scorer each kind would use now, without loading MindSpore."""
    out = {}
    for kind in registry.KINDS:
        cached = _loaded.get(kind)
        card = registry.active_card(kind)
        out[kind] = f"model:{card['version']}" if card else "heuristic"
        if cached and card and cached[0] != card["version"]:
            out[kind] += " (reload pending)"
    return out
