import pytest
from django.core.management import call_command

from fraudsafe import schedules
from fraudsafe.tasks import ping


@pytest.mark.redis
def test_a_real_worker_on_redis_runs_a_task_and_returns_its_result(celery_worker):
    celery_worker(queues="default")
    assert ping.delay("hello").get(timeout=30) == "hello"


@pytest.mark.redis
def test_a_worker_serves_the_ml_and_alerts_queues(celery_worker):
    celery_worker(queues="alerts,ml")
    assert ping.apply_async(args=["ml"], queue="ml").get(timeout=30) == "ml"
    assert ping.apply_async(args=["alerts"], queue="alerts").get(timeout=30) == "alerts"


@pytest.mark.django_db
def test_setup_periodic_tasks_is_idempotent(monkeypatch):
    from django_celery_beat.models import CrontabSchedule, PeriodicTask

    specs = [
        schedules.Periodic(name="test: nightly", task="fraudsafe.tasks.ping", crontab="30 2 * * *"),
        schedules.Periodic(name="test: often", task="fraudsafe.tasks.ping", every_seconds=300, queue="ml"),
    ]
    monkeypatch.setattr(schedules, "collect", lambda: specs)
    call_command("setup_periodic_tasks")
    call_command("setup_periodic_tasks")
    assert PeriodicTask.objects.filter(name__startswith="test:").count() == 2
    nightly = PeriodicTask.objects.get(name="test: nightly")
    assert nightly.crontab.hour == "2" and str(nightly.crontab.timezone) == "Asia/Kolkata"
    assert PeriodicTask.objects.get(name="test: often").queue == "ml"
    assert CrontabSchedule.objects.filter(minute="30", hour="2").count() == 1
