import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import environ
from django.conf import settings
from honcho import environ as honcho_environ

PRODUCTION_ENV = {
    "DJANGO_SECRET_KEY": "x" * 60 + "production-like-secret-key-with-enough-entropy-1234567890",
    "ALLOWED_HOSTS": "fraudsafe.example.org",
}


def run_manage(*args, env=None):
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "FRAUDSAFE_TEST"))}
    base.pop("DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.FRAUDSAFE_BASE_DIR,
        env={**base, "DJANGO_SETTINGS_MODULE": "fraudsafe.settings", **(env or {})},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_fail_closed_without_a_secret_key():
    result = run_manage("check")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and "DJANGO_SECRET_KEY" in result.stderr


def test_debug_run_starts_without_a_secret_key():
    result = run_manage("check", env={"DJANGO_DEBUG": "true", "FRAUDSAFE_VAR_DIR": "/tmp/fraudsafe-check"})
    assert result.returncode == 0, result.stderr


def test_deploy_check_is_clean_with_production_settings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env={**PRODUCTION_ENV, "FRAUDSAFE_VAR_DIR": "/tmp/fraudsafe-check"},
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_helpline_time_zone_defaults_to_kolkata_and_times_are_aware():
    assert settings.TIME_ZONE == "Asia/Kolkata"
    assert settings.USE_TZ is True


# --- .env.example: copied to .env it must give a working development configuration ---------------------------

EXAMPLE = Path(settings.FRAUDSAFE_BASE_DIR) / ".env.example"
ASSIGNMENT = re.compile(r"^([A-Z][A-Z0-9_]*)=(.*)$")
COMMENTED_ASSIGNMENT = re.compile(r"^# ([A-Z][A-Z0-9_]*)=")


def example_as_django_environ_reads_it() -> dict[str, str]:
    class Capture(environ.Env):
        ENVIRON = {}

    Capture.read_env(str(EXAMPLE))
    return Capture.ENVIRON


def test_env_example_loads_through_the_real_settings_with_development_values(tmp_path):
    script = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "from django.core.management import call_command; call_command('check'); "
        "print(json.dumps({k: getattr(s, k) for k in ('SESSION_COOKIE_AGE', 'SECRET_KEY', 'DEBUG', "
        "'ALLOWED_HOSTS', 'SECURE_SSL_REDIRECT', 'DEFAULT_FROM_EMAIL', 'PATTERNS_SCHEDULE_CRONTAB', "
        "'ALERTS_PREVENTIVE_CRONTAB', 'CELERY_BROKER_URL', 'EMAIL_BACKEND', 'FRAUDSAFE_SMS_BACKEND', "
        "'ALERTS_DEFAULT_CHANNELS', 'CAMPAIGNS_COHORT_THRESHOLD')} "
        "| {'DB': [s.DATABASES['default']['ENGINE'], str(s.DATABASES['default']['NAME'])], "
        "'databases': sorted(s.DATABASES)}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=settings.FRAUDSAFE_BASE_DIR,
        # Nothing but the example file decides: no DJANGO_*, DATABASE_URL, broker or test variables.
        env={
            "PATH": os.environ["PATH"],
            "HOME": str(tmp_path),
            "DJANGO_SETTINGS_MODULE": "fraudsafe.settings",
            "FRAUDSAFE_ENV_FILE": str(EXAMPLE),
            "FRAUDSAFE_VAR_DIR": str(tmp_path),
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout.strip().splitlines()[-1])

    assert loaded["SESSION_COOKIE_AGE"] == 8 * 60 * 60
    assert loaded["SECRET_KEY"] and "#" not in loaded["SECRET_KEY"]
    assert loaded["DEBUG"] is True and loaded["SECURE_SSL_REDIRECT"] is False
    assert loaded["ALLOWED_HOSTS"] == ["127.0.0.1", "localhost"]
    assert loaded["DB"] == ["django.db.backends.sqlite3", str(tmp_path / "fraudsafe.sqlite3")]
    assert loaded["databases"] == ["default"]  # the case store stays in the main database
    assert loaded["DEFAULT_FROM_EMAIL"] == "FraudSafe <alerts@fraudsafe.local>"
    assert loaded["PATTERNS_SCHEDULE_CRONTAB"] == "30 2 * * *" and loaded["ALERTS_PREVENTIVE_CRONTAB"] == "15 5 * * *"
    assert loaded["CELERY_BROKER_URL"] == "filesystem://localhost/"
    assert loaded["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    assert loaded["FRAUDSAFE_SMS_BACKEND"] == "fraudsafe.channels.console.ConsoleBackend"
    assert loaded["ALERTS_DEFAULT_CHANNELS"] == ["email", "sms", "whatsapp"]
    assert loaded["CAMPAIGNS_COHORT_THRESHOLD"] == 0.7


def test_env_example_has_comments_on_their_own_lines_only():
    for number, line in enumerate(EXAMPLE.read_text().splitlines(), start=1):
        assert line == line.rstrip(), f"line {number} ends in spaces, which would become part of the value"
        if not line or line.startswith("#"):
            continue
        match = ASSIGNMENT.match(line)
        assert match, f"line {number} is neither KEY=value nor a comment: {line!r}"
        assert "#" not in match[2], f"line {number}: a comment after a value becomes part of it: {line!r}"


def test_env_example_lists_exactly_the_variables_the_settings_read():
    source = (Path(settings.FRAUDSAFE_BASE_DIR) / "fraudsafe" / "settings.py").read_text()
    read = set(re.findall(r'env\.\w+\(\s*"([A-Z][A-Z0-9_]*)"', source))
    listed = set()
    for line in EXAMPLE.read_text().splitlines():
        match = ASSIGNMENT.match(line) or COMMENTED_ASSIGNMENT.match(line)
        if match:
            listed.add(match[1])

    assert read - listed == set(), "read by the settings but missing from .env.example"
    assert listed - read == set(), "listed in .env.example but read by no setting"


def test_honcho_and_django_environ_read_the_example_alike():
    # `make run` hands .env to honcho (the processes' environment) and to django-environ (manage.py steps).
    assert honcho_environ.parse(EXAMPLE.read_text()) == example_as_django_environ_reads_it()


def test_a_named_env_file_that_does_not_exist_is_refused():
    result = run_manage("check", env={"DJANGO_DEBUG": "true", "FRAUDSAFE_ENV_FILE": "/nonexistent/fraudsafe.env"})
    assert result.returncode != 0
    assert "FRAUDSAFE_ENV_FILE" in result.stderr


# --- LOG_DIR: the dated log files (fraudsafe.logs.DailyFileHandler), purged by privacy.retention ----------------

LOGGING_PROBE = (
    "import json, logging, django; django.setup(); from django.conf import settings as s; "
    "from privacy.retention import retention_purge; "
    "logging.getLogger('fraudsafe.probe').warning('call back +919876543210'); "
    "handlers = lambda name: sorted(type(h).__name__ for h in logging.getLogger(name).handlers); "
    "print(json.dumps({'LOG_DIR': s.LOG_DIR, 'configured': sorted(s.LOGGING['handlers']), "
    "'root': handlers(None), 'server': handlers('django.server'), "
    "'purged': retention_purge(kind='log_files')}))"
)


def _settings_probe(tmp_path, **env) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", LOGGING_PROBE],
        cwd=settings.FRAUDSAFE_BASE_DIR,
        # Only these variables decide (no .env, no LOG_DIR from the developer's shell).
        env={"PATH": os.environ["PATH"], "HOME": str(tmp_path), "DJANGO_SETTINGS_MODULE": "fraudsafe.settings",
             "FRAUDSAFE_ENV_FILE": "", "DJANGO_DEBUG": "true", "FRAUDSAFE_VAR_DIR": str(tmp_path / "var"), **env},
        capture_output=True,
        text=True,
        timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_log_dir_set_adds_the_dated_file_handler_and_its_purge(tmp_path):
    logs = tmp_path / "logs"
    logs.mkdir()
    old = logs / "fraudsafe-2026-01-01.log"
    old.write_text("an old line\n")
    aged = time.time() - 181 * 86400  # past RETENTION_LOG_DAYS (180)
    os.utime(old, (aged, aged))

    loaded = _settings_probe(tmp_path, LOG_DIR=str(logs))
    assert loaded["LOG_DIR"] == str(logs)
    assert "file" in loaded["configured"]
    assert loaded["root"] == ["DailyFileHandler", "StreamHandler"]
    assert loaded["server"] == ["DailyFileHandler", "StreamHandler"]  # the access lines too
    assert loaded["purged"] == 1 and not old.exists()  # the purge reads the same folder
    (today,) = logs.iterdir()
    assert re.fullmatch(r"fraudsafe-\d{4}-\d{2}-\d{2}\.log", today.name), today.name
    line = today.read_text()
    assert "IST WARNING fraudsafe.probe call back +" in line and "3210" in line and "9876543210" not in line  # masked


def test_log_dir_unset_logs_to_stdout_only_and_purges_no_files(tmp_path):
    loaded = _settings_probe(tmp_path)
    assert loaded["LOG_DIR"] == ""
    assert "file" not in loaded["configured"]
    assert loaded["root"] == ["StreamHandler"] and loaded["server"] == ["StreamHandler"]
    assert loaded["purged"] == 0
    assert not any(p.suffix == ".log" for p in tmp_path.rglob("*"))
