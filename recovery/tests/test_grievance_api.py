"""The banks' side of the wrongly frozen: a key with refunds:manage files a grievance for a hold at its bank, sees
only its own banks' grievances (two banks), reads the decision; every write is audited."""

from decimal import Decimal

import pytest
from django.test import TestCase

from accounts.models import AuditEntry
from accounts.tests.factories import AdminFactory, AttenderFactory
from recovery.grievances import grievance_decide, grievance_record
from recovery.models import FreezeRequest, RestitutionCase
from recovery.restitution_refunds import refunds_request
from recovery.services import freeze_request_add_layer, freeze_request_answer, freeze_requests_open
from recovery.tests.factories import complaint_paying
from recovery.tests.test_grievances import _linked_pair
from recovery.tests.test_restitution_api import bank

pytestmark = pytest.mark.django_db
LIST = "/api/hold-grievances/"


def hold_at(upi: str, partner, amount: str) -> FreezeRequest:
    complaint = complaint_paying(upi, amount=amount)
    request = freeze_requests_open(complaint_ids=[complaint.pk])[0]
    with TestCase.captureOnCommitCallbacks(execute=True):
        freeze_request_answer(request_id=request.pk, partner=partner, outcome="on_hold", amount_held=Decimal(amount))
    return request


@pytest.fixture
def two_banks():
    yes, yes_client = bank("YESB")
    hdfc, hdfc_client = bank("HDFC")
    return {"yes": yes, "yes_client": yes_client, "hdfc": hdfc, "hdfc_client": hdfc_client,
            "yes_hold": hold_at("quickloan@ybl", yes, "20000.00"),
            "hdfc_hold": hold_at("mule@okhdfcbank", hdfc, "90000.00")}  # fmt: skip


def body(hold, **fields):
    values = {"freeze_request_id": hold.pk, "holder_name": "Meena Rao", "holder_contact": "+919812345678"}
    return {**values, "statement": "My salary was credited.", "documents": "salary slip", **fields}


def test_a_bank_files_a_grievance_for_its_own_hold_and_the_write_is_audited(two_banks):
    client, hold = two_banks["yes_client"], two_banks["yes_hold"]
    response = client.post(LIST, body(hold), format="json")
    assert response.status_code == 201
    row = response.json()
    filed = (row["status"], row["channel"], row["bank_code"], row["amount_held"])
    assert filed == ("received", "bank", "YESB", "20000.00")
    assert row["weaker_evidence"] is False and row["release_amount"] is None and row["lien_after"] == "20000.00"
    entry = AuditEntry.objects.get(endpoint="POST /api/hold-grievances/", outcome="ok")
    assert entry.objects_ref == f"freeze_request={hold.pk} hold_grievance={row['id']}"
    assert client.post(LIST, body(hold), format="json").status_code == 409  # one waiting per hold


def test_no_bank_sees_or_files_for_another_banks_holds(two_banks):
    yes_hold, hdfc_hold = two_banks["yes_hold"], two_banks["hdfc_hold"]
    assert two_banks["hdfc_client"].post(LIST, body(yes_hold), format="json").status_code == 404
    mine = two_banks["yes_client"].post(LIST, body(yes_hold), format="json").json()
    staff = grievance_record(freeze_request_id=hdfc_hold.pk, holder_name="R. Iyer", holder_contact="r@example.in",
                             statement="Wrong account", by=AdminFactory())  # fmt: skip
    assert [g["id"] for g in two_banks["yes_client"].get(LIST).json()["results"]] == [mine["id"]]
    assert [g["id"] for g in two_banks["hdfc_client"].get(LIST).json()["results"]] == [staff.pk]  # staff-recorded
    assert two_banks["hdfc_client"].get(f"{LIST}{mine['id']}/").status_code == 404
    assert two_banks["yes_client"].get(f"{LIST}{staff.pk}/").status_code == 404


def test_the_bank_reads_the_decision_on_the_grievance_and_the_freeze_request(two_banks):
    client, hold = two_banks["yes_client"], two_banks["yes_hold"]
    filed = client.post(LIST, body(hold), format="json").json()
    grievance_decide(grievance_id=filed["id"], by=AdminFactory(), decision="reduce", release_amount="5000",
                     reason="Only ₹15,000 is disputed.")  # fmt: skip
    row = client.get(f"{LIST}{filed['id']}/").json()
    decision = (row["status"], row["outcome"], row["release_amount"], row["lien_after"])
    assert decision == ("upheld", "reduced", "5000.00", "15000.00")
    assert row["decision_reason"] == "Only ₹15,000 is disputed." and row["decided_at"]
    assert [g["id"] for g in client.get(LIST, {"status": "upheld"}).json()["results"]] == [filed["id"]]
    assert client.get(LIST, {"status": "received"}).json()["results"] == []
    assert client.get(LIST, {"status": "bogus"}).status_code == 400


def test_bad_input_and_keys_without_the_scope_are_refused(two_banks, client):
    yes_client, hold = two_banks["yes_client"], two_banks["yes_hold"]
    assert yes_client.post(LIST, body(hold, statement=""), format="json").status_code == 400
    assert yes_client.post(LIST, {"freeze_request_id": hold.pk}, format="json").status_code == 400
    _, freeze_only = bank("YESB", scopes=("freezes:manage",))
    assert freeze_only.get(LIST).status_code == 403
    assert freeze_only.post(LIST, body(hold), format="json").status_code == 403
    client.force_login(AdminFactory())
    assert client.get(LIST).status_code == 403


def test_a_refund_requests_holds_say_which_are_weaker_evidence():
    yes, client = bank("YESB")
    handler = AttenderFactory()
    a, _b = _linked_pair(handler)
    first = freeze_requests_open(complaint_ids=[a.pk])[0]
    linked = freeze_request_add_layer(parent_id=first.pk, by=handler, amount=Decimal(9000),
                                      values={"beneficiary_kind": "upi", "beneficiary_upi": "other@ybl"})  # fmt: skip
    with TestCase.captureOnCommitCallbacks(execute=True):
        freeze_request_answer(request_id=first.pk, partner=yes, outcome="on_hold", amount_held=Decimal(20000))
        freeze_request_answer(request_id=linked.pk, partner=yes, outcome="on_hold", amount_held=Decimal(9000))
    [refund] = refunds_request(case_id=RestitutionCase.objects.get(complaint=a).pk, by=handler)
    holds = client.get(f"/api/refund-requests/{refund.pk}/").json()["holds"]
    assert {h["freeze_request_id"]: h["weaker_evidence"] for h in holds} == {first.pk: False, linked.pk: True}
