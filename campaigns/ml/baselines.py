"""Baselines the detector is judged against, every one scoring a point from that point and earlier ones only.

Simple: the raw value; |z| over the previous 24 points; |robust z| (median, 1.4826 MAD) over the previous
288 points. Published:

- *windowed Gaussian* (Numenta Anomaly Benchmark, `nab/detectors/gaussian/windowedGaussian_detector.py`,
  Lavin & Ahmad 2015): the mean and standard deviation of the last `WG_WINDOW` points, refreshed every
  `WG_STEP` points; a point scores 1 − the normal tail probability of |x − mean| (NAB's
  `1 - normalProbability`). Written from the paper and its reference code, with its published constants
  (window 6400, step 100).
- *left matrix-profile discord* (Yeh et al. 2016, `stumpy`): the z-normalised distance of the subsequence of
  `MP_WINDOW` points ending at a point to its nearest neighbour among earlier subsequences (the left matrix
  profile); a subsequence unlike anything before it is a discord.

Constants are the published or fixed ones, not tuned on the development set.
"""

import math
import warnings

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view
from scipy.special import erfc

SIMPLE = ("raw value", "z-score 24", "robust 288")
PUBLISHED = ("windowed gaussian", "left MP discord")
ALL = SIMPLE + PUBLISHED
MIN_POINTS = 10  # the rolling baselines say nothing before this many earlier points
WG_WINDOW, WG_STEP = 6400, 100
MP_WINDOW = 32


def _previous(values: np.ndarray, width: int) -> np.ndarray:
    padded = np.concatenate([np.full(width, np.nan), values])
    return sliding_window_view(padded[:-1], width)


def rolling(name: str, v: np.ndarray) -> np.ndarray:
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
    z[np.sum(~np.isnan(windows), axis=1) < MIN_POINTS] = 0.0
    return np.abs(np.nan_to_num(z, nan=0.0))


def windowed_gaussian(v: np.ndarray) -> np.ndarray:
    """NAB's windowed Gaussian: points [k·STEP, (k+1)·STEP) use the statistics of the WINDOW points before k·STEP."""
    out = np.zeros(len(v))
    for start in range(WG_STEP, len(v), WG_STEP):
        window = v[max(0, start - WG_WINDOW) : start]
        mean, std = float(window.mean()), float(window.std())
        chunk = v[start : start + WG_STEP]
        if std == 0.0:
            out[start : start + WG_STEP] = np.where(chunk == mean, 0.0, 1.0)
            continue
        z = np.abs(chunk - mean) / std
        out[start : start + WG_STEP] = 1.0 - 0.5 * erfc(z / math.sqrt(2.0))  # NAB: 1 - normalProbability(x)
    return out


def left_discord(v: np.ndarray, m: int = MP_WINDOW) -> np.ndarray:
    """The left matrix profile, placed at each subsequence's last point (0 where there is no earlier one)."""
    import stumpy

    out = np.zeros(len(v))
    if len(v) < 3 * m:
        return out
    v = np.asarray(v, dtype=np.float64)
    profile = stumpy.stump(v, m)
    left = profile[:, 2].astype(np.int64)
    has = left >= 0
    subs = sliding_window_view(v, m)
    mean, std = subs.mean(axis=1), subs.std(axis=1)
    i = np.flatnonzero(has)
    j = left[has]
    with np.errstate(invalid="ignore", divide="ignore"):
        flat_i, flat_j = std[i] < 1e-8, std[j] < 1e-8
        corr = ((subs[i] * subs[j]).mean(axis=1) - mean[i] * mean[j]) / (std[i] * std[j])
        dist = np.sqrt(np.maximum(2 * m * (1 - np.clip(corr, -1, 1)), 0.0))
    dist = np.where(flat_i & flat_j, 0.0, np.where(flat_i | flat_j, math.sqrt(m), dist))
    out[i + m - 1] = np.nan_to_num(dist, nan=0.0)
    return out


def score(name: str, values) -> np.ndarray:
    v = np.asarray(values, dtype=np.float64)
    if name == "raw value":
        return v
    if name in ("z-score 24", "robust 288"):
        return rolling(name, v)
    if name == "windowed gaussian":
        return windowed_gaussian(v)
    if name == "left MP discord":
        return left_discord(v)
    raise ValueError(f"unknown baseline {name!r}")
