"""The host clock's sync status for /api/health (CERT-In directions 2022: clocks synchronised to NTP).

Read from `chronyc tracking` (the offset from NTP time) or, failing that, `timedatectl show` (synchronised or not,
no offset); "unknown" when neither answers. Cached for TIME_SYNC_CACHE_SECONDS so health stays fast; each command
gets at most half a second. Warns when the offset is unknown or over TIME_SYNC_MAX_OFFSET_SECONDS.
"""

import re
import shutil
import subprocess
import time

from django.conf import settings

_OFFSET = re.compile(r"^System time\s*:\s*([0-9.]+) seconds (fast|slow)", re.MULTILINE)
_cache: dict = {"at": 0.0, "value": None}


def _run(*command: str) -> str | None:
    if shutil.which(command[0]) is None:
        return None
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=0.5, check=False)  # noqa: S603
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def read_time_sync() -> dict:
    """{"status": "ok" | "warn", "offset_seconds": float | None, "source": ..., "detail": ...}, uncached."""
    limit = settings.TIME_SYNC_MAX_OFFSET_SECONDS
    tracking = _run("chronyc", "tracking")
    match = _OFFSET.search(tracking or "")
    if match:
        offset = float(match.group(1)) * (1 if match.group(2) == "fast" else -1)
        status = "ok" if abs(offset) <= limit else "warn"
        return {"status": status, "offset_seconds": offset, "source": "chronyc", "detail": f"offset {offset:+.6f} s"}
    synced = _run("timedatectl", "show", "-p", "NTPSynchronized", "--value")
    if synced is not None:
        detail = "NTP synchronised, offset unknown" if synced.strip() == "yes" else "not NTP synchronised"
        return {"status": "warn", "offset_seconds": None, "source": "timedatectl", "detail": detail}
    return {"status": "warn", "offset_seconds": None, "source": "unknown", "detail": "clock drift unknown"}


def time_sync() -> dict:
    now = time.monotonic()
    if _cache["value"] is None or now - _cache["at"] > settings.TIME_SYNC_CACHE_SECONDS:
        _cache.update(at=now, value=read_time_sync())
    return _cache["value"]
