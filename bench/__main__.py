"""`python -m bench [name ...]` (make bench): every benchmark in bench/, one table.

Sets Django up with the test settings on PostgreSQL, creates a fresh `test_bench_fraudsafe` database (migrated),
runs each `bench_<name>.run()` (optionally only the names given), prints figure / value / baseline measured in
the same run / ratio / target / verdict, and writes the table to var/bench/latest.md. The database is dropped
at the end. Benchmarks report; they never fail the command unless they crash.
"""

import importlib
import os
import pkgutil
import platform
import sys
import time
import traceback
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fraudsafe.settings_test")
os.environ.setdefault("FRAUDSAFE_TEST_DB", "postgres")
os.environ.setdefault("GLOG_v", "3")
os.environ["FRAUDSAFE_BENCH"] = "1"


def _machine() -> str:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{os.cpu_count()} cores ({cpu}), {mem_gb:.0f} GB RAM, Python {platform.python_version()}, {platform.system()}"
    )


def _fmt(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:,.3g}" if abs(value) < 1000 else f"{value:,.0f}"
    return str(value)


def main(argv: list[str]) -> int:
    import django
    from django.db import connection
    from django.test.utils import setup_databases, teardown_databases

    django.setup()
    from django.conf import settings

    # FRAUDSAFE_BENCH_DB names another database, so that two developers' runs on one machine never collide.
    connection.settings_dict["TEST"]["NAME"] = os.environ.get("FRAUDSAFE_BENCH_DB", "test_bench_fraudsafe")
    wanted = set(argv)
    names = sorted(m.name for m in pkgutil.iter_modules([str(Path(__file__).parent)]) if m.name.startswith("bench_"))
    names = [n for n in names if not wanted or n.removeprefix("bench_") in wanted or n in wanted]
    print(f"Machine: {_machine()}\nDatabase: {connection.vendor}; benchmarks: {', '.join(names)}\n")
    old_config = setup_databases(verbosity=0, interactive=False, aliases={"default"})
    rows, failures = [], []
    try:
        for name in names:
            started = time.perf_counter()
            print(f"== {name} ...", flush=True)
            try:
                module = importlib.import_module(f"bench.{name}")
                for row in module.run():
                    rows.append((name.removeprefix("bench_"), row))
            except Exception:  # noqa: BLE001 - report the crash, continue with the others
                failures.append(name)
                traceback.print_exc()
            print(f"   {name} took {time.perf_counter() - started:.1f}s", flush=True)
    finally:
        teardown_databases(old_config, verbosity=0)

    header = ["area", "figure", "value", "unit", "baseline (same run)", "baseline value", "ratio", "target", "ok"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for area, row in rows:
        verdict = {True: "yes", False: "NO", None: "—"}[row.ok]
        cells = [
            area,
            row.figure,
            _fmt(row.value),
            row.unit,
            row.baseline_name or "—",
            _fmt(row.baseline_value),
            _fmt(row.ratio),
            row.target or "—",
            verdict,
        ]
        lines.append("| " + " | ".join(cells) + " |")
    table = "\n".join(lines)
    out_dir = Path(settings.BASE_DIR) / "var" / "bench"
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "latest.md").write_text(f"Machine: {_machine()}\n\n{table}\n")
    print("\n" + table + "\n")
    print(f"(also written to {out_dir / 'latest.md'})")
    if failures:
        print(f"benchmarks that crashed: {', '.join(failures)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
