"""The one scoring path for volume series: the API's score-series and detect, the detection beat job, the
score_series command, the evaluation on real series and the benchmarks all come through `score_series`.

Each bucket gets (campaigns/ml/seasonal.py) a robust seasonal residual against the series' own history and a
calibrated surge score. While a campaign model is active, its LSTM reads the last WINDOW buckets of residuals
and contact ratios, and the bucket's surge score is their weighted mean in log-odds (2 : 1, seasonal : LSTM;
the model card records what each scores on real series). Drops score at most seasonal.DROP_CAP: unusual,
never a campaign.

A long series can be scored in pages: the result carries `state` (an opaque token holding what later points
need); sending it with the next page gives exactly the scores of scoring everything at once.
"""

import base64
import json
import zlib
from dataclasses import dataclass

import numpy as np

from campaigns import features
from campaigns.ml import seasonal, serving

STATE_VERSION = 1
MAX_STATE_BYTES = 4_000_000  # decompressed; a state never needs more (a few weeks of buckets)


class BadState(ValueError):
    """The `state` token is not one this service issued (or was cut short)."""


@dataclass
class Carried:
    history: seasonal.History
    steps: np.ndarray  # (≤ WINDOW-1, 3) the last step features
    step_seconds: float


@dataclass
class Scored:
    scores: np.ndarray  # (n,) 0..1: max(surge, drop)
    surge: np.ndarray
    drop: np.ndarray
    scorer: str
    carried: Carried


def _inputs(values, timestamps, unique, suspicious, carried: Carried | None, step_seconds: float | None):
    values = np.asarray(values, dtype=np.float64)
    step = (carried.step_seconds if carried else None) or step_seconds
    if timestamps is None:
        step = step or 3600.0
        last = carried.history.t[-1] if carried and len(carried.history.t) else -step
        timestamps = last + step * np.arange(1, len(values) + 1)
    timestamps = np.asarray(timestamps, dtype=np.float64)
    step = step or seasonal.bucket_seconds(timestamps, 3600.0)  # the first page's spacing, then carried
    res = seasonal.residuals(values, timestamps, history=carried.history if carried else None, step=step)
    steps = features.step_features(res.z, values, unique, suspicious)
    before = carried.steps if carried else None
    tail = np.concatenate([before, steps]) if before is not None else steps
    return res, steps, before, Carried(res.history, tail[-(features.WINDOW - 1) :], step)


MODEL_WEIGHT = 0.5  # the LSTM's weight in log-odds, next to the seasonal scorer's 1


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(np.asarray(p, dtype=np.float64), 1e-6, 1 - 1e-6)
    return np.log(p / (1 - p))


def ensemble(seasonal_surge: np.ndarray, learned: np.ndarray) -> np.ndarray:
    """Weighted mean in log-odds: where both say 0.8, the ensemble says 0.8."""
    mixed = (_logit(seasonal_surge) + MODEL_WEIGHT * _logit(learned)) / (1 + MODEL_WEIGHT)
    return seasonal.sigmoid(mixed)


def score_many(series: list[dict], *, predictor=None) -> list[Scored]:
    """Scores several series at once (one batched model call). Each dict: values, and optionally timestamps
    (seconds), unique, suspicious, carried (a Carried from an earlier page), step_seconds. `predictor`
    ((scorer label, Predictor or None)) replaces the active model (training evaluates a candidate with it)."""
    prepared = [
        _inputs(
            s["values"],
            s.get("timestamps"),
            s.get("unique"),
            s.get("suspicious"),
            s.get("carried"),
            s.get("step_seconds"),
        )
        for s in series
    ]
    scorer, model = predictor or serving.predictor("campaign")
    learned = None
    if model is not None and prepared:
        windows = [features.step_windows(steps, before) for _, steps, before, _ in prepared]
        learned = np.split(model.predict(np.concatenate(windows)), np.cumsum([len(w) for w in windows])[:-1])
    out = []
    for i, (res, _steps, _before, carried) in enumerate(prepared):
        surge = res.surge if learned is None else ensemble(res.surge, learned[i])
        out.append(Scored(np.maximum(surge, res.drop), surge, res.drop, scorer, carried))
    return out


def latest_only(values, timestamps, *, unique=None, suspicious=None, step_seconds=None) -> dict:
    """A score_many item whose last bucket scores exactly as in the whole series, computing only the newest
    buckets (the detection job needs no more): earlier ones become the carried history."""
    keep = features.WINDOW + seasonal.CARRY
    values = np.asarray(values, dtype=np.float64)
    item = {"values": values, "timestamps": timestamps, "unique": unique, "suspicious": suspicious}
    if len(values) <= seasonal.LEVEL_POINTS + keep:
        return item | {"step_seconds": step_seconds}
    cut = len(values) - keep
    t = np.asarray(timestamps, dtype=np.float64)
    history = seasonal.History(t[:cut], np.log1p(np.maximum(values[:cut], 0.0)))
    step = step_seconds or seasonal.bucket_seconds(t, 3600.0)
    carried = Carried(history, np.zeros((0, len(features.STEP_NAMES)), np.float32), step)
    return {
        "values": values[cut:],
        "timestamps": t[cut:],
        "unique": None if unique is None else np.asarray(unique)[cut:],
        "suspicious": None if suspicious is None else np.asarray(suspicious)[cut:],
        "carried": carried,
    }


def score_series(
    values, timestamps=None, *, unique=None, suspicious=None, carried=None, step_seconds=None, predictor=None
) -> Scored:
    """Scores every bucket of one series (oldest first)."""
    return score_many(
        [
            {
                "values": values,
                "timestamps": timestamps,
                "unique": unique,
                "suspicious": suspicious,
                "carried": carried,
                "step_seconds": step_seconds,
            }
        ],
        predictor=predictor,
    )[0]


# --- the state token -----------------------------------------------------------------------------------------------


def _pack(a: np.ndarray) -> str:
    return base64.b64encode(np.ascontiguousarray(a, dtype="<f8").tobytes()).decode()


def _unpack(text: str, width: int = 1) -> np.ndarray:
    raw = base64.b64decode(text, validate=True)
    if len(raw) % (8 * width):
        raise BadState("truncated array")
    a = np.frombuffer(raw, dtype="<f8").astype(np.float64)
    return a.reshape(-1, width) if width > 1 else a


def state_dump(carried: Carried) -> str:
    h = carried.history
    body = {
        "v": STATE_VERSION,
        "step": carried.step_seconds,
        "t": _pack(h.t),
        "x": _pack(h.x),
        "r": _pack(h.r if h.r is not None else np.full(len(h.t), np.nan)),
        "z": _pack(h.z),
        "steps": _pack(carried.steps.astype(np.float64).ravel()),
    }
    packed = zlib.compress(json.dumps(body, separators=(",", ":")).encode(), 6)
    return base64.urlsafe_b64encode(packed).decode().rstrip("=")


def state_load(token: str) -> Carried:
    try:
        packed = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        inflater = zlib.decompressobj()
        raw = inflater.decompress(packed, MAX_STATE_BYTES)
        if inflater.unconsumed_tail:
            raise BadState("too large")
        body = json.loads(raw)
        if body.get("v") != STATE_VERSION:
            raise BadState("unknown version")
        t, x, r, z = (_unpack(body[k]) for k in ("t", "x", "r", "z"))
        steps = _unpack(body["steps"], len(features.STEP_NAMES)).astype(np.float32)
        step = float(body["step"])
    except BadState:
        raise
    except (ValueError, TypeError, KeyError, zlib.error, UnicodeDecodeError) as exc:
        raise BadState(str(exc)) from exc
    if not (len(t) == len(x) == len(r)) or len(z) > seasonal.CARRY or len(steps) >= features.WINDOW:
        raise BadState("inconsistent arrays")
    if not (np.all(np.isfinite(t)) and np.all(np.diff(t) >= 0) and np.isfinite(step) and step > 0):
        raise BadState("bad timestamps")
    if not (np.all(np.isfinite(x)) and np.all(np.isfinite(z)) and np.all(np.isfinite(steps))):
        raise BadState("bad values")
    return Carried(seasonal.History(t, x, r, z), steps, step)
