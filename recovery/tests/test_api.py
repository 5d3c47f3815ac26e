"""The banks' side of the API: a key bound to bank codes with the freeze scope sees only its requests and only
the fields it needs; it acknowledges and answers; partners without the binding and staff are refused."""

from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from accounts.tests.factories import AdminFactory
from recovery.models import FreezeRequest
from recovery.services import freeze_requests_open
from recovery.tests.factories import bank_partner, complaint_paying

pytestmark = pytest.mark.django_db

LIST = "/api/freeze-requests/"


@pytest.fixture
def requests_(settings, tmp_path):
    """Two requests to Yes Bank (two complaints), one to HDFC."""
    settings.MEDIA_ROOT = tmp_path
    complaints = [
        complaint_paying("quickloan@ybl", name="Asha Rao"),
        complaint_paying("other@ybl", name="Ravi Kumar"),
        complaint_paying(account="50100123456789", ifsc="HDFC0001234", name="Meera Iyer"),
    ]
    return freeze_requests_open(complaint_ids=[c.pk for c in complaints])


def test_a_bank_lists_only_the_open_requests_addressed_to_it(requests_):
    _, yes = bank_partner("YESB")
    _, hdfc = bank_partner("HDFC")
    yes_ids = [r["id"] for r in yes.get(LIST).json()["results"]]
    hdfc_ids = [r["id"] for r in hdfc.get(LIST).json()["results"]]
    assert sorted(yes_ids) == sorted(r.pk for r in requests_ if r.bank.code == "YESB") and len(yes_ids) == 2
    assert hdfc_ids == [r.pk for r in requests_ if r.bank.code == "HDFC"]


def test_a_request_of_another_bank_is_404_everywhere(requests_):
    _, hdfc = bank_partner("HDFC")
    other = next(r for r in requests_ if r.bank.code == "YESB")
    assert hdfc.get(f"{LIST}{other.pk}/").status_code == 404
    assert hdfc.post(f"{LIST}{other.pk}/acknowledge/", {}, format="json").status_code == 404
    response = hdfc.post(f"{LIST}{other.pk}/outcome/", {"outcome": "not_found"}, format="json")
    assert response.status_code == 404
    assert FreezeRequest.objects.get(pk=other.pk).status == "sent"


def test_a_bank_sees_what_it_needs_and_nothing_of_the_victims_identity(requests_):
    _, yes = bank_partner("YESB")
    request = next(r for r in requests_ if r.beneficiary_upi == "quickloan@ybl")
    body = yes.get(f"{LIST}{request.pk}/").json()
    assert body["beneficiary"]["upi_id"] == "quickloan@ybl" and body["bank_code"] == "YESB"
    assert body["amount"] == "25000.00" and body["ack_number"] == request.ack_number
    assert body["transaction_ref"] == request.transaction_ref
    assert body["paid_from"]["account"].endswith(request.source_account[-4:])
    assert request.source_account not in str(body)  # the victim's account is masked
    complaint = request.complaint
    text = str(body)
    for secret in [
        complaint.name,
        complaint.mobile,
        complaint.father_name,
        complaint.pin_code,
        "1985",
        "dob",
        "address",
    ]:
        assert secret not in text, secret


def test_a_bank_acknowledges_then_reports_money_on_hold(requests_, django_capture_on_commit_callbacks):
    _, yes = bank_partner("YESB")
    request = next(r for r in requests_ if r.bank.code == "YESB")
    ack = yes.post(f"{LIST}{request.pk}/acknowledge/", {"bank_reference": "YB-2026-1"}, format="json")
    assert ack.status_code == 200 and ack.json()["status"] == "acknowledged"
    with django_capture_on_commit_callbacks(execute=True):
        answer = yes.post(f"{LIST}{request.pk}/outcome/", {"outcome": "on_hold", "amount_held": "20000"}, format="json")
    assert answer.status_code == 200, answer.json()
    assert answer.json()["request"]["status"] == "on_hold" and answer.json()["request"]["amount_held"] == "20000.00"
    open_ids = [r["id"] for r in yes.get(LIST).json()["results"]]
    assert request.pk not in open_ids
    assert request.pk in [r["id"] for r in yes.get(LIST + "?status=on_hold").json()["results"]]
    again = yes.post(f"{LIST}{request.pk}/outcome/", {"outcome": "not_found"}, format="json")
    assert again.status_code == 409 and again.json()["error"]["code"] == "already_answered"


def test_money_moved_on_opens_the_next_layer_which_only_the_next_bank_sees(requests_):
    _, yes = bank_partner("YESB")
    _, hdfc = bank_partner("HDFC")
    request = next(r for r in requests_ if r.beneficiary_upi == "quickloan@ybl")
    response = yes.post(
        f"{LIST}{request.pk}/outcome/",
        {
            "outcome": "moved_on",
            "moved_on": [
                {
                    "account_number": "50100999888777",
                    "ifsc": "hdfc0009999",
                    "amount": "24000",
                    "transaction_ref": "N123",
                },
                {"upi_id": "mule@nobodypsp", "amount": "1000"},
            ],
        },
        format="json",
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    [layer2] = body["next_layer"]
    assert (layer2["layer"], layer2["parent_id"], layer2["bank_code"]) == (2, request.pk, "HDFC")
    assert body["not_routed"] == ["mule@nobodypsp"]
    assert layer2["id"] in [r["id"] for r in hdfc.get(LIST).json()["results"]]
    assert layer2["id"] not in [r["id"] for r in yes.get(LIST).json()["results"]]
    assert hdfc.get(f"{LIST}{layer2['id']}/").json()["paid_from"]["account"] == "quickloan@ybl"  # a mule, not a victim


@pytest.mark.parametrize(
    "body",
    [
        {"outcome": "frozen"},
        {"outcome": "on_hold"},
        {"outcome": "on_hold", "amount_held": "-5"},
        {"outcome": "rejected"},
        {"outcome": "moved_on", "moved_on": [{"amount": "5"}]},
        {"outcome": "moved_on", "moved_on": [{"account_number": "50100999888777", "amount": "5"}]},
        {"outcome": "moved_on", "moved_on": [{"upi_id": "not-a-upi", "amount": "5"}]},
    ],
)
def test_bad_answers_get_400_with_the_field_named(requests_, body):
    _, yes = bank_partner("YESB")
    request = next(r for r in requests_ if r.bank.code == "YESB")
    response = yes.post(f"{LIST}{request.pk}/outcome/", body, format="json")
    assert response.status_code == 400, response.json()
    assert response.json()["error"]["code"] == "invalid" and response.json()["error"]["fields"]


def test_keys_without_a_bank_binding_or_without_the_freeze_scope_and_staff_get_403(requests_, partner_api_client):
    assert partner_api_client.get(LIST).status_code == 403
    partner, client = bank_partner("YESB")
    partner.can_manage_freezes = False
    partner.save()
    assert client.get(LIST).status_code == 403
    staff = APIClient()
    staff.force_login(AdminFactory())
    assert staff.get(LIST).status_code == 403
    assert APIClient().get(LIST).status_code in (401, 403)


def test_a_bank_key_without_the_freeze_scope_is_refused_naming_it(requests_):
    partner, client = bank_partner("YESB")
    partner.key.scopes = ["patterns:read"]
    partner.key.save(update_fields=["scopes"])
    response = client.get(LIST)
    error = response.json()["error"]
    assert response.status_code == 403
    assert error["code"] == "missing_scope" and '"freezes:manage"' in error["message"]
    partner.key.scopes = ["freezes:manage"]
    partner.key.save(update_fields=["scopes"])
    assert client.get(LIST).status_code == 200


def test_a_bank_registers_an_https_callback_and_reads_its_signing_secret(requests_):
    partner, client = bank_partner("YESB", "UTIB")
    refused = client.put("/api/freeze-callback/", {"url": "http://bank.example.com/hook"}, format="json")
    assert refused.status_code == 400
    body = client.get("/api/freeze-callback/").json()
    assert body["url"] == "" and body["bank_codes"] == ["UTIB", "YESB"] and len(body["signing_secret"]) >= 32


def test_amounts_are_decimal_strings(requests_):
    _, yes = bank_partner("YESB")
    assert all(Decimal(r["amount"]) == Decimal("25000") for r in yes.get(LIST).json()["results"])


def test_the_fast_json_of_a_request_is_exactly_what_the_declared_fields_give(requests_):
    from rest_framework import serializers

    from recovery.selectors import freeze_request_detail
    from recovery.serializers import FreezeRequestOutput

    request = freeze_request_detail(requests_[0].pk)
    declared = serializers.ModelSerializer.to_representation(FreezeRequestOutput(), request)
    assert FreezeRequestOutput(request).data == declared
