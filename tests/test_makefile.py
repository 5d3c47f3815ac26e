"""The README's two commands as the Makefile runs them: both database passes run and report, whatever the first
does (issue 26); `make run`'s banner ends with the demo credentials; honcho runs in the helpline's zone."""

import os
import re
import subprocess
from pathlib import Path

import pytest

BASE = Path(__file__).resolve().parent.parent

FAKE_PYTEST = """#!/usr/bin/env bash
echo "collected on $FRAUDSAFE_TEST_DB with args: $*"
if [ "$FRAUDSAFE_TEST_DB" = "$FAKE_FAIL" ]; then echo "1 failed, 9 passed in 1.00s"; exit 1; fi
echo "10 passed in 2.00s"
"""


def make(*args, env=None):
    return subprocess.run(
        ["make", "--no-print-directory", *args],
        cwd=BASE,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def fake_pytest(tmp_path):
    script = tmp_path / "pytest"
    script.write_text(FAKE_PYTEST)
    script.chmod(0o755)
    return script


@pytest.mark.parametrize(("failing", "exit_zero"), [("sqlite", False), ("postgres", False), ("neither", True)])
def test_both_database_passes_run_each_summary_is_printed_and_either_failing_fails(
    fake_pytest, tmp_path, failing, exit_zero
):
    logs = tmp_path / "logs"
    result = make(
        "test-databases", f"PYTEST={fake_pytest}", "PYTEST_ARGS=-q", f"TEST_LOGS={logs}", env={"FAKE_FAIL": failing}
    )

    assert (result.returncode == 0) is exit_zero, result.stdout + result.stderr
    assert "collected on sqlite" in result.stdout and "collected on postgres" in result.stdout  # both ran
    summary = result.stdout.split("== summary ==", 1)[1]
    for db in ("sqlite", "postgres"):
        line = next(line for line in summary.splitlines() if line.strip().startswith(db + ":"))
        if db == failing:
            assert "1 failed, 9 passed" in line and "(exit 1)" in line
        else:
            assert "10 passed" in line and "(exit 0)" in line


def test_make_test_lints_then_runs_the_database_passes_and_ci_runs_make_test():
    recipe = make("-n", "test").stdout
    assert "ruff check" in recipe and "lint-imports" in recipe
    assert recipe.index("ruff check") < recipe.index("for db in sqlite postgres")
    assert re.search(r"^make test$", (BASE / ".ci" / "run").read_text(), flags=re.MULTILINE)


def test_make_run_prints_the_demo_credentials_at_the_end_of_its_banner_and_runs_honcho_in_ist():
    recipe = make("-n", "run").stdout
    banner_end = recipe.index("demo-credentials.txt")
    honcho = recipe.index("honcho start")
    assert recipe.index("api/health") < banner_end < honcho  # after the URLs, right before the processes start
    assert "TZ=Asia/Kolkata" in recipe[banner_end:honcho + 20]


def test_honcho_prefixes_its_lines_in_the_zone_it_is_given(tmp_path):
    """The claim the Makefile relies on: honcho's time prefix follows TZ, so TZ=Asia/Kolkata makes it IST."""
    import datetime
    from zoneinfo import ZoneInfo

    (tmp_path / "Procfile").write_text("say: echo hello\n")
    result = subprocess.run(
        [str(BASE / ".venv" / "bin" / "honcho"), "start", "-f", str(tmp_path / "Procfile")],
        cwd=tmp_path,
        env={**os.environ, "TZ": "Asia/Kolkata"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    stamp = re.search(r"^(\d\d):(\d\d):\d\d say\.1\s+\| hello", result.stdout, flags=re.MULTILINE)
    assert stamp, result.stdout
    now = datetime.datetime.now(ZoneInfo("Asia/Kolkata"))
    minutes = int(stamp.group(1)) * 60 + int(stamp.group(2))
    assert min(abs(minutes - (now.hour * 60 + now.minute)), 1440 - abs(minutes - (now.hour * 60 + now.minute))) <= 2
