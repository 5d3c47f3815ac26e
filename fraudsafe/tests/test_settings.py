import os
import subprocess
import sys

from django.conf import settings

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
