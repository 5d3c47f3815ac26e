"""Scoring anyone's series: a score for every point, from the window of WINDOW steps ending at that point
(earlier points are scored with the silence-padded history there is)."""

import numpy as np

from campaigns import features
from campaigns.ml import serving


def series_windows(values, unique=None, suspicious=None) -> tuple[np.ndarray, np.ndarray | None, np.ndarray | None]:
    """(n,) series → (n, WINDOW) sliding windows, left-padded with zeros."""

    def slide(v):
        if v is None:
            return None
        v = np.asarray(v, dtype=np.float32)
        padded = np.concatenate([np.zeros(features.WINDOW - 1, np.float32), v])
        return np.lib.stride_tricks.sliding_window_view(padded, features.WINDOW).copy()

    return slide(values), slide(unique), slide(suspicious)


def score_series(values, unique=None, suspicious=None) -> tuple[np.ndarray, str]:
    if len(values) == 0:
        return np.zeros(0, np.float32), serving.scorers()["campaign"]
    counts, uniq, susp = series_windows(values, unique, suspicious)
    return serving.score_windows(counts, uniq, susp)
