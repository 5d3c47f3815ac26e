import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_health_is_200_when_every_component_answers(client, settings):
    settings.CELERY_BROKER_URL = "memory://"
    response = client.get("/api/health")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok" and body["failing"] == []
    assert set(body["components"]) == {"database", "case_store", "broker"}


def test_health_is_503_naming_the_broker_when_it_is_down(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = client.get(reverse("health"))
    assert response.status_code == 503
    body = response.json()
    assert body["failing"] == ["broker"]
    assert body["components"]["broker"]["ok"] is False
    assert body["components"]["database"]["ok"] is True


def test_health_needs_no_authentication_and_is_not_throttled(client, settings):
    settings.CELERY_BROKER_URL = "memory://"
    for _ in range(5):
        assert client.get("/api/health/").status_code == 200


@pytest.mark.mongo
@pytest.mark.django_db(databases=["default", "mongo"])
def test_health_checks_a_mongodb_case_store(client, settings):
    settings.CELERY_BROKER_URL = "memory://"
    settings.ANALYTICS_DB_ALIAS = "mongo"
    body = client.get("/api/health").json()
    assert body["components"]["case_store"] == {**body["components"]["case_store"], "ok": True, "detail": "mongodb"}


def test_unknown_api_url_answers_the_json_error_body(client):
    response = client.get("/api/no-such-thing/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_unknown_page_outside_the_api_stays_html(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def _fake_commands(monkeypatch, outputs: dict):
    from fraudsafe import timesync

    monkeypatch.setattr(timesync, "_run", lambda *command: outputs.get(command[0]))
    timesync._cache.update(at=0.0, value=None)


CHRONY = "Reference ID    : A9FEA97B (169.254.169.123)\nSystem time     : {} seconds {} of NTP time\n"


@pytest.mark.parametrize(
    ("outputs", "status", "offset", "source"),
    [
        ({"chronyc": CHRONY.format("0.000012000", "fast")}, "ok", 0.000012, "chronyc"),
        ({"chronyc": CHRONY.format("1.500000000", "slow")}, "warn", -1.5, "chronyc"),
        ({"timedatectl": "yes\n"}, "warn", None, "timedatectl"),
        ({}, "warn", None, "unknown"),
    ],
)
def test_health_reports_time_sync_and_warns_when_the_drift_is_unknown_or_over_a_second(
    client, settings, monkeypatch, outputs, status, offset, source
):
    settings.CELERY_BROKER_URL = "memory://"
    _fake_commands(monkeypatch, outputs)
    response = client.get("/api/health")
    assert response.status_code == 200  # a warning never makes health fail
    compliance = response.json()["compliance"]
    assert compliance["time_sync"]["status"] == status and compliance["time_sync"]["source"] == source
    assert compliance["time_sync"]["offset_seconds"] == (pytest.approx(offset) if offset is not None else None)
    assert bool(compliance["warnings"]) is (status == "warn")
    assert compliance["log_retention"] == {"log_days": 180, "audit_days": settings.AUDIT_RETENTION_DAYS,
                                           "log_dir": False}  # fmt: skip


def test_time_sync_is_cached_so_health_stays_fast(client, settings, monkeypatch):
    from fraudsafe import timesync

    settings.CELERY_BROKER_URL = "memory://"
    calls = []
    monkeypatch.setattr(timesync, "_run", lambda *command: calls.append(command) or None)
    timesync._cache.update(at=0.0, value=None)
    for _ in range(3):
        client.get("/api/health")
    assert len(calls) == 2  # chronyc then timedatectl, once for the three requests
