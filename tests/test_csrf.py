"""CSRF on every form: each page that accepts a POST refuses one without the token.

Exempt by design, each with its own guard: the Twilio webhooks (signature) and the one-click email unsubscribe
(RFC 8058 List-Unsubscribe-Post, guarded by its signed token)."""

import pytest
from django.test import Client
from django.urls import get_resolver

from accounts.tests.factories import AttenderFactory
from complaints.tests.factories import ComplaintFactory

pytestmark = pytest.mark.django_db

# Twilio's webhooks (signed, no session) and the one-click unsubscribe link (a signed token, RFC 8058).
EXEMPT = {"whatsapp_webhook", "twilio-sms", "twilio-status", "twilio-templates", "unsubscribe"}


def page_names() -> set[str]:
    names = set()
    for pattern in get_resolver().url_patterns:
        stack = [pattern]
        while stack:
            item = stack.pop()
            if hasattr(item, "url_patterns"):
                if str(item.pattern) in ("api/", "admin/"):
                    continue
                stack.extend(item.url_patterns)
            elif item.name:
                names.add(item.name)
    return names


def post_targets(complaint) -> dict[str, str]:
    transaction = complaint.transactions.first()
    return {
        "login": "/console/login/",
        "logout": "/console/logout/",
        "staff-language": "/console/language/",
        "console-take-next": "/console/take-next/",
        "console-claim": f"/console/complaints/{complaint.pk}/claim/",
        "console-status": f"/console/complaints/{complaint.pk}/status/",
        "console-progress": f"/console/complaints/{complaint.pk}/transactions/{transaction.pk}/progress/",
        "console-note": f"/console/complaints/{complaint.pk}/notes/",
        "console-hand-over": f"/console/complaints/{complaint.pk}/hand-over/",
        "console-unassign": f"/console/complaints/{complaint.pk}/unassign/",
        "console-reopen": f"/console/complaints/{complaint.pk}/reopen/",
        "console-beneficiary": f"/console/complaints/{complaint.pk}/transactions/{transaction.pk}/beneficiary/",
        "console-freeze-resend": f"/console/complaints/{complaint.pk}/freeze-requests/1/resend/",
        "console-freeze-cancel": f"/console/complaints/{complaint.pk}/freeze-requests/1/cancel/",
        "console-freeze-add-layer": f"/console/complaints/{complaint.pk}/freeze-requests/1/add-layer/",
        "withdraw": "/privacy/withdraw/any-token/",
        "console-restitution-request": f"/console/complaints/{complaint.pk}/restitution/request/",
        "console-restitution-order": f"/console/complaints/{complaint.pk}/restitution/order/",
        "console-evidence-read-again": f"/console/complaints/{complaint.pk}/evidence/1/read-again/",
        "console-grievance-record": f"/console/complaints/{complaint.pk}/grievances/",
        "console-grievance-decide": f"/console/complaints/{complaint.pk}/grievances/1/decide/",
    }


READ_ONLY = {
    "home",
    "console-home",
    "console-unassigned",
    "console-complaint",
    "console-search",
    "console-pdf",
    "patterns-dashboard",
    "complaint_pdf_link",
    "console-evidence",
    "console-money-trail",
    "console-restitution",  # the restitution dashboard
    "notice",  # privacy: the consent notice
    "bundle",  # privacy: a citizen's copy of their data, behind a signed expiring link
    "console-restitution-doc",  # restitution documents (PDF downloads)
    "console-restitution-refund-doc",
}
POSTS = [
    "login",
    "logout",
    "staff-language",
    "console-take-next",
    "console-claim",
    "console-status",
    "console-progress",
    "console-note",
    "console-hand-over",
    "console-unassign",
    "console-reopen",
    "console-beneficiary",
    "console-freeze-resend",
    "console-freeze-cancel",
    "console-freeze-add-layer",
    "withdraw",
    "console-restitution-request",
    "console-restitution-order",
    "console-evidence-read-again",
    "console-grievance-record",
    "console-grievance-decide",
]


def test_every_page_is_a_read_only_page_a_checked_form_or_exempt_for_a_reason():
    assert page_names() == READ_ONLY | EXEMPT | set(POSTS)


@pytest.mark.parametrize("name", POSTS)
def test_a_post_without_the_csrf_token_is_refused(name):
    attender = AttenderFactory()
    complaint = ComplaintFactory(handler=attender, transactions=1)
    client = Client(enforce_csrf_checks=True)
    if name != "login":
        client.force_login(attender)
    response = client.post(post_targets(complaint)[name], {"status": "in_progress", "username": "x", "password": "y"})
    assert response.status_code == 403


def test_the_same_post_with_the_token_goes_through():
    attender = AttenderFactory()
    complaint = ComplaintFactory(handler=attender, transactions=1)
    client = Client(enforce_csrf_checks=True)
    client.force_login(attender)
    page = client.get(f"/console/complaints/{complaint.pk}/")
    token = page.cookies["csrftoken"].value if "csrftoken" in page.cookies else client.cookies["csrftoken"].value
    response = client.post(
        f"/console/complaints/{complaint.pk}/status/", {"status": "in_progress", "csrfmiddlewaretoken": token}
    )
    assert response.status_code in (200, 302)
    complaint.refresh_from_db()
    assert complaint.status == "in_progress"
