"""`make audit`: pip-audit over every pinned package of `requirements.lock`, failing unless each one was audited.

pip-audit exits 0 and says "No known vulnerabilities found" even when it could audit nothing (no route to its
vulnerability service: every package "could not be audited"). This check counts: it fails (exit 2) when pip-audit
audited fewer packages than the lock pins, naming how many and why, and fails (exit 1) on any known vulnerability.

    python -m fraudsafe.dependency_audit [requirements.lock]      (PIP_AUDIT names another pip-audit command)
"""

import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

from fraudsafe.dependency_lock import BASE, pins


def verdict(report: dict, expected: int) -> tuple[int, str]:
    """(exit code, one line) for pip-audit's JSON report over a lock of `expected` packages."""
    dependencies = report.get("dependencies", [])
    skipped = [d for d in dependencies if d.get("skip_reason")]
    audited = [d for d in dependencies if not d.get("skip_reason")]
    vulnerable = [d for d in audited if d.get("vulns")]
    if len(audited) < expected:
        reason = skipped[0]["skip_reason"] if skipped else "not in pip-audit's report"
        return 2, (
            f"dependency audit FAILED: pip-audit audited {len(audited)} of {expected} pinned packages "
            f"({len(skipped)} skipped, e.g. {reason}); nothing is known about the others"
        )
    if vulnerable:
        names = ", ".join(f"{d['name']} {d.get('version', '')} ({len(d['vulns'])})" for d in vulnerable)
        return 1, f"dependency audit FAILED: known vulnerabilities in {names}"
    return 0, f"dependency audit: {len(audited)} of {expected} pinned packages audited, no known vulnerabilities"


def main(argv: list[str]) -> int:
    lock = Path(argv[0]) if argv else BASE / "requirements.lock"
    command = shlex.split(os.environ.get("PIP_AUDIT", f"{sys.executable} -m pip_audit"))
    args = ["-r", str(lock), "--no-deps", "--disable-pip", "--format", "json", "--progress-spinner", "off"]
    result = subprocess.run([*command, *args], capture_output=True, text=True, check=False)  # noqa: S603
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        print(f"dependency audit FAILED: pip-audit gave no report (exit {result.returncode})", result.stderr[-2000:])
        return 2
    code, line = verdict(report, expected=len(pins(lock)))
    print(line)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
