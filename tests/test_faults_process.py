"""Black-box faults against a real gunicorn process on loopback."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from django.conf import settings
from twilio.request_validator import RequestValidator

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def server_without_database(tmp_path):
    """gunicorn serving FraudSafe with its database pointed at a port where nothing listens."""
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "fraudsafe.settings_test",
        "FRAUDSAFE_TEST_DB": "postgres",
        "TEST_DATABASE_URL": "postgres://postgres@127.0.0.1:1/fraudsafe",
        "FRAUDSAFE_TEST_DB_NAME": "fraudsafe",
        "CELERY_BROKER_URL": "memory://",
    }
    log = (tmp_path / "gunicorn.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "fraudsafe.wsgi", "-b", f"127.0.0.1:{port}", "-w", "1", "--timeout", "30"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.3)
    yield base
    proc.terminate()
    proc.wait(timeout=30)


def fetch(request: urllib.request.Request) -> tuple[int, bytes, dict]:
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - loopback only
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read(), dict(error.headers)


def test_health_answers_503_naming_the_database_when_it_is_unreachable(server_without_database):
    status, body, _ = fetch(urllib.request.Request(server_without_database + "/api/health"))
    assert status == 503
    assert b'"database"' in body and b'"failing":["database","case_store"]' in body.replace(b" ", b"")


def test_whatsapp_webhook_answers_503_so_twilio_retries_when_the_database_is_unreachable(server_without_database):
    path = "/webhooks/twilio/whatsapp/"
    data = {"From": "whatsapp:+919876543210", "Body": "hi", "MessageSid": "SM" + "1" * 32, "NumMedia": "0"}
    signature = RequestValidator(settings.TWILIO_AUTH_TOKEN).compute_signature(
        settings.FRAUDSAFE_PUBLIC_URL + path, data
    )
    request = urllib.request.Request(
        server_without_database + path,
        data=urllib.parse.urlencode(data).encode(),
        method="POST",
        headers={
            "X-Twilio-Signature": signature,
            "Host": "testserver",
            "Content-Type": "application/x-www-form-urlencoded",
        },
    )
    status, _, headers = fetch(request)
    assert status == 503
    assert headers.get("Retry-After") == "30"
