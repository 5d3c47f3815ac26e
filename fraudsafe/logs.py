"""Log filters that keep the log to one line per event."""

import logging


class SkipClientErrorAccessLines(logging.Filter):
    """Drops the development server's access line of a 4xx response: `django.request` has logged that one
    already (with the reason), so each refused request appears once. Other access lines pass."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        return not (isinstance(status, int) and 400 <= status < 500)
