"""The newcomer's path (issue 26): demo credentials kept, one log zone, a quiet file broker, models trained in the
background, a lock matching the pins, and a dependency audit that fails when it audited nothing."""

import io
import json
import logging
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management.base import OutputWrapper
from django.core.management.color import no_style
from packaging.version import Version

from accounts.models import User
from fraudsafe import dependency_audit, dependency_lock
from fraudsafe.logs import HelplineTimeFormatter

BASE = Path(settings.FRAUDSAFE_BASE_DIR)


# --- demo credentials --------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_demo_logins_and_the_bank_key_are_kept_in_a_private_git_ignored_file(settings, tmp_path, client):
    from accounts import demo as accounts_demo
    from recovery import demo as recovery_demo

    settings.VAR_DIR = tmp_path
    out = OutputWrapper(io.StringIO())
    accounts_demo.load(stdout=out, style=no_style())
    recovery_demo.load(stdout=out, style=no_style())
    accounts_demo.load(stdout=out, style=no_style())  # again: nothing new, nothing doubled

    path = tmp_path / "demo-credentials.txt"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    lines = [line for line in path.read_text().splitlines() if not line.startswith("#")]
    assert len(lines) == 4  # admin, attender1, attender2, the bank key
    for username in ("admin", "attender1", "attender2"):
        line = next(line for line in lines if f" login {username}: " in line)
        assert User.objects.get(username=username).check_password(line.rsplit("password ", 1)[1])
    key_line = next(line for line in lines if line.startswith("bank partner key"))
    assert "(scopes: freezes:manage, refunds:manage)" in key_line
    key = key_line.split("Api-Key ", 1)[1].split(" ", 1)[0]
    assert client.get("/api/freeze-requests/", HTTP_AUTHORIZATION=f"Api-Key {key}").status_code == 200

    ignored = subprocess.run(["git", "check-ignore", "-q", "var/demo-credentials.txt"], cwd=BASE, check=False)
    assert ignored.returncode == 0  # var/ is git-ignored
    readme = (BASE / "README.md").read_text()
    assert "var/demo-credentials.txt" in readme


def test_an_older_credentials_file_is_made_private_and_a_line_is_replaced_not_doubled(settings, tmp_path):
    from fraudsafe.demo_credentials import credential_record

    settings.VAR_DIR = tmp_path
    path = tmp_path / "demo-credentials.txt"
    path.write_text("admin login admin: password old\n")
    path.chmod(0o644)
    credential_record("admin login admin", "password new")

    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "password new" in path.read_text() and "password old" not in path.read_text()


# --- logs in one zone --------------------------------------------------------------------------------------------


def test_log_lines_carry_the_helpline_zone_named_whatever_the_process_zone(settings):
    settings.TIME_ZONE = "Asia/Kolkata"
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "hello", None, None)
    record.created = 1_765_000_000.0  # 2025-12-06 05:46:40 UTC
    formatter = HelplineTimeFormatter("%(asctime)s %(message)s")
    assert formatter.format(record) == "2025-12-06 11:16:40 IST hello"

    configured = settings.LOGGING["formatters"]
    assert {f["class"] for f in configured.values()} == {"fraudsafe.logs.HelplineTimeFormatter"}


# --- the file broker ----------------------------------------------------------------------------------------------


def _broker_check(tmp_path, url=None, env=None):
    code = (
        "import logging; logging.basicConfig(level=logging.WARNING); import django; django.setup(); "
        "from fraudsafe.celery import app; c = app.connection_for_write(); c.info(); print(app.conf.broker_url)"
    )
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "fraudsafe.settings",
        "DJANGO_DEBUG": "true",
        "FRAUDSAFE_VAR_DIR": str(tmp_path),
        "FRAUDSAFE_ENV_FILE": str(tmp_path / "none.env"),
        **(env or {}),
    }
    (tmp_path / "none.env").write_text("")
    if url is not None:
        env["CELERY_BROKER_URL"] = url
    return subprocess.run(
        [sys.executable, "-c", code], cwd=BASE, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize("url", [None, "filesystem://"])
def test_the_file_broker_names_its_host_so_kombu_does_not_warn(tmp_path, url):
    result = _broker_check(tmp_path, url)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "filesystem://localhost/"
    assert "No hostname was supplied" not in result.stderr


def test_kombu_does_warn_for_a_file_broker_url_without_a_host():
    """What the setting avoids (so the test above can fail)."""
    from kombu import Connection

    records = []
    handler = logging.Handler()
    handler.emit = records.append
    logging.getLogger("kombu.connection").addHandler(handler)
    try:
        Connection("filesystem://").info()
        Connection("filesystem://localhost/").info()
    finally:
        logging.getLogger("kombu.connection").removeHandler(handler)
    assert ["No hostname was supplied" in r.getMessage() for r in records] == [True]


# --- models trained in the background -------------------------------------------------------------------------


@pytest.mark.django_db
def test_make_run_leaves_missing_models_to_the_ml_worker_and_trains_nothing_itself(settings, tmp_path, monkeypatch):
    from campaigns import prepare
    from campaigns.ml import training
    from campaigns.tasks import models_train_missing_task

    settings.CAMPAIGNS_MODEL_DIR, settings.CAMPAIGNS_TRAIN_ON_START = tmp_path / "models", "background"
    sent = []
    monkeypatch.setattr(models_train_missing_task, "delay", lambda: sent.append(True))
    monkeypatch.setattr(training, "train", lambda *a, **k: pytest.fail("trained before the processes started"))
    out = io.StringIO()
    prepare.prepare(stdout=OutputWrapper(out), style=no_style())

    assert sent == [True]
    assert "training in the background on worker-ml" in out.getvalue()
    assert models_train_missing_task.queue == "ml"


@pytest.mark.django_db
@pytest.mark.parametrize("mode", ["background", "foreground"])
def test_make_run_does_not_retrain_a_model_its_gate_refused(settings, tmp_path, monkeypatch, mode):
    """A kind trained once whose model did not beat its gate (its card says passed: false) stays on the heuristic:
    `make run` neither trains it again nor queues its training, on every start."""
    from campaigns import features, prepare
    from campaigns.ml import registry, training
    from campaigns.services import models_missing
    from campaigns.tasks import models_train_missing_task

    settings.CAMPAIGNS_MODEL_DIR, settings.CAMPAIGNS_TRAIN_ON_START = tmp_path / "models", mode
    for kind in registry.KINDS:
        card = registry.write_card(kind, f"{kind}-1", {"version": f"{kind}-1", "passed": False,
                                                       "schema_version": features.SCHEMA_VERSION})  # fmt: skip
        (card.parent / registry.CHECKPOINT).write_bytes(b"gated out")
    monkeypatch.setattr(models_train_missing_task, "delay", lambda: pytest.fail("queued a retraining"))
    monkeypatch.setattr(training, "train", lambda *a, **k: pytest.fail("retrained a gated-out model"))

    assert models_missing() == [] and all(registry.active_card(kind) is None for kind in registry.KINDS)
    for _start in range(2):
        out = io.StringIO()
        prepare.prepare(stdout=OutputWrapper(out), style=no_style())
        assert out.getvalue().strip() == "campaign models: campaign heuristic, cohort heuristic, uplift heuristic"


def test_a_misspelt_training_mode_is_refused_at_start(tmp_path):
    result = _broker_check(tmp_path, env={"CAMPAIGNS_TRAIN_ON_START": "later"})
    assert result.returncode != 0 and "CAMPAIGNS_TRAIN_ON_START is background or foreground" in result.stderr


@pytest.mark.django_db
def test_the_background_task_trains_only_what_is_missing_and_is_idempotent(settings, tmp_path, monkeypatch):
    from campaigns import services
    from campaigns.ml import registry, training
    from campaigns.tasks import models_train_missing_task

    settings.CAMPAIGNS_MODEL_DIR = tmp_path / "models"
    cards, trained = {}, []

    def fake_train(kind, progress=None):
        trained.append(kind)
        metrics = {"model": {"roc_auc": 0.9}, "heuristic": {"roc_auc": 0.8}}
        cards[kind] = [{"version": f"{kind}-1", "passed": True, "metrics": metrics}]
        return cards[kind][0]

    monkeypatch.setattr(registry, "cards", lambda kind: cards.get(kind, []))
    monkeypatch.setattr(training, "train", fake_train)
    monkeypatch.setattr(services, "model_versions_sync", lambda: len(cards))
    assert models_train_missing_task.apply().get() == [f"{k}-1" for k in registry.KINDS]
    assert models_train_missing_task.apply().get() == []  # nothing missing any more
    assert trained == list(registry.KINDS)


# --- the lock and the audit -------------------------------------------------------------------------------------


def test_the_lock_pins_every_requirement_at_its_pinned_version_and_nothing_twice():
    lock = dependency_lock.pins(BASE / "requirements.lock")
    lines = [line for line in (BASE / "requirements.lock").read_text().splitlines() if line and line[0] != "#"]
    assert len(lines) == len(lock)
    for name in ("requirements.txt", "requirements-dev.txt"):
        for package, version in dependency_lock.pins(BASE / name).items():
            locked = lock.get(package)
            assert locked and Version(locked) == Version(version), f"{name}: {package}=={version}, lock: {locked}"
    assert len(lock) > len(dependency_lock.pins(BASE / "requirements-dev.txt")) + 50  # transitive ones too


def test_the_lock_is_what_the_virtualenv_holds_for_the_requirements():
    assert dependency_lock.lock_text() == (BASE / "requirements.lock").read_text(), "run `make lock`"


@pytest.mark.parametrize(
    ("report", "code", "says"),
    [
        ({"dependencies": [{"name": "a", "skip_reason": "could not be audited"}] * 3}, 2, "audited 0 of 3"),
        ({"dependencies": [{"name": "a", "version": "1", "vulns": []}] * 2}, 2, "audited 2 of 3"),
        ({"dependencies": [{"name": "a", "version": "1", "vulns": []}] * 3}, 0, "3 of 3 pinned packages audited"),
        (
            {"dependencies": [{"name": "a", "version": "1", "vulns": [{"id": "X"}]}] * 3},
            1,
            "known vulnerabilities in a 1",
        ),
    ],
)
def test_the_audit_fails_unless_every_pinned_package_was_audited(report, code, says):
    got, line = dependency_audit.verdict(report, expected=3)
    assert got == code and says in line


def test_the_audit_command_fails_when_pip_audit_skips_everything(tmp_path, monkeypatch, capsys):
    """pip-audit here (no vulnerability service reachable) skips every package and exits 0: the audit says so."""
    lock = tmp_path / "requirements.lock"
    lock.write_text("idna==3.10\nsix==1.17.0\n")
    fake = tmp_path / "pip-audit"
    report = {"dependencies": [{"name": n, "skip_reason": "could not be audited"} for n in ("idna", "six")]}
    fake.write_text(f"#!/usr/bin/env bash\necho '{json.dumps(report)}'\nexit 0\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PIP_AUDIT", str(fake))

    assert dependency_audit.main([str(lock)]) == 2
    assert "audited 0 of 2" in capsys.readouterr().out
