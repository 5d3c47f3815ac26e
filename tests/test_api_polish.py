"""What a new partner or operator meets first: readable error texts, JSON-only bodies said plainly, a cached and
clean OpenAPI document, docs served by the project, one log line per refused request, no start-up banner."""

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from rest_framework import serializers
from rest_framework.test import APIClient

from accounts.tests.factories import AdminFactory

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def staff_api(db):
    client = APIClient()
    client.force_authenticate(AdminFactory())
    return client


# --- error texts ------------------------------------------------------------------------------------------------


class Sample(serializers.Serializer):
    one_item = serializers.ListField(child=serializers.IntegerField(), min_length=1)
    two_items = serializers.ListField(child=serializers.IntegerField(), max_length=2)
    letter = serializers.CharField(max_length=1)
    words = serializers.CharField(min_length=3)
    amount = serializers.DecimalField(max_digits=3, decimal_places=1)
    many = serializers.ListSerializer(child=serializers.IntegerField(), min_length=1)


def test_length_messages_agree_with_their_number():
    sample = Sample(data={"one_item": [], "two_items": [1, 2, 3], "letter": "ab", "words": "ab", "amount": "123.4",
                          "many": []})  # fmt: skip
    assert not sample.is_valid()
    found = dict(sample.errors)
    many = found.pop("many")
    errors = {name: str(messages[0]) for name, messages in found.items()}
    assert errors["one_item"] == "Ensure this field has at least 1 element."
    assert errors["two_items"] == "Ensure this field has no more than 2 elements."
    assert errors["letter"] == "Ensure this field has no more than 1 character."
    assert errors["words"] == "Ensure this field has at least 3 characters."
    assert errors["amount"] == "Ensure that there are no more than 3 digits in total."
    assert [str(m) for m in many["non_field_errors"]] == ["Ensure this field has at least 1 element."]


def test_the_api_says_at_least_1_element(staff_api):
    body = {"kind": "location", "audience": {"type": "location", "district": "Pune"}, "template_key": "location",
            "channels": []}  # fmt: skip
    response = staff_api.post("/api/alerts/", body, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["message"] == "Ensure this field has at least 1 element."


@pytest.mark.parametrize(
    ("content_type", "body"),
    [("application/x-www-form-urlencoded", "phone=9876543210"), ("text/plain", "hello"), ("", "phone=1")],
)
def test_a_body_that_is_not_json_gets_415_saying_json_is_required(partner_api_client, content_type, body):
    response = partner_api_client.generic("POST", "/api/consent/", body, content_type=content_type)
    assert response.status_code == 415
    error = response.json()["error"]
    assert error["code"] == "unsupported_media_type"
    assert "JSON" in error["message"] and "application/json" in error["message"]


# --- the OpenAPI document and the docs ---------------------------------------------------------------------------


def test_the_openapi_document_is_generated_once_per_process_and_language(client, monkeypatch, db):
    from drf_spectacular.generators import SchemaGenerator

    from fraudsafe.views import CachedSchemaView

    CachedSchemaView.forget()
    calls = []
    original = SchemaGenerator.get_schema
    monkeypatch.setattr(SchemaGenerator, "get_schema", lambda self, *a, **k: calls.append(1) or original(self, *a, **k))
    first = client.get("/api/schema/", HTTP_ACCEPT="application/json")
    second = client.get("/api/schema/", HTTP_ACCEPT="application/json")
    assert first.status_code == second.status_code == 200
    assert first.json() == second.json()
    assert len(calls) == 1
    assert client.get("/api/schema/").status_code == 200  # YAML: the same cached document, rendered otherwise
    assert len(calls) == 1
    client.get("/api/schema/?lang=hi", HTTP_ACCEPT="application/json")
    assert len(calls) == 2
    CachedSchemaView.forget()


def test_the_document_lists_each_security_scheme_once_per_operation(client, db):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    assert "security" not in schema  # no global duplicate of what each operation says
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            names = [name for option in operation.get("security", []) for name in option]
            assert len(names) == len(set(names)), (method, path, operation.get("security"))


def test_the_docs_page_loads_swagger_ui_from_the_project_not_a_cdn(client, db):
    page = client.get("/api/docs/").content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in page
    assert "cdn" not in page and "https://" not in page
    assert finders.find("drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js")


def test_there_is_a_favicon(client, db):
    response = client.get("/favicon.ico")
    assert (response.status_code, response["Location"]) == (301, "/static/favicon.svg")
    assert finders.find("favicon.svg")
    assert 'rel="icon"' in client.get("/console/login/").content.decode()


# --- logs -----------------------------------------------------------------------------------------------------


def _env(tmp_path) -> dict:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("FRAUDSAFE_TEST", "DJANGO_SETTINGS"))}
    return {**env, "DJANGO_SETTINGS_MODULE": "fraudsafe.settings", "DJANGO_DEBUG": "true", "FRAUDSAFE_ENV_FILE": "",
            "FRAUDSAFE_VAR_DIR": str(tmp_path), "LOG_LEVEL": "INFO", "PYTHONUNBUFFERED": "1"}  # fmt: skip


def test_management_commands_print_no_start_up_banner(tmp_path):
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=_env(tmp_path), capture_output=True,
                            text=True, timeout=120)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "AXES" not in result.stdout + result.stderr
    assert result.stderr.strip() == ""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.slow
def test_each_refused_request_is_logged_once_by_the_development_server(tmp_path):
    port = _free_port()
    log = tmp_path / "server.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload", "--skip-checks"],
            cwd=ROOT, env=_env(tmp_path), stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            base = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 60
            while True:
                try:
                    urllib.request.urlopen(f"{base}/favicon.ico", timeout=2)
                    break
                except urllib.error.HTTPError:
                    break
                except OSError:
                    assert time.monotonic() < deadline, log.read_text()
                    time.sleep(0.3)
            for path in ("/api/me/", "/api/no-such-endpoint"):
                with pytest.raises(urllib.error.HTTPError):
                    urllib.request.urlopen(base + path, timeout=10)
            time.sleep(0.5)
        finally:
            server.terminate()
            server.wait(timeout=30)
    lines = log.read_text().splitlines()
    assert len([line for line in lines if "/api/me/" in line]) == 1, lines
    assert len([line for line in lines if "/api/no-such-endpoint" in line]) == 1, lines
    assert any('"GET /favicon.ico HTTP/1.1" 301' in line for line in lines), lines  # other requests keep theirs


def _operations(schema):
    return [(path, method, op) for path, item in schema["paths"].items() for method, op in item.items()]


def test_each_operation_says_who_may_call_it_while_collapsed(client, db):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    for path, method, op in _operations(schema):
        summary = op.get("summary", "")
        if "x-required-scope" in op:
            assert summary.endswith(f"[scope {op['x-required-scope']}]"), (method, path, summary)
        elif op.get("x-partner-access") == "none":
            assert summary.endswith("[staff only]"), (method, path, summary)
    assert (
        client.get("/api/schema/", HTTP_ACCEPT="application/json").json()["paths"]["/api/me/"]["get"]["summary"]
        == "Who the caller is: lets a partner check its key, or staff their session [any partner key]"
    )


def test_the_x_api_key_header_is_documented_as_an_alternative(client, db):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    schemes = schema["components"]["securitySchemes"]
    assert schemes["ApiKeyHeader"] == {**schemes["ApiKeyHeader"], "type": "apiKey", "in": "header", "name": "X-Api-Key"}
    me = schema["paths"]["/api/me/"]["get"]["security"]
    assert {"ApiKeyAuth": []} in me and {"ApiKeyHeader": []} in me  # either one (OR), not both together


@pytest.mark.parametrize("path", ["/api/me/", "/api/campaigns/active/"])
def test_authenticated_operations_document_their_401_and_403(client, db, path):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    responses = schema["paths"][path]["get"]["responses"]
    for code in ("401", "403"):
        ref = responses[code]["content"]["application/json"]["schema"]["$ref"]
        assert ref == "#/components/schemas/ErrorOutput"
    assert "Api-Key" in responses["401"]["description"]


def test_the_docs_page_reads_the_document_as_json(client, db):
    page = client.get("/api/docs/").content.decode()
    url = json.loads(re.search(r'url: ("[^"]*")', page).group(1))  # the template writes it escaped for JS
    assert url == "/api/schema/?format=json"
    response = client.get("/api/schema/?format=json")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.oai.openapi+json")
    assert response.json()["info"]["title"] == "FraudSafe API"
