"""Freeze requests are opened when a complaint is submitted and whenever staff add beneficiary details."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.tests.factories import AttenderFactory
from complaints.beneficiary import transaction_update_beneficiary
from complaints.models import Complaint
from complaints.services import complaint_submit
from complaints.tests.factories import ComplaintFactory, TransactionFactory
from recovery.models import FreezeEvent, FreezeRequest, UnknownHandle
from recovery.services import freeze_requests_open, freeze_requests_open_waiting
from recovery.tests.factories import complaint_paying

pytestmark = pytest.mark.django_db

ANSWERS = {
    "name": "Asha Rao",
    "mobile": "9876543210",
    "dob": "1985-05-17",
    "father_name": "Ramesh Kumar",
    "district": "Pune",
    "pin_code": "411001",
}


def txn(**beneficiary):
    return {
        "date": timezone.localdate().isoformat(),
        "time": "14:30",
        "bank": "State Bank of India",
        "account_number": "123456789012",
        "amount": "25000.00",
        "transaction_id": "412345678901",
        "fraud_type": "upi",
        **beneficiary,
    }


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_submitting_a_complaint_opens_one_request_per_transaction_with_a_known_bank(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        complaint = complaint_submit(
            phone="+919876543210",
            answers=ANSWERS,
            transactions=[
                txn(beneficiary_kind="upi", beneficiary_upi="quickloan@ybl"),
                txn(beneficiary_kind="account", beneficiary_account="50100123456789", beneficiary_ifsc="HDFC0001234"),
                txn(beneficiary_kind=""),  # don't know
                txn(beneficiary_kind="merchant", beneficiary_merchant="XYZ TRADERS"),
                txn(beneficiary_kind="upi", beneficiary_upi="x@unknownhandle"),
            ],
        )
    requests = list(FreezeRequest.objects.filter(complaint=complaint).order_by("transaction__position"))
    assert [(r.transaction.position, r.bank.code) for r in requests] == [(1, "YESB"), (2, "HDFC")]
    first = requests[0]
    assert (first.status, first.layer, first.amount, first.ack_number) == ("sent", 1, 25000, complaint.ack_number)
    assert (first.beneficiary_upi, first.transaction_ref, first.source_account) == (
        "quickloan@ybl",
        "412345678901",
        "123456789012",
    )
    assert first.ack_due_at == first.sent_at + timedelta(minutes=30)
    assert first.answer_due_at == first.sent_at + timedelta(minutes=120)
    assert FreezeEvent.objects.filter(request=first, kind="created").exists()
    assert UnknownHandle.objects.filter(value="unknownhandle").exists()


def test_opening_again_changes_nothing():
    complaint = complaint_paying("quickloan@ybl")
    assert len(freeze_requests_open(complaint_ids=[complaint.pk])) == 1
    assert freeze_requests_open(complaint_ids=[complaint.pk]) == []
    assert FreezeRequest.objects.count() == 1


def test_an_attender_filling_in_the_beneficiary_later_opens_the_request(django_capture_on_commit_callbacks):
    handler = AttenderFactory()
    complaint = ComplaintFactory(handler=handler)
    transaction = TransactionFactory(complaint=complaint, position=1)
    assert freeze_requests_open(complaint_ids=[complaint.pk]) == []

    with django_capture_on_commit_callbacks(execute=True):
        transaction_update_beneficiary(
            transaction_id=transaction.pk,
            by=handler,
            values={
                "beneficiary_kind": "account",
                "beneficiary_account": "50100123456789",
                "beneficiary_ifsc": "hdfc0001234",
            },
        )
    request = FreezeRequest.objects.get()
    assert (request.bank.code, request.beneficiary_ifsc, request.created_by) == ("HDFC", "HDFC0001234", handler)


def test_correcting_the_beneficiary_cancels_the_open_request_and_opens_one_to_the_right_bank(
    django_capture_on_commit_callbacks,
):
    handler = AttenderFactory()
    complaint = complaint_paying("quickloan@ybl", handler=handler)
    freeze_requests_open(complaint_ids=[complaint.pk])
    transaction = complaint.transactions.get()

    with django_capture_on_commit_callbacks(execute=True):
        transaction_update_beneficiary(
            transaction_id=transaction.pk, by=handler, values={"beneficiary_upi": "quickloan@okicici"}
        )
    old, new = FreezeRequest.objects.order_by("pk")
    assert (old.status, old.bank.code) == ("cancelled", "YESB")
    assert "corrected" in old.reason
    assert (new.status, new.bank.code) == ("sent", "ICIC")


def test_requests_are_not_opened_for_closed_complaints():
    complaint = complaint_paying("quickloan@ybl", status=Complaint.Status.RESOLVED)
    assert freeze_requests_open(complaint_ids=[complaint.pk]) == []


def test_adding_a_flagged_handle_to_the_mapping_opens_the_waiting_requests():
    complaint = complaint_paying("quickloan@newpsp")
    assert freeze_requests_open(complaint_ids=[complaint.pk]) == []
    from recovery.models import Bank, UpiHandle

    UpiHandle.objects.create(handle="newpsp", bank=Bank.objects.get(code="KKBK"))
    opened = freeze_requests_open_waiting(kind="upi", value="newpsp")
    assert [r.bank.code for r in opened] == ["KKBK"]
    assert UnknownHandle.objects.get(value="newpsp").resolved_at is not None


def test_only_an_admin_or_the_handler_changes_the_fraudsters_details():
    from django.core.exceptions import PermissionDenied

    complaint = complaint_paying("quickloan@ybl", handler=AttenderFactory())
    with pytest.raises(PermissionDenied):
        transaction_update_beneficiary(
            transaction_id=complaint.transactions.get().pk, by=AttenderFactory(), values={"beneficiary_upi": "a@ybl"}
        )


def test_clearing_the_beneficiary_cancels_its_open_request(django_capture_on_commit_callbacks):
    handler = AttenderFactory()
    complaint = complaint_paying("quickloan@ybl", handler=handler)
    freeze_requests_open(complaint_ids=[complaint.pk])
    with django_capture_on_commit_callbacks(execute=True):
        transaction_update_beneficiary(
            transaction_id=complaint.transactions.get().pk, by=handler, values={"beneficiary_kind": ""}
        )
    assert FreezeRequest.objects.get().status == "cancelled"
