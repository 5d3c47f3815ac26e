import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.tests.factories import AdminFactory, AttenderFactory
from complaints.models import Complaint
from complaints.services import complaint_pdf_attach
from complaints.tests.factories import ComplaintFactory, TransactionFactory, citizen_with_whatsapp_consent

pytestmark = pytest.mark.django_db


def api_as(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_admin_lists_every_complaint_with_totals():
    ComplaintFactory(handler=AttenderFactory(), transactions=2)
    ComplaintFactory()
    body = api_as(AdminFactory()).get(reverse("api-complaint-list")).json()
    assert body["count"] == 2
    first = body["results"][0]
    assert first["total_amount"] == "50000.00" and first["transaction_count"] == 2


def test_attender_lists_own_and_unassigned_complaints_only():
    attender = AttenderFactory()
    mine, free = ComplaintFactory(handler=attender), ComplaintFactory()
    ComplaintFactory(handler=AttenderFactory())
    body = api_as(attender).get(reverse("api-complaint-list")).json()
    assert sorted(r["ack_number"] for r in body["results"]) == sorted([mine.ack_number, free.ack_number])


def test_list_filters_by_status_and_unassigned():
    admin = AdminFactory()
    ComplaintFactory(status=Complaint.Status.IN_PROGRESS, handler=AttenderFactory())
    pending = ComplaintFactory()
    body = api_as(admin).get(reverse("api-complaint-list"), {"status": "pending", "unassigned": "true"}).json()
    assert [r["ack_number"] for r in body["results"]] == [pending.ack_number]


def test_list_searches_by_transaction_id_without_duplicates():
    complaint = ComplaintFactory()
    TransactionFactory(complaint=complaint, position=1, transaction_id="UPI999888777666")
    TransactionFactory(complaint=complaint, position=2, transaction_id="UPI999888777667")
    ComplaintFactory(transactions=1)
    body = api_as(AdminFactory()).get(reverse("api-complaint-list"), {"search": "UPI99988877766"}).json()
    assert [r["ack_number"] for r in body["results"]] == [complaint.ack_number]
    assert body["results"][0]["total_amount"] == "50000.00"


def test_list_is_paginated():
    for _ in range(3):
        ComplaintFactory()
    body = api_as(AdminFactory()).get(reverse("api-complaint-list"), {"page_size": 2}).json()
    assert body["count"] == 3 and len(body["results"]) == 2 and body["next"]


def test_detail_has_transactions_and_history():
    attender = AttenderFactory()
    complaint = ComplaintFactory(handler=attender, transactions=2)
    client = api_as(attender)
    client.post(reverse("api-complaint-status", args=[complaint.pk]), {"status": "in_progress"}, format="json")
    body = client.get(reverse("api-complaint-detail", args=[complaint.pk])).json()
    assert [t["position"] for t in body["transactions"]] == [1, 2]
    assert body["events"][0]["kind"] == "status" and body["events"][0]["actor"] == attender.username


def test_unassigned_complaint_detail_masks_bank_and_phone_for_attenders():
    complaint = ComplaintFactory(transactions=1)
    body = api_as(AttenderFactory()).get(reverse("api-complaint-detail", args=[complaint.pk])).json()
    account = complaint.transactions.get().account_number
    assert body["transactions"][0]["account_number"] == "X" * (len(account) - 4) + account[-4:]
    assert body["mobile"] != complaint.mobile


def test_claim_returns_the_complaint_now_mine():
    attender = AttenderFactory()
    complaint = ComplaintFactory()
    response = api_as(attender).post(reverse("api-complaint-claim", args=[complaint.pk]))
    assert response.status_code == 200
    assert response.json()["handler"]["username"] == attender.username


def test_claiming_twice_is_a_conflict_with_a_clear_message():
    attender = AttenderFactory()
    complaint = ComplaintFactory()
    client = api_as(attender)
    client.post(reverse("api-complaint-claim", args=[complaint.pk]))
    response = client.post(reverse("api-complaint-claim", args=[complaint.pk]))
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "already_claimed"
    assert complaint.ack_number in response.json()["error"]["message"]


def test_status_change_through_the_api(locmem_outbox, django_capture_on_commit_callbacks):
    attender = AttenderFactory()
    complaint = ComplaintFactory(handler=attender, citizen=citizen_with_whatsapp_consent())
    with django_capture_on_commit_callbacks(execute=True):
        response = api_as(attender).post(
            reverse("api-complaint-status", args=[complaint.pk]), {"status": "in_progress", "note": "ok"}, format="json"
        )
    assert response.status_code == 200 and response.json()["status"] == "in_progress"
    assert len(locmem_outbox) == 1


def test_illegal_status_change_through_the_api_is_400_with_the_reason():
    admin = AdminFactory()
    complaint = ComplaintFactory()
    response = api_as(admin).post(
        reverse("api-complaint-status", args=[complaint.pk]), {"status": "resolved"}, format="json"
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid" and "cannot go from Pending to Resolved" in error["message"]


def test_rejecting_through_the_api_needs_a_reason():
    complaint = ComplaintFactory()
    response = api_as(AdminFactory()).post(
        reverse("api-complaint-status", args=[complaint.pk]), {"status": "rejected"}, format="json"
    )
    assert response.status_code == 400 and "reason" in response.json()["error"]["fields"]


def test_unknown_status_through_the_api_is_400():
    complaint = ComplaintFactory()
    response = api_as(AdminFactory()).post(
        reverse("api-complaint-status", args=[complaint.pk]), {"status": "closed"}, format="json"
    )
    assert response.status_code == 400


def test_pdf_api_serves_the_pdf(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    attender = AttenderFactory()
    complaint = ComplaintFactory(handler=attender, transactions=1)
    complaint_pdf_attach(complaint=complaint)
    response = api_as(attender).get(reverse("api-complaint-pdf", args=[complaint.pk]), HTTP_ACCEPT="application/pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_attender_list_shows_open_workload():
    attender = AttenderFactory(username="zeta")
    ComplaintFactory(handler=attender)
    ComplaintFactory(handler=attender, status=Complaint.Status.RESOLVED)
    body = api_as(AdminFactory()).get(reverse("api-attender-list")).json()
    rows = {r["username"]: r["open_complaints"] for r in body["results"]}
    assert rows == {"zeta": 1}


def test_complaint_endpoints_are_in_the_openapi_schema(client):
    schema = client.get(reverse("schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    for path in (
        "/api/complaints/",
        "/api/complaints/{id}/",
        "/api/complaints/{id}/claim/",
        "/api/complaints/{id}/status/",
        "/api/complaints/{id}/pdf/",
        "/api/attenders/",
    ):
        assert path in schema["paths"]
    assert "application/pdf" in schema["paths"]["/api/complaints/{id}/pdf/"]["get"]["responses"]["200"]["content"]


@pytest.mark.parametrize(
    "params",
    [{"status": "closed"}, {"created_after": "yesterday"}, {"handler": "abc"}],
)
def test_bad_filter_values_answer_400_with_the_error_shape(params):
    response = api_as(AdminFactory()).get(reverse("api-complaint-list"), params)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid"


def test_page_past_the_end_answers_404_and_odd_ordering_is_ignored():
    ComplaintFactory()
    client = api_as(AdminFactory())
    assert client.get(reverse("api-complaint-list"), {"page": 99}).status_code == 404
    assert client.get(reverse("api-complaint-list"), {"ordering": "password"}).status_code == 200
