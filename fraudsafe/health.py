"""Component checks for /api/health: each returns (ok, detail) and never raises."""

import time

from django.conf import settings
from django.db import connections
from kombu import Connection

from fraudsafe.timesync import time_sync


def _timed(check) -> dict:
    started = time.perf_counter()
    try:
        detail = check()
        ok = True
    except Exception as exc:  # noqa: BLE001 - health must report, not raise
        ok, detail = False, f"{type(exc).__name__}: {exc}"[:300]
    return {"ok": ok, "detail": detail, "latency_ms": round((time.perf_counter() - started) * 1000, 1)}


def check_database(alias: str = "default") -> str:
    connection = connections[alias]
    if connection.vendor == "mongodb":
        connection.ensure_connection()
        connection.connection.admin.command("ping")  # the MongoClient
        return "mongodb"
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return connection.vendor


def check_broker() -> str:
    url = settings.CELERY_BROKER_URL
    with Connection(url, connect_timeout=2, transport_options=settings.CELERY_BROKER_TRANSPORT_OPTIONS) as conn:
        conn.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=2)
    return url.split("://", 1)[0]


def component_health() -> dict[str, dict]:
    return {
        "database": _timed(check_database),
        "case_store": _timed(lambda: check_database(settings.ANALYTICS_DB_ALIAS)),
        "broker": _timed(check_broker),
    }


def compliance_status() -> dict:
    """What CERT-In asks to be visible: log retention and the clock's sync. Warnings only: never a 503."""
    sync = time_sync()
    retention = {
        "log_days": settings.RETENTION_LOG_DAYS,
        "audit_days": settings.AUDIT_RETENTION_DAYS,
        "log_dir": bool(settings.LOG_DIR),
    }
    warnings = [f"time sync: {sync['detail']}"] if sync["status"] != "ok" else []
    if settings.RETENTION_LOG_DAYS < 180:
        warnings.append("log retention under 180 days")
    return {"log_retention": retention, "time_sync": sync, "warnings": warnings}
