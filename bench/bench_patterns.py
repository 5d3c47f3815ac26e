"""Fraud-pattern analysis at 1,000,000 cases in PostgreSQL.

- full report (patterns.analysis.build_report) vs one raw SQL GROUP BY scan of the same table (the floor);
- full report vs reading every row into Python and counting there (what the old analyser did);
- peak Python memory of the report at two sizes (flat: the database does the counting).
Every case lies inside the report's window, so the report and the floor both cover all rows.
"""

import datetime as dt
import time
import tracemalloc
from collections import Counter
from zoneinfo import ZoneInfo

from bench.common import Row, timed

SIZES = (100_000, 1_000_000)
DAYS = 90
PYTHON_BASELINE_BUDGET_S = 60.0  # beyond this the Python baseline is measured on fewer rows and scaled

LOAD_SQL = """
INSERT INTO patterns_fraudcase
    (id, occurred_at, district, area, fraud_type, category, amount, source, source_ref, reporter_hash, fraudster_keys,
     created_at)
SELECT gen_random_uuid(),
       %(end)s - (random() * %(seconds)s) * interval '1 second',
       'District ' || lpad((floor(power(random(), 2) * 40))::int::text, 2, '0'),
       'Area ' || (floor(random() * 12))::int,
       (%(fraud_types)s::text[])[1 + floor(random() * %(type_count)s)::int],
       CASE WHEN random() < 0.15 THEN 'Social' ELSE 'Financial' END,
       round((random() * 100000)::numeric, 2),
       'csv', 'bench-' || g, '', '', now()
FROM generate_series(%(first)s, %(last)s) AS g
"""


def _load(cursor, first: int, last: int, end: dt.datetime) -> None:
    from fraudsafe.vocabulary import FraudType

    params = {"end": end, "seconds": (DAYS - 1) * 86400, "first": first, "last": last}
    cursor.execute(LOAD_SQL, {**params, "fraud_types": FraudType.values, "type_count": len(FraudType.values)})


def _floor(cursor, zone: str) -> None:
    cursor.execute(
        "SELECT EXTRACT(hour FROM occurred_at AT TIME ZONE %s) AS h, count(*) FROM patterns_fraudcase GROUP BY 1",
        [zone],
    )
    cursor.fetchall()


def _python_count(limit: int | None, zone: ZoneInfo, whole_cases: bool = False) -> int:
    """Count hours, districts/areas, types and days in Python: from five columns (the leanest possible read), or
    from whole cases (the old analyser loaded every case document with all its fields)."""
    from patterns.models import FraudCase

    hours, districts, types, days = Counter(), Counter(), Counter(), Counter()
    if whole_cases:
        rows = (
            (c.occurred_at, c.district, c.area, c.fraud_type, c.category)
            for c in (FraudCase.objects.order_by()[:limit] if limit else FraudCase.objects.order_by()).iterator(
                chunk_size=20_000
            )
        )
    else:
        query = FraudCase.objects.order_by().values_list("occurred_at", "district", "area", "fraud_type", "category")
        rows = (query[:limit] if limit else query).iterator(chunk_size=20_000)
    n = 0
    for when, district, area, fraud_type, category in rows:
        local = when.astimezone(zone)
        hours[local.hour] += 1
        districts[district, area] += 1
        types[fraud_type, category] += 1
        days[local.date()] += 1
        n += 1
    return n


def _report_memory(start, end) -> float:
    from patterns.analysis import build_report

    tracemalloc.start()
    build_report(start=start, end=end)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 1_048_576


def run() -> list[Row]:
    from django.conf import settings
    from django.db import connection

    from patterns.analysis import build_report

    if connection.vendor != "postgresql":
        return [Row("patterns bench skipped (needs PostgreSQL)", 0, "")]
    zone_name = settings.TIME_ZONE
    zone = ZoneInfo(zone_name)
    end = dt.datetime.now(dt.UTC).replace(microsecond=0)
    start = end - dt.timedelta(days=DAYS)
    rows: list[Row] = []
    memory = {}
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE patterns_fraudcase")
        loaded = 0
        for size in SIZES:
            began = time.perf_counter()
            _load(cursor, loaded + 1, size, end - dt.timedelta(seconds=1))
            loaded = size
            cursor.execute("ANALYZE patterns_fraudcase")
            if size != SIZES[-1]:
                memory[size] = _report_memory(start, end)
                continue
            rows.append(Row(f"load to {size:,} cases (INSERT … SELECT)", time.perf_counter() - began, "s"))
            memory[size] = _report_memory(start, end)
            # Interleaved, best of 5 each: the machine is shared, so both see the same background load.
            report_s = floor_s = float("inf")
            for _ in range(5):
                report_s = min(report_s, timed(lambda: build_report(start=start, end=end)))
                floor_s = min(floor_s, timed(lambda: _floor(cursor, zone_name)))
            rows.append(
                Row(
                    f"full report, {size:,} cases (report / floor)",
                    report_s * 1000,
                    "ms",
                    "one raw SQL GROUP BY scan",
                    floor_s * 1000,
                    report_s / floor_s,
                    "<= 3x",
                    report_s / floor_s <= 3,
                )
            )
            for whole, what in ((True, "whole cases (old analyser)"), (False, "5 columns (leanest read)")):
                began = time.perf_counter()
                _python_count(100_000, zone, whole)
                per_row = (time.perf_counter() - began) / 100_000
                if per_row * size > PYTHON_BASELINE_BUDGET_S:
                    python_s, note = per_row * size, ", scaled from 100k"
                else:
                    python_s, note = timed(lambda whole=whole: _python_count(None, zone, whole)), ""
                rows.append(
                    Row(
                        f"speed-up over Python counting of {size:,} {what}{note} (python / report)",
                        report_s * 1000,
                        "ms",
                        "read rows + Counter",
                        python_s * 1000,
                        python_s / report_s,
                        ">= 20x",
                        python_s / report_s >= 20,
                    )
                )
        cursor.execute("TRUNCATE patterns_fraudcase")
    small, large = SIZES
    rows.append(
        Row(
            f"report peak Python memory at {small:,} vs {large:,} cases",
            memory[large],
            "MiB",
            f"at {small:,} cases",
            memory[small],
            memory[large] / memory[small] if memory[small] else None,
            "flat (ratio ~1)",
            memory[large] <= memory[small] * 1.5 + 1,
        )
    )
    return rows
