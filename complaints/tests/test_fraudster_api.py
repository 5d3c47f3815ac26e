"""The complaint API shows the fraudster's side of each transaction, masked like the victim's numbers for an
attender who does not handle the complaint."""

import pytest
from rest_framework.test import APIClient

from accounts.tests.factories import AttenderFactory
from complaints.tests.factories import ComplaintFactory, TransactionFactory

pytestmark = pytest.mark.django_db

FRAUDSTER = {
    "beneficiary_kind": "account",
    "beneficiary_account": "50100123456789",
    "beneficiary_ifsc": "HDFC0001234",
    "fraudster_phone": "+919812345678",
    "fraudster_website": "quick-loans.example.com",
}


def detail(user, complaint):
    client = APIClient()
    client.force_login(user)
    response = client.get(f"/api/complaints/{complaint.pk}/")
    assert response.status_code == 200
    return response.json()["transactions"][0]["fraudster"]


def test_the_handler_sees_the_fraudsters_side_in_full():
    handler = AttenderFactory()
    complaint = ComplaintFactory(handler=handler)
    TransactionFactory(complaint=complaint, position=1, **FRAUDSTER)
    assert detail(handler, complaint) == {
        "kind": "account",
        "upi_id": "",
        "account_number": "50100123456789",
        "ifsc": "HDFC0001234",
        "wallet": "",
        "merchant": "",
        "phone": "+919812345678",
        "website": "quick-loans.example.com",
    }


def test_an_attender_looking_at_an_unassigned_complaint_sees_the_numbers_masked():
    complaint = ComplaintFactory()
    TransactionFactory(complaint=complaint, position=1, **FRAUDSTER)
    shown = detail(AttenderFactory(), complaint)
    assert shown["account_number"] == "XXXXXXXXXX6789" and shown["phone"] == "+91XXXXXX5678"
    assert shown["website"] == "quick-loans.example.com"
