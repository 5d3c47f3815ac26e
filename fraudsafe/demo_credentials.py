"""The demo logins and keys `make run` creates, kept in `var/demo-credentials.txt` (mode 0600, git-ignored: var/ is)
so that they can be found again after the hundreds of start-up lines; the banner prints the file at its end.

Only `load_demo` writes here, and only secrets it has just generated; each line is keyed by its name, so a line is
replaced when its secret is created again (a reset demo database) and the file never holds one twice.
"""

import os
from pathlib import Path

from django.conf import settings

FILE_NAME = "demo-credentials.txt"
HEADER = (
    "# FraudSafe demo credentials (created by `make run`; local and secret: never commit or share)\n"
    "# A password lost? `manage.py changepassword <username>`.\n"
)


def credentials_path() -> Path:
    return Path(settings.VAR_DIR) / FILE_NAME


def credential_record(name: str, text: str) -> Path:
    """Keeps the line `name: text` in the file (replacing an older line of that name); the file is 0600."""
    path = credentials_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = {}
    if path.exists():
        for line in path.read_text().splitlines():
            if line and not line.startswith("#") and ": " in line:
                key, _, value = line.partition(": ")
                lines[key] = value
    lines[name] = text
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(HEADER + "".join(f"{key}: {value}\n" for key, value in lines.items()))
    os.chmod(path, 0o600)  # an older file created with a wider mode
    return path
