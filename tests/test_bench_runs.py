"""The money benches still run (at a toy size): a bench that crashes on a schema or scope change is caught here,
not at the next `make bench`. Nothing is timed: the figures are the bench's own business."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.postgres, pytest.mark.slow, pytest.mark.django_db]

ROOT = Path(__file__).resolve().parent.parent


def test_the_recovery_and_restitution_benches_run_to_the_end(worker_id):
    env = {
        **os.environ,
        "FRAUDSAFE_TEST_DB": "postgres",
        "FRAUDSAFE_BENCH_DB": f"test_bench_smoke_{os.getpid()}_{worker_id}",
        "BENCH_RECOVERY_COMPLAINTS": "40",
        "BENCH_RECOVERY_LISTINGS": "2",
        "BENCH_RESTITUTION_COMPLAINTS": "40",
        "BENCH_RESTITUTION_CASES": "200",
    }
    run = subprocess.run(
        [sys.executable, "-m", "bench", "recovery", "restitution"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    out = run.stdout + run.stderr
    assert run.returncode == 0, out[-4000:]
    assert "benchmarks that crashed" not in out
    assert "| recovery |" in out and "| restitution |" in out
