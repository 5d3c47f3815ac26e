"""Benchmark interface: each `bench/bench_<name>.py` defines `run() -> list[Row]`.

`python -m bench` (make bench) sets Django up on PostgreSQL (a fresh `bench_fraudsafe` database, migrated),
calls every module's run(), and prints one table: figure, value, baseline measured in the same run, ratio,
target, pass/fail. Benchmarks never assert; they report.
"""

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class Row:
    figure: str  # what was measured, e.g. "webhook step p99"
    value: float
    unit: str  # "ms", "req/s", "rows/s", "x"
    baseline_name: str = ""  # e.g. "bare Django view", "raw SQL GROUP BY"
    baseline_value: float | None = None
    ratio: float | None = None  # value / baseline (or baseline / value for speed-ups; say which in figure)
    target: str = ""  # e.g. "<= 25 ms", ">= 50 % of baseline"
    ok: bool | None = None


def timed(fn: Callable[[], object], repeat: int = 1) -> float:
    """Best wall time in seconds of `repeat` calls."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - started)
    return best


def percentiles(samples_s: list[float]) -> tuple[float, float]:
    """(p50, p99) in milliseconds."""
    ordered = sorted(samples_s)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return statistics.median(ordered) * 1000, p99 * 1000
