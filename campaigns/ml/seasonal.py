"""Each series' own normal: a robust, seasonal residual for every point, from that point's history only.

For a point x_i (volumes in log1p space, so a doubling means the same at 40 calls an hour as at 40,000):

- *level and scale*: the median and the inter-quartile range of the previous `LEVEL_POINTS` points (a floor
  keeps a flat history from turning a wobble into an alarm);
- *daily and weekly seasonality*: the median of the values at the same time of day on the previous
  `SEASON_DAYS` days (at the same time of the week on the previous `SEASON_WEEKS` weeks once there are two);
  the residual against that reference is scored against its own recent median and scale;
- the point's residual `z` is the seasonal one once the series has a season to compare with (a daily peak is
  high against the level but normal against its season), the level one before that;
- *evidence of a surge*: a scan over the last 3, 6 and 12 residuals (sum / √k), so that one huge bucket and
  a dozen moderately raised ones both count (but never more than OWN_SHARE times the bucket's own residual:
  the hours after a surge are not flagged);
- *calibration*: the evidence's two-sided normal tail probability p, in log space (`log_ndtr`, exact far
  into the tail), becomes `surge = L² / (L² + L_HALF²)` with `L = −log p`: strictly increasing, never 1, so a
  bigger surge always outranks a big one (no ties at the top); the same evidence gives the same score on
  every series and channel, whatever its volume, and `CENTRE` evidence scores the deployment threshold's
  0.8. A drop gives at most `DROP_CAP` (unusual, never a campaign).

Everything is computed from earlier points only, so scoring a long series at once, in pages with the carried
`History`, or one new bucket at a time gives the same numbers. Pure numpy.
"""

from dataclasses import dataclass, field

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view
from scipy.special import log_ndtr

LEVEL_POINTS = 288  # level and scale come from this many previous points
MIN_POINTS = 12  # fewer previous points than this: no opinion (score 0)
SEASON_DAYS = 7
SEASON_WEEKS = 3
MIN_SEASONS = 2  # references needed before the seasonal residual is used
SCALE_FLOOR = 0.1  # × the spread (10th–90th percentile) of the history: the least scale a residual is divided by
ABS_FLOOR = 0.05  # and never less than 5 % (in log1p space)
SCAN = (3, 6, 12)  # the runs of residuals whose standardised sum is the surge evidence
CENTRE = 7.39  # evidence that scores 0.8 (the default threshold); the old sigmoid(evidence - 6) gave 0.8 there
OWN_SHARE = 3.0  # a bucket's evidence is at most this many times its own residual
DROP_CAP = 0.4  # the most a drop can score
Z_CLIP = 1e6  # only guards against inf; a clip at a small value would tie every big surge
DAY = 86400.0
WEEK = 7 * DAY
TAIL = max(SCAN) - 1  # residuals the scan looks back on
CARRY = 32  # residuals carried between pages (the scan's and the model's window)


def horizon_seconds() -> float:
    return max(SEASON_DAYS * DAY, SEASON_WEEKS * WEEK)


@dataclass
class History:
    """What scoring the next point needs from the points before it (carried between pages)."""

    t: np.ndarray = field(default_factory=lambda: np.zeros(0))  # seconds since the epoch
    x: np.ndarray = field(default_factory=lambda: np.zeros(0))  # log1p(volume)
    r: np.ndarray | None = None  # seasonal residual (nan where none); None: computed from t and x
    z: np.ndarray = field(default_factory=lambda: np.zeros(0))  # the last residuals (at most CARRY)

    def trimmed(self) -> "History":
        """Only what later points can reach: LEVEL_POINTS points and the seasonal horizon."""
        if not len(self.t):
            return self
        keep = max(LEVEL_POINTS, int(np.sum(self.t >= self.t[-1] - horizon_seconds() - DAY)))
        return History(self.t[-keep:], self.x[-keep:], self.r[-keep:], self.z[-CARRY:])


@dataclass
class Residuals:
    z: np.ndarray  # (n,) signed robust residual per point, clipped to ±Z_CLIP
    surge: np.ndarray  # (n,) 0..1 calibrated surge score
    drop: np.ndarray  # (n,) 0..DROP_CAP
    history: History  # carry into the next page


def _window_stats(values: np.ndarray, first: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For each point from `first` on: median, IQR-scale and 10–90 spread of the previous LEVEL_POINTS values
    (fewer at the start of a series; nan where fewer than MIN_POINTS). Values may hold nan (no reference)."""
    n = len(values)
    median, iqr, spread = (np.full(n - first, np.nan) for _ in range(3))
    full_from = max(first, LEVEL_POINTS)
    for i in range(first, min(full_from, n)):  # the start of a series: expanding windows
        w = values[max(0, i - LEVEL_POINTS) : i]
        w = w[~np.isnan(w)]
        if len(w) >= MIN_POINTS:
            q10, q25, q50, q75, q90 = np.percentile(w, (10, 25, 50, 75, 90))
            median[i - first], iqr[i - first], spread[i - first] = q50, q75 - q25, q90 - q10
    if full_from < n:
        windows = sliding_window_view(values[full_from - LEVEL_POINTS : n - 1], LEVEL_POINTS)
        has_nan = np.isnan(windows).any(axis=1)
        k = LEVEL_POINTS - 1
        marks = (round(0.1 * k), round(0.25 * k), round(0.5 * k), round(0.75 * k), round(0.9 * k))
        if not has_nan.all():
            part = np.partition(windows[~has_nan], marks, axis=1)
            rows = np.flatnonzero(~has_nan) + full_from - first
            median[rows] = part[:, marks[2]]
            iqr[rows] = part[:, marks[3]] - part[:, marks[1]]
            spread[rows] = part[:, marks[4]] - part[:, marks[0]]
        for j in np.flatnonzero(has_nan):  # windows with gaps in the seasonal residual
            w = windows[j][~np.isnan(windows[j])]
            if len(w) >= MIN_POINTS:
                q10, q25, q50, q75, q90 = np.percentile(w, (10, 25, 50, 75, 90))
                row = j + full_from - first
                median[row], iqr[row], spread[row] = q50, q75 - q25, q90 - q10
    return median, iqr, spread


def _robust_z(values: np.ndarray, first: int) -> np.ndarray:
    median, iqr, spread = _window_stats(values, first)
    scale = np.maximum(np.maximum(iqr / 1.349, SCALE_FLOOR * spread / 2.563), ABS_FLOOR)
    with np.errstate(invalid="ignore"):
        return (values[first:] - median) / scale


def _seasonal_reference(t: np.ndarray, x: np.ndarray, first: int, step: float) -> np.ndarray:
    """Median of the values at the same time of day (or of the week) on earlier days, per point from `first`."""
    targets_t = t[first:]
    out = np.full(len(targets_t), np.nan)
    if step <= 0 or step >= DAY:
        return out
    for period, count in ((WEEK, SEASON_WEEKS), (DAY, SEASON_DAYS)):
        stack = np.full((count, len(targets_t)), np.nan)
        for k in range(1, count + 1):
            target = targets_t - k * period
            j = np.clip(np.searchsorted(t, target), 0, len(t) - 1)
            near = np.abs(t[j] - target) <= step / 2
            stack[k - 1, near] = x[j[near]]
        enough = np.sum(~np.isnan(stack), axis=0) >= MIN_SEASONS
        fill = np.isnan(out) & enough
        if fill.any():
            out[fill] = np.nanmedian(stack[:, fill], axis=0)
    return out


def bucket_seconds(t: np.ndarray, default: float) -> float:
    """The series' bucket: the median spacing of its timestamps."""
    if len(t) < 2:
        return default
    gaps = np.diff(t)
    gaps = gaps[gaps > 0]
    return float(np.median(gaps)) if len(gaps) else default


def surge_evidence(z: np.ndarray, tail: np.ndarray, scan: tuple[int, ...] = SCAN) -> np.ndarray:
    """Scan statistic: the largest sum of the last k residuals / √k over k in `scan` (0 at least)."""
    if not len(z):
        return np.zeros(0)
    tail = tail[-TAIL:] if TAIL else tail[:0]
    padded = np.concatenate([np.zeros(TAIL - len(tail)), tail, z])
    best = np.zeros(len(z))
    for k in scan:
        sums = np.convolve(padded, np.ones(k), mode="full")[: len(padded)]
        best = np.maximum(best, sums[-len(z) :] / np.sqrt(k))
    return best


def sigmoid(v: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-v))


def neg_log_tail(evidence: np.ndarray) -> np.ndarray:
    """−log of the two-sided normal tail probability of `evidence` (≥ 0), computed in log space."""
    e = np.maximum(np.asarray(evidence, dtype=np.float64), 0.0)
    return -(np.log(2.0) + log_ndtr(-e))


L_HALF = float(neg_log_tail(np.array([CENTRE]))[0]) / 2.0  # so that CENTRE scores 0.8


def calibrated(evidence: np.ndarray) -> np.ndarray:
    """0..1, strictly increasing in the evidence, never reaching 1 (see the module's docstring)."""
    surprise = (neg_log_tail(evidence) / L_HALF) ** 2
    return surprise / (surprise + 1.0)


@dataclass(frozen=True)
class Config:
    """The scorer's design choices that the out-of-fold protocol selects on training folds."""

    scan: tuple[int, ...] = SCAN
    own_share: float = OWN_SHARE
    season: bool = True

    @property
    def label(self) -> str:
        return f"seasonal(scan={'/'.join(map(str, self.scan))}, cap={self.own_share:g}, season={int(self.season)})"


DEFAULT = Config()


def surge_and_drop(z: np.ndarray, tail: np.ndarray, config: Config = DEFAULT) -> tuple[np.ndarray, np.ndarray]:
    """Calibrated surge and drop scores from residuals `z` (after the carried `tail` of earlier ones)."""
    # a bucket back to normal is not part of the surge, however raised the ones before it were
    evidence = surge_evidence(z, tail, config.scan)
    if np.isfinite(config.own_share):
        evidence = np.minimum(evidence, config.own_share * np.maximum(z, 0.0))
    return calibrated(evidence), DROP_CAP * calibrated(np.maximum(-z, 0.0))


def residuals(
    values, timestamps, *, history: History | None = None, step: float | None = None, config: Config = DEFAULT
) -> Residuals:
    """Scores `values` (oldest first) observed at `timestamps` (seconds), after the points in `history`."""
    history = history or History()
    new_t = np.asarray(timestamps, dtype=np.float64)
    new_x = np.log1p(np.maximum(np.asarray(values, dtype=np.float64), 0.0))
    t = np.concatenate([history.t, new_t])
    x = np.concatenate([history.x, new_x])
    first = len(history.t)
    step = step or bucket_seconds(t, 3600.0)
    if history.r is None:  # history given as raw points only: its residuals from its own timestamps
        reference = _seasonal_reference(t, x, 0, step)
        r = x - reference
    else:
        r = np.concatenate([history.r, new_x - _seasonal_reference(t, x, first, step)])
    z_level = _robust_z(x, first)
    z_season = _robust_z(r, first)
    z = np.where(np.isnan(z_season) | (not config.season), z_level, z_season)
    z = np.clip(np.nan_to_num(z, nan=0.0), -Z_CLIP, Z_CLIP)
    surge, drop = surge_and_drop(z, history.z, config)
    carried = History(t, x, r, np.concatenate([history.z, z])).trimmed()
    return Residuals(z=z, surge=surge, drop=drop, history=carried)
