"""Per-app discovery: demo loaders, run preparations and beat entries registered by the apps, found by Django's
autodiscover_modules; the core never names an app."""

import ast
import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from fraudsafe import registry, schedules

APPS = ["accounts", "complaints", "patterns", "alerts", "campaigns", "recovery"]
CORE = Path(settings.FRAUDSAFE_BASE_DIR) / "fraudsafe"


def fake_step(module: str, calls: list, name: str = "load"):
    def step(*, stdout, style):
        calls.append(module)
        stdout.write(f"ran {module}")

    step.__module__, step.__qualname__ = module, name
    return step


def test_demo_loaders_of_every_app_are_found_once_in_installed_apps_order():
    first = [step.__module__ for step in registry.demo_loaders.discover()]
    again = [step.__module__ for step in registry.demo_loaders.discover()]

    assert first == again == [f"{app}.demo" for app in APPS]


def test_steps_run_in_installed_apps_order_whatever_order_they_registered_in():
    steps, calls = registry.AppSteps("demo"), []
    for module in ["campaigns.demo", "accounts.demo", "alerts.demo", "complaints.demo"]:
        steps.register(fake_step(module, calls))
    steps.register(fake_step("accounts.demo", calls))  # the same function again: still once

    assert [step.__module__ for step in steps] == ["accounts.demo", "complaints.demo", "alerts.demo", "campaigns.demo"]


def test_load_demo_runs_each_registered_loader_once_in_installed_apps_order(monkeypatch):
    registry.demo_loaders.discover()  # the real modules are imported (and registered) before the swap
    steps, calls = registry.AppSteps("demo"), []
    for module in ["campaigns.demo", "patterns.demo", "accounts.demo"]:
        steps.register(fake_step(module, calls))
    monkeypatch.setattr(registry.demo_loaders, "_registry", steps._registry)
    out = io.StringIO()

    call_command("load_demo", stdout=out)

    assert calls == ["accounts.demo", "patterns.demo", "campaigns.demo"]
    assert "ran campaigns.demo" in out.getvalue()


def test_prepare_run_runs_the_steps_apps_registered(monkeypatch):
    assert [step.__module__ for step in registry.run_preparations.discover()] == ["campaigns.prepare"]
    calls = []
    monkeypatch.setattr(
        registry.run_preparations, "_registry", {"campaigns.prepare.prepare": fake_step("campaigns.prepare", calls)}
    )

    call_command("prepare_run", stdout=io.StringIO())

    assert calls == ["campaigns.prepare"]


def test_beat_entries_of_every_app_are_collected_once():
    names = [spec.name for spec in schedules.collect()]

    assert len(names) == len(set(names))
    # privacy has beat entries but no demo data
    assert {name.split(":")[0] for name in names} == {"fraudsafe", *APPS, "privacy"}


def test_two_different_beat_entries_under_one_name_are_refused():
    tasks = schedules.PeriodicTasks()
    tasks.register(schedules.Periodic(name="x: nightly", task="fraudsafe.tasks.ping", crontab="0 1 * * *"))
    tasks.register(schedules.Periodic(name="x: nightly", task="fraudsafe.tasks.ping", crontab="0 1 * * *"))

    with pytest.raises(ValueError, match="x: nightly"):
        tasks.register(schedules.Periodic(name="x: nightly", task="fraudsafe.tasks.ping", crontab="0 2 * * *"))


def _imported_modules(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


@pytest.mark.parametrize(
    "path",
    [CORE / "registry.py", CORE / "schedules.py", *sorted((CORE / "management" / "commands").glob("*.py"))],
    ids=lambda path: str(path.relative_to(CORE)),
)
def test_the_core_discovery_never_imports_an_app(path):
    climbing = {module for module in _imported_modules(path) if module.split(".")[0] in APPS}

    assert not climbing, f"{path.name} imports {sorted(climbing)}"


def test_the_core_never_imports_modules_by_computed_name():
    callers = []
    for path in CORE.rglob("*.py"):
        if "tests" in path.parts or path.name.startswith("settings"):
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) in (
                "import_module",
                "__import__",
            ):
                callers.append(f"{path.relative_to(CORE)}:{node.lineno}")

    assert callers == []
