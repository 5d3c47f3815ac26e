"""Clock times as the product writes them: "14:30" (24-hour HH:MM) — the one parser."""

from datetime import time


def parse_hhmm(value: str) -> time:
    """ "14:30" → time(14, 30); "9:05" too. ValueError for anything else."""
    hours, sep, minutes = str(value).strip().partition(":")
    if not sep or not hours.isdigit() or not (minutes.isdigit() and len(minutes) == 2):
        raise ValueError(f"not a HH:MM time: {value!r}")
    return time(int(hours), int(minutes))
