import pytest


@pytest.fixture(autouse=True)
def empty_model_dir(settings, tmp_path):
    """Every test starts with no trained model (heuristics), in a directory of its own — never var/models."""
    from campaigns.ml import serving

    settings.CAMPAIGNS_MODEL_DIR = tmp_path / "models"
    settings.ALERTS_QUIET_HOURS = "00:00-00:00"  # no quiet hours: tests run at any time of day
    serving.forget()
    yield settings.CAMPAIGNS_MODEL_DIR
    serving.forget()


@pytest.fixture(scope="session")
def tiny_models(tmp_path_factory):
    """Three tiny models trained once per session (a few seconds): (model dir, {kind: card})."""
    from django.conf import settings

    from campaigns.ml import registry, training

    path = tmp_path_factory.mktemp("tiny-models")
    saved = settings.CAMPAIGNS_MODEL_DIR, settings.CAMPAIGNS_DEV_SET
    settings.CAMPAIGNS_MODEL_DIR, settings.CAMPAIGNS_DEV_SET = path, ""  # activation by the synthetic check
    try:
        cards = {
            "campaign": training.train("campaign", epochs=4, size=80, seed=1),
            "cohort": training.train("cohort", epochs=8, size=8000, seed=1),
            "uplift": training.train("uplift", epochs=6, size=8000, seed=1),
        }
    finally:
        settings.CAMPAIGNS_MODEL_DIR, settings.CAMPAIGNS_DEV_SET = saved
    assert set(cards) == set(registry.KINDS)
    return path, cards


@pytest.fixture
def with_tiny_models(tiny_models, settings):
    from campaigns.ml import serving

    settings.CAMPAIGNS_MODEL_DIR = tiny_models[0]
    serving.forget()
    return tiny_models


@pytest.fixture
def staff_client(db):
    from rest_framework.test import APIClient

    from accounts.tests.factories import AdminFactory

    client = APIClient()
    client.force_authenticate(AdminFactory())
    return client


@pytest.fixture
def alert_templates(db):
    """The seeded alert templates (a transactional test may have flushed the migration's rows)."""
    from alerts.models import AlertTemplate
    from alerts.seeds import install

    install(AlertTemplate)
