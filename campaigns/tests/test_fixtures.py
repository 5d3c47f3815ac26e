"""The sample files a newcomer tries the campaign commands with (fixtures/, used in the README)."""

import csv
import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from campaigns import features
from campaigns.ml import registry

FIXTURES = Path(settings.FRAUDSAFE_BASE_DIR) / "fixtures"


@pytest.mark.django_db
def test_score_series_flags_the_evening_surge_of_the_sample_call_volumes_and_nothing_else():
    with (FIXTURES / "call_volumes.csv").open() as handle:
        rows = list(csv.DictReader(handle))
    surge = {i for i, row in enumerate(rows) if row["timestamp"].startswith("2025-09-05T") and row["timestamp"][11:13]
             in ("19", "20", "21", "22")}  # fmt: skip
    out = io.StringIO()

    call_command("score_series", "--csv", str(FIXTURES / "call_volumes.csv"), "--column", "value", stdout=out,
                 stderr=io.StringIO())  # fmt: skip

    lines = out.getvalue().strip().splitlines()[1:]
    flagged = {int(line.split(",")[0]) for line in lines if line.endswith(",1")}
    assert len(lines) == len(rows) == 7 * 24
    assert flagged and flagged <= surge


def test_the_behaviour_sample_has_the_cohort_models_columns():
    with (FIXTURES / "behaviour.csv").open() as handle:
        reader = csv.DictReader(handle)
        labels = [row["label"] for row in reader]

    assert reader.fieldnames == [*features.BEHAVIOUR_NAMES, "label"]
    assert set(labels) == {"0", "1"} and len(labels) >= 1000


@pytest.mark.django_db
@pytest.mark.slow
def test_train_models_learns_the_cohort_model_from_the_behaviour_sample():
    out = io.StringIO()

    call_command("train_models", "--model", "cohort", "--data", str(FIXTURES / "behaviour.csv"), "--epochs", "2",
                 stdout=out)  # fmt: skip

    card = registry.cards("cohort")[0]
    assert "cohort: epoch 2/2" in out.getvalue()
    assert (card["data"]["file"], card["data"]["rows"]) == ("behaviour.csv", 1500)
