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
