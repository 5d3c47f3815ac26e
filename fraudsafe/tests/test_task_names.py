"""Every task name the code queues, schedules or keeps in the outbox has a registered task (module-path names)."""

import ast
from pathlib import Path

import pytest
from celery import current_app
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from fraudsafe import schedules, tasking
from fraudsafe.models import OutboxMessage
from fraudsafe.schedules import Periodic, collect

ROOT = Path(__file__).resolve().parents[2]
QUEUEING_CALLS = {"task_enqueue", "send_task"}


def _queued_names() -> dict[str, str]:
    """name -> first file:line that queues it, for every string literal passed to task_enqueue / send_task."""
    names: dict[str, str] = {}
    for path in sorted(ROOT.glob("*/**/*.py")):
        if ".venv" in path.parts or "tests" in path.parts or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            first = node.args[0]
            if called in QUEUEING_CALLS and isinstance(first, ast.Constant) and isinstance(first.value, str):
                names.setdefault(first.value, f"{path.relative_to(ROOT)}:{node.lineno}")
    return names


def test_the_scan_sees_the_queueing_calls_it_guards():
    names = _queued_names()
    # A scan that found nothing would pass the guard below without checking anything.
    assert {"alerts.tasks.alert_fan_out_task", "campaigns.tasks.campaign_act_task"} <= set(names)


def test_every_name_passed_to_task_enqueue_or_send_task_has_a_registered_task():
    names = _queued_names()
    unknown = tasking.task_names_unknown(names)
    assert unknown == [], [f"{name} ({names[name]})" for name in unknown]


def test_every_beat_entry_runs_a_registered_task():
    assert tasking.task_names_unknown(spec.task for spec in collect()) == []


def test_every_task_is_named_by_its_module_path():
    tasking.task_names_unknown([])  # imports every app's tasks module
    ours = [task for name, task in current_app.tasks.items() if not name.startswith("celery.")]
    assert ours, "no project task registered"
    assert [t.name for t in ours if t.name != f"{t.run.__module__}.{t.run.__name__}"] == []


def test_the_start_up_check_fails_on_a_beat_entry_whose_task_was_renamed(monkeypatch):
    stale = Periodic(name="test: stale", task="alerts.fan_out")
    monkeypatch.setattr(schedules, "collect", lambda: [*collect(), stale])

    with pytest.raises(SystemCheckError, match="'alerts.fan_out'"):
        call_command("check")


@pytest.mark.django_db
def test_the_database_check_fails_on_an_outbox_row_queued_under_an_old_name():
    OutboxMessage.objects.create(task_name="alerts.send_chunk", args=[1], kwargs={}, options={})
    OutboxMessage.objects.create(task_name="fraudsafe.tasks.ping", args=[], kwargs={}, options={})

    with pytest.raises(SystemCheckError, match="'alerts.send_chunk'") as raised:
        call_command("check", databases=["default"])
    assert "fraudsafe.tasks.ping" not in str(raised.value)


def test_task_enqueue_refuses_a_name_without_a_task():
    with pytest.raises(KeyError):
        tasking.task_enqueue("alerts.fan_out", 1)
