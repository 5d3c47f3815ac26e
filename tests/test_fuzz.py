"""Hostile-input fuzzing: every API operation in /api/schema/ and every Twilio webhook.

API: schemathesis generates requests from the OpenAPI schema, sent with valid credentials (a partner key, and
an admin session with its CSRF token); no response may be a 5xx or break its documented schema.
Webhooks: hypothesis generates random form bodies, correctly signed like Twilio; none may answer 5xx.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

pytestmark = [pytest.mark.slow]

WEBHOOKS = ["/webhooks/twilio/whatsapp/", "/webhooks/twilio/sms/", "/webhooks/twilio/status/"]
# Random generation only: schemathesis's exhaustive "coverage" phase (tied to Hypothesis's explicit phase) takes
# tens of minutes over this API; shrinking is kept so a failure is reported in its smallest form.
FUZZ = hypothesis_settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
    phases=[Phase.generate, Phase.shrink],
)


def _keep_connections_open() -> None:
    """Calls through the raw WSGI app must not close the test's DB connection (Django's test client does the
    same); the test client itself reconnects the handler after each request, hence a function to call again."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)


@pytest.fixture(autouse=True)
def connections_kept_open():
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    _keep_connections_open()
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def api_schema(db):
    """The live schema, served by the WSGI app."""
    from django.core.wsgi import get_wsgi_application

    return schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())


@pytest.fixture
def partner_headers(db):
    from accounts.models import Scope
    from accounts.services import partner_key_create

    # Every scope: the fuzzing must reach every operation's validation, not stop at 403.
    _, key = partner_key_create(partner="Fuzz Bank", name="fuzz", scopes=Scope.values)
    headers = {"Authorization": f"Api-Key {key}"}
    assert _whoami(headers)["kind"] == "partner"
    return headers


@pytest.fixture
def admin_headers(db):
    """An admin's session cookie plus a matching CSRF cookie/header, as a browser would send them."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.middleware.csrf import _get_new_csrf_string

    from accounts.tests.factories import AdminFactory

    admin = AdminFactory()
    session = SessionStore()
    session[SESSION_KEY] = str(admin.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = admin.get_session_auth_hash()
    session.save()
    csrf = _get_new_csrf_string()
    headers = {
        "Cookie": f"sessionid={session.session_key}; csrftoken={csrf}",
        "X-CSRFToken": csrf,
        "Referer": "http://testserver/",
    }
    assert _whoami(headers)["role"] == "admin"  # the fuzzing really runs as an admin, not as anonymous
    return headers


def _whoami(headers: dict) -> dict:
    from django.test import Client

    meta = {"HTTP_" + key.upper().replace("-", "_"): value for key, value in headers.items()}
    body = Client().get("/api/me/", **meta).json()
    _keep_connections_open()
    return body


schema = schemathesis.pytest.from_fixture("api_schema")


CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]


@schema.parametrize()
@FUZZ
def test_no_api_operation_answers_5xx_or_breaks_its_schema_for_a_partner(
    case, partner_headers, settings, locmem_outbox
):
    settings.CELERY_BROKER_URL = "memory://"
    case.call_and_validate(headers=partner_headers, checks=CHECKS)


@schema.parametrize()
@FUZZ
def test_no_api_operation_answers_5xx_or_breaks_its_schema_for_an_admin(case, admin_headers, settings, locmem_outbox):
    settings.CELERY_BROKER_URL = "memory://"
    case.call_and_validate(headers=admin_headers, checks=CHECKS)


form_values = st.one_of(st.text(max_size=200), st.sampled_from(["", "hi", "STOP", "1", "2.1.3 = x", "done", "yes"]))
form_bodies = st.dictionaries(
    st.sampled_from(
        [
            "From",
            "To",
            "Body",
            "MessageSid",
            "SmsSid",
            "MessageStatus",
            "ErrorCode",
            "NumMedia",
            "ProfileName",
            "WaId",
            "AccountSid",
            "x",
        ]
    ),
    form_values,
    max_size=8,
)


@pytest.mark.parametrize("path", WEBHOOKS)
@pytest.mark.django_db
def test_signed_random_webhook_bodies_never_answer_5xx(path, signed_twilio_post, locmem_outbox):
    @FUZZ
    @given(body=form_bodies)
    def check(body):
        response = signed_twilio_post(path, body)
        assert response.status_code < 500, (path, body, response.content[:300])

    check()
