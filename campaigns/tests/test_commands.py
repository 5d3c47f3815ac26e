"""Management commands (train_models, score_series) and the demo data."""

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command

from campaigns.ml import registry, synthetic


@pytest.mark.django_db
def test_train_models_writes_a_card_with_model_and_heuristic_metrics_and_mirrors_it(empty_model_dir):
    from campaigns.models import ModelVersion

    out = io.StringIO()

    call_command("train_models", "--model", "cohort", "--rows", "3000", "--epochs", "2", stdout=out)

    card = registry.cards("cohort")[0]
    assert "epoch 2/2" in out.getvalue()
    assert card["metrics"]["heuristic"]["roc_auc"] > 0
    assert ModelVersion.objects.get().version == card["version"]


@pytest.mark.django_db
def test_train_models_learns_from_a_csv(tmp_path):
    from campaigns import features

    raw, labels = synthetic.behaviour_rows(2000, seed=9)
    path = tmp_path / "behaviour.csv"
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([*features.BEHAVIOUR_NAMES, "label"])
        writer.writerows([[*row.tolist(), int(label)] for row, label in zip(raw, labels, strict=True)])

    call_command("train_models", "--model", "cohort", "--data", str(path), "--epochs", "1", stdout=io.StringIO())

    card = registry.cards("cohort")[0]
    assert card["data"] == {"source": "csv", "file": "behaviour.csv", "rows": 2000,
                            "positive_rate": pytest.approx(float(labels.mean()), abs=1e-4)}  # fmt: skip


def test_train_models_refuses_a_csv_for_all_models(tmp_path):
    with pytest.raises(CommandError, match="one --model"):
        call_command("train_models", "--data", str(tmp_path / "x.csv"))


def test_train_models_reports_a_missing_csv_as_an_error(tmp_path):
    with pytest.raises(CommandError):
        call_command("train_models", "--model", "campaign", "--data", str(tmp_path / "missing.csv"))


@pytest.mark.django_db
def test_score_series_prints_a_score_for_every_row(tmp_path):
    path = tmp_path / "calls.csv"
    path.write_text("hour,calls\n" + "".join(f"{h},{20 if h != 30 else 700}\n" for h in range(36)))
    out = io.StringIO()

    call_command("score_series", "--csv", str(path), "--column", "calls", stdout=out, stderr=io.StringIO())

    lines = out.getvalue().strip().splitlines()
    assert lines[0] == "index,value,score,flagged"
    assert len(lines) == 37
    assert lines[31].endswith(",1")  # the spike at index 30
    assert lines[5].endswith(",0")


def test_score_series_refuses_a_non_numeric_value(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("calls\n10\nmany\n")

    with pytest.raises(CommandError, match="Line 3"):
        call_command("score_series", "--csv", str(path), "--column", "calls")


def test_score_series_refuses_an_unknown_column(tmp_path):
    path = tmp_path / "calls.csv"
    path.write_text("calls\n10\n")

    with pytest.raises(CommandError, match="volume"):
        call_command("score_series", "--csv", str(path), "--column", "volume")


@pytest.mark.django_db
def test_demo_profiles_load_idempotently_for_the_demo_citizens():
    from accounts.tests.factories import CitizenFactory
    from campaigns import demo
    from campaigns.models import BehaviourProfile

    CitizenFactory(phone="+919876500001")
    CitizenFactory(phone="+919876500002")

    demo.load(stdout=io.StringIO(), style=None)
    demo.load(stdout=io.StringIO(), style=None)

    assert BehaviourProfile.objects.count() == 2
    stored = BehaviourProfile.objects.get(citizen__phone="+919876500001").features
    assert json.loads(json.dumps(stored))["risky_interactions_7d"] == 7
