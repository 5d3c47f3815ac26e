"""gunicorn.conf.py: each web worker warms the active models after the fork, survives a broken model, and the
master never imports MindSpore. The hook is called directly with a stand-in worker (no gunicorn started)."""

import importlib.util
import logging
import os
import shlex
import subprocess
import sys
import threading
import time
from pathlib import Path
from types import SimpleNamespace
from unittest import mock

import pytest
from django.conf import settings

from campaigns.ml import serving

CONF = Path(settings.BASE_DIR) / "gunicorn.conf.py"
WARMED = {"campaign": "model:campaign-1", "cohort": "model:cohort-1", "uplift": "heuristic"}


@pytest.fixture
def conf():
    spec = importlib.util.spec_from_file_location("gunicorn_conf_under_test", CONF)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def worker():
    """What the hook uses of a gunicorn worker: pid, log (gunicorn's logger has logging's methods), notify."""
    return SimpleNamespace(pid=4242, log=logging.getLogger("test.gunicorn.error"), notify=mock.Mock())


def test_post_worker_init_warms_every_active_model_and_logs_them_with_the_time(conf, worker, caplog):
    with caplog.at_level(logging.INFO, "test.gunicorn.error"), mock.patch.object(serving, "warm_up") as warm_up:
        warm_up.return_value = WARMED
        conf.post_worker_init(worker)

    warm_up.assert_called_once_with()
    (record,) = caplog.records
    assert record.levelno == logging.INFO
    assert record.getMessage().startswith("worker 4242: models warmed in ")
    assert "campaign model:campaign-1, cohort model:cohort-1, uplift heuristic" in record.getMessage()


def test_a_model_that_cannot_be_loaded_is_logged_and_the_worker_lives_on(conf, worker, caplog):
    broken = serving.ModelUnavailable("cannot load campaign model campaign-1: truncated checkpoint")
    with mock.patch.object(serving, "warm_up", side_effect=broken) as warm_up:
        assert conf.web_warm_up(worker) is None
        conf.post_worker_init(worker)  # the hook itself never raises either

    assert warm_up.call_count == 2
    record = caplog.records[-1]
    assert record.levelno == logging.ERROR and "model warm-up failed after" in record.getMessage()
    assert record.exc_info[1] is broken
    assert "truncated checkpoint" in caplog.text  # the traceback is in the log


def test_the_warm_up_can_be_switched_off(conf, worker, settings, caplog):
    settings.CAMPAIGNS_WEB_WARM_UP = False
    with caplog.at_level(logging.INFO, "test.gunicorn.error"), mock.patch.object(serving, "warm_up") as warm_up:
        conf.post_worker_init(worker)

    warm_up.assert_not_called()
    assert "models not warmed (CAMPAIGNS_WEB_WARM_UP is off)" in caplog.text


def test_a_long_warm_up_keeps_reporting_to_the_master_and_stops_when_done(conf, worker, monkeypatch):
    """The master kills a worker silent for --timeout seconds; a slow load must not look hung."""
    monkeypatch.setattr(conf, "HEARTBEAT_SECONDS", 0.01)
    with mock.patch.object(serving, "warm_up", side_effect=lambda: time.sleep(0.2) or WARMED):
        assert conf.web_warm_up(worker) == WARMED

    beats = worker.notify.call_count
    assert beats >= 3
    time.sleep(0.1)
    assert worker.notify.call_count == beats
    assert not [t for t in threading.enumerate() if t.name == "model-warm-up-heartbeat"]


def test_the_master_loading_the_config_imports_neither_django_nor_mindspore():
    script = (
        "import runpy, sys; runpy.run_path(sys.argv[1]); "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'mindspore', 'django', 'campaigns', 'numpy'}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(CONF)], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == "[]"


def test_the_procfile_web_process_runs_gunicorn_with_this_hook():
    web = next(line for line in (CONF.parent / "Procfile").read_text().splitlines() if line.startswith("web:"))
    argv = shlex.split(web.removeprefix("web:").replace("${PORT:-8000}", "8000"))
    assert argv[0] == "gunicorn"
    result = subprocess.run(
        [sys.executable, "-m", *argv, "--print-config"],
        cwd=CONF.parent,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "fraudsafe.settings_test", "CELERY_BROKER_URL": "memory://"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    config = {k.strip(): v.strip() for k, _, v in (line.partition("=") for line in result.stdout.splitlines())}
    assert config["config"] == "gunicorn.conf.py"
    assert config["post_worker_init"] == "<post_worker_init()>"  # gunicorn's default is PostWorkerInit.post_worker_init
    assert config["preload_app"] == "False"  # the app (and anything it imports) loads in each worker
