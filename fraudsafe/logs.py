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


class DailyFileHandler(logging.Handler):
    """Appends each record to `<folder>/<name>-YYYY-MM-DD.log` (the record's date in the helpline's zone): one file
    a day, never renamed, so several processes (gunicorn workers, Celery) may share the folder safely. Used when
    LOG_DIR is set; privacy.retention purges the files after RETENTION_LOG_DAYS."""

    def __init__(self, folder: str, prefix: str = "fraudsafe"):
        super().__init__()
        # Not `self.name`: that is the handler's name, which dictConfig sets to the LOGGING key ("file").
        self.folder, self.prefix = folder, prefix
        self._day, self._stream = "", None

    def emit(self, record: logging.LogRecord) -> None:
        from datetime import datetime
        from pathlib import Path
        from zoneinfo import ZoneInfo

        from django.conf import settings

        try:
            day = datetime.fromtimestamp(record.created, tz=ZoneInfo(settings.TIME_ZONE)).strftime("%Y-%m-%d")
            if day != self._day:
                if self._stream is not None:
                    self._stream.close()
                Path(self.folder).mkdir(parents=True, exist_ok=True)
                self._stream = open(Path(self.folder) / f"{self.prefix}-{day}.log", "a", encoding="utf-8")  # noqa: SIM115
                self._day = day
            self._stream.write(self.format(record) + "\n")
            self._stream.flush()
        except Exception:  # noqa: BLE001 - logging must never break the request
            self.handleError(record)

    def close(self) -> None:
        if self._stream is not None:
            self._stream.close()
            self._stream = None
        super().close()
