"""Judging the campaign detector on real labelled series (a development set such as NAB's) with event AUC,
next to simple baselines computed in the same run. The product never needs the set: training uses it for
the activation gate when CAMPAIGNS_DEV_SET points at one; `manage.py evaluate_detector` and the benchmark
print the table.

Set layout: `labels.json` ({"<group>/<name>.csv": [[start, end], ...]}) and `<group>/<name>.csv` files with
`timestamp,value` columns. Every series is scored through campaigns.ml.series, the API's code path.

Event AUC (per series; scores use only the point and earlier ones): positives are each labelled window's
highest score; negatives are the highest score of every stretch of L points (L = median window length)
touching no window, walking from the start (a clean stretch jumps L points, one touching a window moves on
by one); AUC = share of (positive, negative) pairs ranked right, ties counting a half. Reported as the mean
over series, on the whole set and on the surge series: those whose every window is a surge (its peak rises
further above the median of the stretch before it, twice the window's length, than its trough falls below).
"""

import csv
import json
import warnings
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from django.conf import settings
from numpy.lib.stride_tricks import sliding_window_view

from campaigns.ml import series as series_scoring

BASELINES = ("raw value", "z-score 24", "robust 288")
MIN_BASELINE_POINTS = 10  # the baselines' rolling windows say nothing before this many earlier points


@dataclass
class DevSeries:
    name: str
    t: np.ndarray  # seconds
    values: np.ndarray
    windows: list[tuple[int, int]]  # inclusive point indexes

    @property
    def surge(self) -> bool:
        for a, b in self.windows:
            before = self.values[max(0, a - 2 * (b - a + 1)) : a]
            level = np.median(before if len(before) else self.values[: a + 1])
            inside = self.values[a : b + 1]
            if inside.max() - level <= level - inside.min():
                return False
        return True


def dev_set_path() -> Path | None:
    path = Path(settings.CAMPAIGNS_DEV_SET) if settings.CAMPAIGNS_DEV_SET else None
    return path if path and (path / "labels.json").is_file() else None


def _seconds(text: str) -> float:
    return datetime.fromisoformat(text.strip().split(".")[0]).replace(tzinfo=UTC).timestamp()


def load_dev_set(path: Path, names: list[str] | None = None) -> list[DevSeries]:
    labels = json.loads((path / "labels.json").read_text())
    out = []
    for name in sorted(names or labels):
        with (path / name).open(newline="") as handle:
            rows = list(csv.DictReader(handle))
        t = np.array([_seconds(r["timestamp"]) for r in rows])
        values = np.array([float(r["value"]) for r in rows])
        windows = []
        for start, end in labels[name]:
            inside = np.flatnonzero((t >= _seconds(start)) & (t <= _seconds(end)))
            if len(inside):
                windows.append((int(inside[0]), int(inside[-1])))
        if windows:
            out.append(DevSeries(name, t, values, windows))
    return out


def event_auc(scores: np.ndarray, windows: list[tuple[int, int]]) -> float:
    scores = np.asarray(scores, dtype=np.float64)
    n = len(scores)
    positives = np.array([scores[a : b + 1].max() for a, b in windows])
    length = int(np.median([b - a + 1 for a, b in windows]))
    inside = np.zeros(n, dtype=bool)
    for a, b in windows:
        inside[a : b + 1] = True
    touched = np.concatenate([[0], np.cumsum(inside)])
    negatives, i = [], 0
    while i + length <= n:
        if touched[i + length] == touched[i]:
            negatives.append(scores[i : i + length].max())
            i += length
        else:
            i += 1
    if not negatives:
        return float("nan")
    negatives = np.array(negatives)
    above = (positives[:, None] > negatives[None, :]).sum()
    ties = (positives[:, None] == negatives[None, :]).sum()
    return float((above + 0.5 * ties) / (len(positives) * len(negatives)))


def _previous(values: np.ndarray, width: int) -> np.ndarray:
    padded = np.concatenate([np.full(width, np.nan), values])
    return sliding_window_view(padded[:-1], width)


def baseline(name: str, values: np.ndarray) -> np.ndarray:
    """The baselines: raw value; |z| over the previous 24 points; |robust z| (median, 1.4826 MAD) over the
    previous 288 points. Nothing (0) before MIN_BASELINE_POINTS earlier points."""
    v = np.asarray(values, dtype=np.float64)
    if name == "raw value":
        return v
    width = 24 if name == "z-score 24" else 288
    windows = _previous(v, width)
    with np.errstate(invalid="ignore", divide="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-nan windows at the start
        if name == "z-score 24":
            z = (v - np.nanmean(windows, axis=1)) / (np.nanstd(windows, axis=1) + 1e-9)
        else:
            median = np.nanmedian(windows, axis=1)
            mad = np.nanmedian(np.abs(windows - median[:, None]), axis=1)
            z = (v - median) / (1.4826 * mad + 1e-9)
    z[np.sum(~np.isnan(windows), axis=1) < MIN_BASELINE_POINTS] = 0.0
    return np.abs(np.nan_to_num(z, nan=0.0))


def evaluate(dev: list[DevSeries], *, predictor=None, with_heuristic: bool = True) -> dict:
    """Mean event AUC per scorer, on the whole set and on the surge series, and per series.

    Scorers: "detector" (the active model, or `predictor`, through the API's path), "heuristic" (the
    seasonal scorer alone, when `with_heuristic`) and the baselines."""
    scorers: dict[str, list[float]] = {}
    detector_label = None
    for s in dev:
        scored = series_scoring.score_series(s.values, s.t, predictor=predictor)
        detector_label = scored.scorer
        results = {"detector": scored.scores}
        if with_heuristic and scored.scorer != "heuristic":
            results["heuristic"] = series_scoring.score_series(s.values, s.t, predictor=("heuristic", None)).scores
        for name in BASELINES:
            results[name] = baseline(name, s.values)
        for name, scores in results.items():
            scorers.setdefault(name, []).append(event_auc(scores, s.windows))
    surge = np.array([s.surge for s in dev])
    table = {}
    for name, aucs in scorers.items():
        aucs = np.array(aucs)
        table[name] = {
            "all": round(float(np.nanmean(aucs)), 4),
            "surge": round(float(np.nanmean(aucs[surge])), 4) if surge.any() else None,
            "series": {s.name: round(float(a), 4) for s, a in zip(dev, aucs, strict=True)},
        }
    best = max(BASELINES, key=lambda name: table[name]["all"])
    return {
        "series": len(dev),
        "surge_series": int(surge.sum()),
        "detector": detector_label,
        "scorers": table,
        "best_baseline": best,
        "best_baseline_surge": max(table[name]["surge"] or 0 for name in BASELINES),
    }


def beats_baselines(result: dict, *, name: str = "detector", margin: float = 0.0) -> bool:
    """The activation rule: better than the best baseline on the whole set by `margin`, and not worse than the
    seasonal scorer alone (when it was measured)."""
    scores = result["scorers"]
    ok = scores[name]["all"] > scores[result["best_baseline"]]["all"] + margin
    if "heuristic" in scores and name != "heuristic":
        ok = ok and scores[name]["all"] >= scores["heuristic"]["all"]
    return bool(ok)
