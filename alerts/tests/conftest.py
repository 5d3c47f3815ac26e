from datetime import datetime
from zoneinfo import ZoneInfo

import pytest


@pytest.fixture(autouse=True)
def _alert_settings(settings):
    # No waiting on the shared rate limiter and no quiet hours unless a test asks for them.
    settings.ALERTS_RATE_LIMITS = {"sms": 0, "whatsapp": 0, "email": 0}
    settings.ALERTS_QUIET_HOURS = "00:00-00:00"


@pytest.fixture
def quiet_hours(settings):
    settings.ALERTS_QUIET_HOURS = "22:00-07:00"
    return settings


@pytest.fixture
def send_now(django_capture_on_commit_callbacks):
    """Runs the on-commit fan-out of alerts created inside the block (Celery is eager in tests)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def ist(*args) -> datetime:
    return datetime(*args, tzinfo=ZoneInfo("Asia/Kolkata"))


@pytest.fixture(autouse=True)
def _seed_templates(request):
    """The seed templates come from a data migration, which transactional tests elsewhere may have flushed."""
    uses_db = request.node.get_closest_marker("django_db") or {"db", "transactional_db", "celery_worker"} & set(
        request.fixturenames
    )
    if not uses_db:
        return
    transactional = {"transactional_db", "celery_worker"} & set(request.fixturenames)
    request.getfixturevalue("transactional_db" if transactional else "db")
    from alerts.services import templates_seed

    templates_seed()
