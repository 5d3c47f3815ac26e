"""setup_periodic_tasks creates what is missing and keeps what admins changed."""

import io

import pytest
from django.core.management import call_command
from django_celery_beat.models import CrontabSchedule, PeriodicTask

from fraudsafe import schedules

pytestmark = pytest.mark.django_db

SPECS = [
    schedules.Periodic(name="test: nightly", task="fraudsafe.tasks.ping", crontab="30 2 * * *"),
    schedules.Periodic(name="test: often", task="fraudsafe.tasks.ping", every_seconds=300, queue="ml"),
]


@pytest.fixture
def setup_periodic_tasks(monkeypatch):
    monkeypatch.setattr(schedules, "collect", lambda: SPECS)

    def run() -> str:
        out = io.StringIO()
        call_command("setup_periodic_tasks", stdout=out)
        return out.getvalue()

    return run


def test_first_run_creates_every_task_enabled(setup_periodic_tasks):
    out = setup_periodic_tasks()

    assert "created: test: nightly" in out and "created: test: often" in out
    assert PeriodicTask.objects.get(name="test: nightly").enabled
    assert PeriodicTask.objects.get(name="test: often").queue == "ml"


def test_a_rerun_keeps_a_crontab_an_admin_edited(setup_periodic_tasks):
    setup_periodic_tasks()
    task = PeriodicTask.objects.get(name="test: nightly")
    task.crontab = CrontabSchedule.objects.create(minute="0", hour="4", timezone="Asia/Kolkata")
    task.kwargs = '{"days": 30}'
    task.save()

    out = setup_periodic_tasks()

    task.refresh_from_db()
    assert (task.crontab.minute, task.crontab.hour, task.kwargs) == ("0", "4", '{"days": 30}')
    assert "kept: test: nightly" in out


def test_a_rerun_never_re_enables_a_task_an_admin_disabled(setup_periodic_tasks):
    setup_periodic_tasks()
    PeriodicTask.objects.filter(name="test: often").update(enabled=False)

    out = setup_periodic_tasks()

    assert not PeriodicTask.objects.get(name="test: often").enabled
    assert "kept: test: often" in out


def test_a_rerun_creates_a_task_that_went_missing_and_keeps_the_others(setup_periodic_tasks):
    setup_periodic_tasks()
    PeriodicTask.objects.filter(name="test: nightly").delete()

    out = setup_periodic_tasks()

    nightly = PeriodicTask.objects.get(name="test: nightly")
    assert (nightly.crontab.minute, nightly.crontab.hour, str(nightly.crontab.timezone)) == ("30", "2", "Asia/Kolkata")
    assert "created: test: nightly" in out and "kept: test: often" in out
    assert PeriodicTask.objects.filter(name__startswith="test:").count() == 2


def test_a_rerun_points_a_kept_entry_at_its_renamed_task_and_keeps_the_admin_edits(setup_periodic_tasks):
    setup_periodic_tasks()
    PeriodicTask.objects.filter(name="test: nightly").update(task="fraudsafe.ping", kwargs='{"value": "x"}')

    out = setup_periodic_tasks()

    task = PeriodicTask.objects.get(name="test: nightly")
    assert (task.task, task.kwargs) == ("fraudsafe.tasks.ping", '{"value": "x"}')
    assert "kept: test: nightly" in out
