"""Log filters that keep the log to one line per event."""

import logging


class SkipClientErrorAccessLines(logging.Filter):
    """Drops the development server's access line of a 4xx response: `django.request` has logged that one
    already (with the reason), so each refused request appears once. Other access lines pass."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        return not (isinstance(status, int) and 400 <= status < 500)


class HelplineTimeFormatter(logging.Formatter):
    """Log times in the helpline's zone (`TIME_ZONE`, IST by default) with the zone named — "2026-12-07 17:30:01
    IST" — whatever zone the process runs in, so the web, worker and beat lines read like honcho's prefixes
    (`make run` starts honcho with TZ set to the same zone)."""

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:  # noqa: N802 - logging's name
        from datetime import datetime
        from zoneinfo import ZoneInfo

        from django.conf import settings

        moment = datetime.fromtimestamp(record.created, tz=ZoneInfo(settings.TIME_ZONE))
        return moment.strftime(datefmt or "%Y-%m-%d %H:%M:%S %Z")
