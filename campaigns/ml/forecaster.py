"""The self-supervised MindSpore forecaster and Numenta's anomaly likelihood (no labels anywhere).

- *Input* (per bucket i): the last WINDOW buckets of the series' history-normalised log volume (the robust
  level residual of campaigns/ml/seasonal.py, computed from earlier points only, clipped to ±CLIP), each with
  the calendar of bucket i (hour of day, day of week as sine/cosine).
- *Model* (campaigns/ml/nets.py `Forecaster`): a GRU that predicts bucket i's normalised log volume as a
  Gaussian (mean, scale), trained by negative log-likelihood on the series it is given. One global model is
  trained across many normalised series (the training folds' in evaluation), then scores any series.
- *Score*: the forecast residual r = (x − mean) / scale, and from it the anomaly likelihood of Ahmad, Lavin,
  Purdy & Agha ("Unsupervised real-time anomaly detection for streaming data", Neurocomputing 2017, the
  method of NAB's Numenta detector): the mean of the last SHORT residuals against the mean and standard
  deviation of the last LONG ones, as a normal tail, here one-sided (surges), in log space
  (seasonal.calibrated), so that the score keeps its rank at the top.

Imports MindSpore: call from evaluation, training, the ml worker and tests only.
"""

import resource
import time

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from campaigns.ml import seasonal

WINDOW = 24
CLIP = 8.0
LONG = 288  # residuals whose distribution is the long-run normal
BATCH = 256
PREDICT_BATCH = 4096
EPOCHS = 2
MIN_STEPS = 240  # optimiser steps of a training run at least (about 1 s on one core)
MAX_WINDOWS = 16_000  # windows drawn per training run (bounded cost on 2 cores)
WARM_UP = 300  # the first buckets of a series are not trained on (their normalisation is still settling)


def calendar(t: np.ndarray) -> np.ndarray:
    day = 2 * np.pi * (t % seasonal.DAY) / seasonal.DAY
    week = 2 * np.pi * (t % seasonal.WEEK) / seasonal.WEEK
    return np.stack([np.sin(day), np.cos(day), np.sin(week), np.cos(week)], axis=1).astype(np.float32)


def windows(t: np.ndarray, z: np.ndarray) -> np.ndarray:
    """(n − WINDOW, WINDOW, 5): the inputs predicting buckets WINDOW … n−1."""
    z = np.clip(np.nan_to_num(np.asarray(z, np.float32)), -CLIP, CLIP)
    past = sliding_window_view(z[:-1], WINDOW)  # row k: z[k : k+WINDOW], predicting z[k+WINDOW]
    cal = calendar(np.asarray(t, np.float64)[WINDOW:])
    return np.concatenate([past[:, :, None], np.broadcast_to(cal[:, None, :], (len(cal), WINDOW, 4))], axis=2)


def target(z: np.ndarray) -> np.ndarray:
    return np.clip(np.nan_to_num(np.asarray(z, np.float32)), -CLIP, CLIP)[WINDOW:]


_TRAINER: list = []


def _fresh_trainer():
    import mindspore as ms
    from mindspore import nn

    from campaigns.ml.nets import Forecaster, GaussianNll

    if not _TRAINER:
        net = Forecaster()
        step = nn.TrainOneStepCell(GaussianNll(net), nn.Adam(net.trainable_params(), learning_rate=3e-3))
        first = {name: p.data.asnumpy().copy() for name, p in step.parameters_and_names()}
        _TRAINER.extend([net, step, first])
    net, step, first = _TRAINER
    for name, p in step.parameters_and_names():
        p.set_data(ms.Tensor(first[name]))
    return net, step


def fit(
    series: list[tuple[np.ndarray, np.ndarray]],
    *,
    net=None,
    epochs: int = EPOCHS,
    seed: int = 0,
    fresh_trainer: bool = False,
) -> dict:
    """Trains (or, given `net`, warm-starts from it) the forecaster on (t, z) series; `fresh_trainer` reuses one
    compiled trainer reset to its first state (the net is then shared: use it before the next fit). Returns
    the net, seconds, peak resident memory of the process and the windows trained on."""
    from campaigns.ml.serving import mindspore_context

    ms = mindspore_context()
    from mindspore import nn

    from campaigns.ml.nets import Forecaster, GaussianNll

    xs, ys = [], []
    for t, z in series:
        if len(z) > WARM_UP + WINDOW + 1:
            xs.append(windows(t, z)[WARM_UP:])
            ys.append(target(z)[WARM_UP:])
    x, y = np.concatenate(xs), np.concatenate(ys)
    rng = np.random.default_rng(seed)
    pick = rng.choice(len(y), min(MAX_WINDOWS, len(y)), replace=False)
    x, y = np.ascontiguousarray(x[pick]), y[pick]
    started = time.perf_counter()
    ms.set_seed(seed)
    if fresh_trainer:  # one compiled trainer, reset to its first weights and optimiser state (no recompile)
        net, step = _fresh_trainer()
    else:
        net = net or Forecaster()
        step = nn.TrainOneStepCell(GaussianNll(net), nn.Adam(net.trainable_params(), learning_rate=3e-3))
    step.set_train(True)
    losses = []
    epochs = max(epochs, -(-MIN_STEPS // max(1, len(y) // BATCH)))  # a short history: more passes, same steps
    for _ in range(epochs):
        order = rng.permutation(len(y))
        for start in range(0, len(order) - BATCH + 1, BATCH):  # fixed shape: one graph compile
            batch = order[start : start + BATCH]
            losses.append(float(step(ms.Tensor(x[batch]), ms.Tensor(y[batch])).asnumpy()))
    net.set_train(False)
    return {
        "net": net,
        "seconds": round(time.perf_counter() - started, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "windows": int(len(y)),
        "loss": round(float(np.mean(losses[-20:])), 4) if losses else None,
    }


def residuals(net, t: np.ndarray, z: np.ndarray) -> np.ndarray:
    """r per bucket: (x − forecast mean) / forecast scale; 0 for the first WINDOW buckets."""
    from campaigns.ml.serving import mindspore_context

    ms = mindspore_context()
    out = np.zeros(len(z))
    if len(z) <= WINDOW:
        return out
    x = windows(t, z)
    y = target(z)
    pred = np.empty((len(x), 2), np.float32)
    for start in range(0, len(x), PREDICT_BATCH):
        chunk = x[start : start + PREDICT_BATCH]
        size = len(chunk)
        if size < PREDICT_BATCH:
            chunk = np.concatenate([chunk, np.zeros((PREDICT_BATCH - size, WINDOW, 5), np.float32)])
        pred[start : start + size] = net(ms.Tensor(np.ascontiguousarray(chunk))).asnumpy()[:size]
    scale = np.exp(np.clip(pred[:, 1], -4.0, 3.0))
    out[WINDOW:] = (y - pred[:, 0]) / scale
    return out


def likelihood_evidence(r: np.ndarray, short: int) -> np.ndarray:
    """Numenta's anomaly likelihood as evidence: (mean of the last `short` residuals − mean of the LONG before
    them) / their standard deviation · √short (a normal deviate; 0 until there are LONG/4 earlier ones)."""
    r = np.asarray(r, np.float64)
    n = len(r)
    recent = np.convolve(r, np.ones(short) / short, mode="full")[:n]
    padded = np.concatenate([np.full(LONG, np.nan), r])
    past = sliding_window_view(padded[:-1], LONG)  # row i: the LONG residuals before i
    with np.errstate(invalid="ignore"), np.testing.suppress_warnings() as quiet:
        quiet.filter(RuntimeWarning)
        mean, std = np.nanmean(past, axis=1), np.nanstd(past, axis=1)
        enough = np.sum(~np.isnan(past), axis=1) >= LONG // 4
        evidence = (recent - mean) / np.maximum(std, 1e-3) * np.sqrt(short)
    return np.where(enough, np.nan_to_num(evidence), 0.0)


def score(evidence: np.ndarray) -> np.ndarray:
    return seasonal.calibrated(evidence)


# --- the designs the out-of-fold protocol judges (campaigns/ml/protocol.py) -----------------------------------------

_FITTED: dict[frozenset, dict] = {}


def _key(s) -> tuple:
    return (s.name, len(s.values), float(s.values.sum()))


_R: dict[tuple[frozenset, str], np.ndarray] = {}
TRAINING_RUNS: list[dict] = []  # every fit's cost, for the report


def _fold_model(train: list) -> tuple[frozenset, dict]:
    from campaigns.ml import protocol

    key = frozenset(_key(s) for s in train)
    if key not in _FITTED:
        run = fit([(s.t, protocol._residual_z(s, False)) for s in train], fresh_trainer=True)
        TRAINING_RUNS.append({k: v for k, v in run.items() if k != "net"} | {"series": len(train)})
        run["weights"] = {name: p.data.asnumpy().copy() for name, p in run["net"].parameters_and_names()}
        _FITTED[key] = run
    return key, _FITTED[key]


def _r(key: frozenset, run: dict, s) -> np.ndarray:
    from campaigns.ml import protocol

    if (key, _key(s)) not in _R:
        import mindspore as ms

        for name, p in run["net"].parameters_and_names():  # the shared trainer's net, with this fold's weights
            p.set_data(ms.Tensor(run["weights"][name]))
        _R[key, _key(s)] = residuals(run["net"], s.t, protocol._residual_z(s, False))
    return _R[key, _key(s)]


OWN_SHARE = 0.3  # an own-history model trains on the first 30 % of its series (at least OWN_MIN points)
OWN_MIN = 1000
_OWN: dict[str, np.ndarray] = {}


def _own_cut(s) -> int:
    return max(OWN_MIN, int(OWN_SHARE * len(s.values)))


def _own_history_scores(s) -> np.ndarray:
    """A model trained only on the series' own first buckets (no labels), scoring the whole series."""
    from campaigns.ml import protocol

    if _key(s) not in _OWN:
        z = protocol._residual_z(s, False)
        cut = _own_cut(s)
        run = fit([(s.t[:cut], z[:cut])], fresh_trainer=True)
        TRAINING_RUNS.append({k: v for k, v in run.items() if k != "net"} | {"series": s.name})
        _OWN[_key(s)] = score(likelihood_evidence(residuals(run["net"], s.t, z), 10))
    return _OWN[_key(s)]


def designs() -> list:
    """Global forecaster (trained on the training folds' series) + likelihood over 1 or 10 (NAB's) residuals;
    and ensembles with the seasonal scorer, combined by max or by the mean of their log-space scores."""
    from campaigns.ml import protocol

    seasonal_score = protocol.seasonal_design(seasonal.DEFAULT).score

    def likelihood(short: int):
        def fitter(train):
            key, run = _fold_model(train)
            return lambda s: score(likelihood_evidence(_r(key, run, s), short))

        return fitter

    def ensemble(short: int, rule: str):
        def fitter(train):
            own = likelihood(short)(train)
            combine = np.maximum if rule == "max" else lambda a, b: (a + b) / 2
            return lambda s: combine(own(s), seasonal_score(s))

        return fitter

    def own_history(rule: str):
        def scorer(s):
            own = _own_history_scores(s)
            fallback = seasonal_score(s)
            if rule == "fallback":  # the seasonal scorer until the forecaster has its history, then the forecaster
                return np.where(np.arange(len(own)) < _own_cut(s), fallback, own)
            return np.maximum(own, fallback)

        return scorer

    out = [protocol.Design(f"forecaster+likelihood(short={k})", fit=likelihood(k)) for k in (1, 10)]
    out += [
        protocol.Design("own-history forecaster (seasonal until trained)", score=own_history("fallback")),
        protocol.Design("own-history forecaster max seasonal", score=own_history("max")),
    ]
    out += [
        protocol.Design(f"ensemble {rule}(forecaster short={k}, seasonal)", fit=ensemble(k, rule))
        for k in (1, 10)
        for rule in ("max", "mean")
    ]
    return out
