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
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from django.conf import settings

from campaigns.ml import baselines

BASELINES = baselines.ALL


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


def baseline(name: str, values: np.ndarray) -> np.ndarray:
    """One baseline's scores (campaigns/ml/baselines.py)."""
    return baselines.score(name, values)


def group_of(name: str) -> str:
    """A series' source: its folder (one NAB family: AWS CloudWatch, ad exchange, traffic sensors, …)."""
    return name.split("/", 1)[0]


def summarise(dev: list[DevSeries], aucs: dict[str, list[float]]) -> dict:
    """{scorer: {"all": mean, "surge": mean over surge series, "series": {name: auc}}}."""
    surge = np.array([s.surge for s in dev])
    table = {}
    for name, values in aucs.items():
        values = np.array(values, dtype=np.float64)
        table[name] = {
            "all": round(float(np.nanmean(values)), 4),
            "surge": round(float(np.nanmean(values[surge])), 4) if surge.any() else None,
            "series": {s.name: round(float(a), 4) for s, a in zip(dev, values, strict=True)},
        }
    return table
