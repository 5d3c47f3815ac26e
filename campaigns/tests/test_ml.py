"""The models: tiny training beats the old heuristics, checkpoints reload identically, serving says who scored."""

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from campaigns import features
from campaigns.ml import metrics, registry, serving, synthetic

ROOT = Path(__file__).resolve().parents[2]

SCORE_SCRIPT = """
import json
import django
django.setup()
from campaigns.ml import serving, synthetic
from campaigns.ml.series import score_series
s = synthetic.campaign_series(1, seed=5, length=300)[0]
scored = score_series(s["counts"], s["t"], unique=s["unique"], suspicious=s["suspicious"])
raw, _ = synthetic.behaviour_rows(50, seed=5)
ctx = [0.9, 0.6, 0.4, 0.1, 0.0]
out = {
    "campaign": (scored.scores, scored.scorer),
    "cohort": serving.score_behaviour(raw),
    "uplift": serving.score_uplift(raw, ctx),
}
print(json.dumps({k: [v[0].tolist(), v[1]] for k, v in out.items()}))
"""


def _scores_here() -> dict:
    from campaigns.ml.series import score_series

    s = synthetic.campaign_series(1, seed=5, length=300)[0]
    scored = score_series(s["counts"], s["t"], unique=s["unique"], suspicious=s["suspicious"])
    raw, _ = synthetic.behaviour_rows(50, seed=5)
    ctx = [0.9, 0.6, 0.4, 0.1, 0.0]
    out = {
        "campaign": (scored.scores, scored.scorer),
        "cohort": serving.score_behaviour(raw),
        "uplift": serving.score_uplift(raw, ctx),
    }
    return {k: [v[0].tolist(), v[1]] for k, v in out.items()}


def test_roc_auc_counts_ties_as_half():
    assert metrics.roc_auc(np.array([0, 0, 1, 1]), np.array([0.1, 0.4, 0.35, 0.8])) == pytest.approx(0.75)
    assert metrics.roc_auc(np.array([0, 1]), np.array([0.5, 0.5])) == pytest.approx(0.5)
    assert metrics.roc_auc(np.array([0, 1, 1]), np.array([0.1, 0.9, 0.8])) == pytest.approx(1.0)


@pytest.mark.parametrize("kind", registry.KINDS)
def test_tiny_training_beats_the_old_heuristic_on_a_held_out_split(tiny_models, kind):
    card = tiny_models[1][kind]

    assert card["metrics"]["model"]["roc_auc"] > card["metrics"]["heuristic"]["roc_auc"]
    assert card["passed"] is True
    assert card["schema_version"] == features.SCHEMA_VERSION
    assert card["training"]["held_out_rows"] > 0


def test_each_training_run_writes_a_checkpoint_and_a_model_card(tiny_models):
    path, cards = tiny_models

    for kind, card in cards.items():
        folder = path / kind / card["version"]
        assert (folder / registry.CHECKPOINT).stat().st_size > 0
        written = json.loads((folder / registry.CARD).read_text())
        assert set(written["metrics"]) == {"model", "heuristic"}
        assert {"roc_auc", "precision", "recall", "threshold"} <= set(written["metrics"]["model"])


def test_a_checkpoint_loaded_in_a_new_process_scores_identically(with_tiny_models):
    here = _scores_here()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "fraudsafe.settings_test",
        "CAMPAIGNS_MODEL_DIR": str(with_tiny_models[0]),
        "GLOG_v": "3",
    }

    done = subprocess.run(
        [sys.executable, "-c", SCORE_SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )

    assert done.returncode == 0, done.stderr[-3000:]
    there = json.loads(done.stdout.strip().splitlines()[-1])
    for kind in registry.KINDS:
        assert here[kind][1].startswith("model:")
        assert there[kind][1] == here[kind][1]
        assert there[kind][0] == here[kind][0]  # bit-identical


def test_without_a_model_the_heuristics_score_and_say_so():
    raw = features.behaviour_matrix([{"new_device": True, "risky_interactions_7d": 7, "recent_clicks": 3}])

    scores, scorer = serving.score_behaviour(raw)

    assert scorer == "heuristic"
    assert scores[0] == pytest.approx(0.8)


def test_a_model_card_of_another_feature_schema_is_never_activated(tiny_models, settings, tmp_path):
    import shutil

    card = tiny_models[1]["cohort"]
    target = tmp_path / "models" / "cohort" / card["version"]
    shutil.copytree(tiny_models[0] / "cohort" / card["version"], target)
    stale = json.loads((target / registry.CARD).read_text())
    stale["schema_version"] = "2020.01-v0"
    (target / registry.CARD).write_text(json.dumps(stale))

    assert registry.active_card("cohort") is None
    assert serving.score_behaviour(np.zeros((1, 15), np.float32))[1] == "heuristic"


def test_a_model_that_did_not_beat_the_heuristic_is_not_activated(tiny_models, tmp_path):
    import shutil

    card = tiny_models[1]["uplift"]
    target = tmp_path / "models" / "uplift" / card["version"]
    shutil.copytree(tiny_models[0] / "uplift" / card["version"], target)
    failed = json.loads((target / registry.CARD).read_text())
    failed["passed"] = False
    (target / registry.CARD).write_text(json.dumps(failed))

    assert registry.active_card("uplift") is None


def test_series_scoring_gives_a_score_for_every_point_and_flags_the_spike():
    from campaigns.ml.series import score_series

    values = [20.0] * 40 + [600.0] + [20.0] * 5

    scored = score_series(values)
    scores, scorer = scored.scores, scored.scorer

    assert scorer == "heuristic"
    assert len(scores) == len(values)
    assert scores[40] > 0.8
    assert scores[10] < 0.8


def test_the_worker_knows_when_it_serves_the_ml_queue():
    from campaigns.tasks import _serves_ml_queue

    assert _serves_ml_queue(["celery", "-A", "fraudsafe", "worker", "-Q", "ml", "-c", "1"])
    assert _serves_ml_queue(["celery", "worker", "--queues=default,ml"])
    assert not _serves_ml_queue(["celery", "worker", "-Q", "default,alerts"])


@pytest.mark.redis
@pytest.mark.slow
def test_an_ml_worker_in_a_real_prefork_process_scores_without_hanging(celery_worker, tiny_models):
    from campaigns.tasks import score_series_task

    worker = celery_worker(
        queues="ml", concurrency=1, extra_env={"CAMPAIGNS_MODEL_DIR": str(tiny_models[0]), "GLOG_v": "3"}
    )
    values = [15.0] * 30 + [500.0, 700.0]

    result = score_series_task.apply_async(kwargs={"values": values}, queue="ml").get(timeout=120)

    assert result["scorer"].startswith("model:campaign-")
    assert len(result["scores"]) == len(values)
    assert result["pid"] != worker.pid  # scored in the forked child, not the parent
    assert "ml worker child warmed up" in worker.output()


def test_django_start_up_and_the_worker_parent_never_import_mindspore():
    script = (
        "import sys, django; django.setup(); import fraudsafe.urls, campaigns.admin, campaigns.api; "
        "from fraudsafe.celery import app; app.loader.import_default_modules(); print('mindspore' in sys.modules)"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "fraudsafe.settings_test"}

    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )

    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "False"
