"""The banks' side of restitution: a key with refunds:manage sees only its banks' refund requests, confirms (in
parts, with UTR), declines with a reason, reports a lien released on the order; every write is audited."""

from datetime import date
from decimal import Decimal

import pytest
from django.test import TestCase
from rest_framework.test import APIClient

from accounts.models import AuditEntry
from accounts.services import partner_key_create
from accounts.tests.factories import AdminFactory
from recovery.models import Bank, BankPartner, RestitutionCase
from recovery.restitution_refunds import order_record, refunds_request
from recovery.services import freeze_request_answer, freeze_requests_open
from recovery.tests.factories import complaint_paying

pytestmark = pytest.mark.django_db
LIST = "/api/refund-requests/"


def bank(code: str, scopes=("refunds:manage",)):
    key, secret = partner_key_create(partner=f"{code} refunds desk", name="refunds", scopes=list(scopes))
    partner = BankPartner.objects.create(key=key)
    partner.banks.set(Bank.objects.filter(code=code))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {secret}")
    return partner, client


def case_held(upi: str, partner, amount: str) -> RestitutionCase:
    complaint = complaint_paying(upi, amount=amount)
    request = freeze_requests_open(complaint_ids=[complaint.pk])[0]
    with TestCase.captureOnCommitCallbacks(execute=True):
        freeze_request_answer(request_id=request.pk, partner=partner, outcome="on_hold", amount_held=Decimal(amount))
    return RestitutionCase.objects.get(complaint=complaint)


@pytest.fixture
def two_banks():
    yes, yes_client = bank("YESB")
    hdfc, hdfc_client = bank("HDFC")
    admin = AdminFactory()
    small = case_held("quickloan@ybl", yes, "20000.00")
    big = case_held("mule@okhdfcbank", hdfc, "90000.00")
    [yes_refund] = refunds_request(case_id=small.pk, by=admin)
    return {"yes": yes_client, "hdfc": hdfc_client, "yes_refund": yes_refund, "big": big, "admin": admin}


def test_each_bank_lists_only_its_own_refund_requests(two_banks):
    yes_rows = two_banks["yes"].get(LIST).json()["results"]
    assert [r["id"] for r in yes_rows] == [two_banks["yes_refund"].pk]
    assert yes_rows[0]["bank_code"] == "YESB" and yes_rows[0]["amount"] == "20000.00"
    assert yes_rows[0]["route"] == "administrative" and yes_rows[0]["order"] is None
    assert two_banks["hdfc"].get(LIST).json()["results"] == []
    refund = two_banks["yes_refund"].pk
    assert two_banks["hdfc"].get(f"{LIST}{refund}/").status_code == 404
    body = {"amount": "1.00", "utr": "X1", "on_date": "2026-12-01"}
    assert two_banks["hdfc"].post(f"{LIST}{refund}/confirm/", body, format="json").status_code == 404
    assert two_banks["yes"].get(LIST, {"status": "bogus"}).status_code == 400


def test_a_bank_confirms_in_parts_with_utr_and_the_writes_are_audited(two_banks):
    client, refund = two_banks["yes"], two_banks["yes_refund"].pk
    first = client.post(f"{LIST}{refund}/confirm/", {"amount": "5000.00", "utr": "YESU1", "on_date": "2026-12-01"},
                        format="json")  # fmt: skip
    assert first.status_code == 200 and first.json()["status"] == "partly_refunded"
    too_much = client.post(f"{LIST}{refund}/confirm/", {"amount": "15000.01", "utr": "YESU2",
                                                         "on_date": "2026-12-02"}, format="json")  # fmt: skip
    assert too_much.status_code == 400
    last = client.post(f"{LIST}{refund}/confirm/", {"amount": "15000.00", "utr": "YESU2", "on_date": "2026-12-02"},
                       format="json")  # fmt: skip
    assert last.json()["status"] == "refunded" and [p["utr"] for p in last.json()["payments"]] == ["YESU1", "YESU2"]
    assert client.post(f"{LIST}{refund}/decline/", {"reason": "late"}, format="json").status_code == 409
    assert RestitutionCase.objects.get(pk=two_banks["yes_refund"].case_id).status == "refunded"
    entries = AuditEntry.objects.filter(endpoint__startswith="POST /api/refund-requests/")
    assert entries.count() == 4 and {e.outcome for e in entries} == {"ok", "invalid", "conflict"}
    assert entries.filter(outcome="ok").first().objects_ref == f"refund_request={refund}"


def test_the_court_route_through_the_api_order_release_refund(two_banks):
    big, client = two_banks["big"], two_banks["hdfc"]
    assert big.route == "court"
    order_record(case_id=big.pk, by=two_banks["admin"], kind="court", number="CC 44/2026",
                 on_date=date(2026, 11, 20), amount=Decimal("90000"), court="JMFC Pune")  # fmt: skip
    [refund] = refunds_request(case_id=big.pk, by=two_banks["admin"])
    row = client.get(f"{LIST}{refund.pk}/").json()
    assert row["order"]["number"] == "CC 44/2026" and row["holds"][0]["share"] == "90000.00"
    hold = row["holds"][0]["freeze_request_id"]
    wrong = client.post(f"/api/freeze-requests/{hold}/release/", {"order_number": "CC 1"}, format="json")
    assert wrong.status_code == 400
    assert two_banks["yes"].post(f"/api/freeze-requests/{hold}/release/", {"order_number": "CC 44/2026"},
                                 format="json").status_code == 404  # fmt: skip
    ok = client.post(f"/api/freeze-requests/{hold}/release/", {"order_number": "cc 44/2026"}, format="json")
    assert ok.status_code == 200
    done = client.post(f"{LIST}{refund.pk}/confirm/", {"amount": "90000.00", "utr": "HDFCU9",
                                                        "on_date": "2026-12-03"}, format="json")  # fmt: skip
    assert done.json()["status"] == "refunded"
    assert RestitutionCase.objects.get(pk=big.pk).status == "refunded"


def test_a_decline_needs_a_reason(two_banks):
    client, refund = two_banks["yes"], two_banks["yes_refund"].pk
    assert client.post(f"{LIST}{refund}/decline/", {"reason": ""}, format="json").status_code == 400
    response = client.post(f"{LIST}{refund}/decline/", {"reason": "Lien contested in court"}, format="json")
    assert response.json()["status"] == "declined" and response.json()["reason"] == "Lien contested in court"


def test_keys_without_the_scope_and_staff_are_refused(two_banks, client):
    _, freeze_only = bank("YESB", scopes=("freezes:manage",))
    assert freeze_only.get(LIST).status_code == 403
    client.force_login(two_banks["admin"])
    assert client.get(LIST).status_code == 403
    assert APIClient().get(LIST).status_code in (401, 403)
