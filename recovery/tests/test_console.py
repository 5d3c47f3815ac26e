"""The money trail on the console: the panel on the complaint page, staff actions (only admins and the handler),
the money-trail page; and the fraudster's details filled in from the console open a request."""

from decimal import Decimal

import pytest

from accounts.tests.factories import AdminFactory, AttenderFactory
from recovery.models import FreezeRequest
from recovery.services import freeze_requests_open
from recovery.tests.factories import complaint_paying

pytestmark = pytest.mark.django_db


@pytest.fixture
def handled(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    handler = AttenderFactory()
    complaint = complaint_paying("quickloan@ybl", handler=handler)
    [request] = freeze_requests_open(complaint_ids=[complaint.pk])
    return handler, complaint, request


def test_the_complaint_page_shows_the_money_trail_panel(client, handled):
    handler, complaint, _ = handled
    client.force_login(handler)
    page = client.get(f"/console/complaints/{complaint.pk}/").content.decode()
    assert 'id="money-trail"' in page and "Yes Bank" in page and "quickloan@ybl" in page


def test_an_attender_viewing_an_unassigned_complaint_sees_the_trail_masked_and_no_actions(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    complaint = complaint_paying("quickloan@ybl")
    freeze_requests_open(complaint_ids=[complaint.pk])
    client.force_login(AttenderFactory())
    page = client.get(f"/console/complaints/{complaint.pk}/").content.decode()
    assert "q***@ybl" in page and "quickloan@ybl" not in page
    assert "Re-send" not in page


def test_the_handler_resends_and_cancels_and_another_attender_gets_404(client, handled):
    handler, complaint, request = handled
    base = f"/console/complaints/{complaint.pk}/freeze-requests/{request.pk}"
    client.force_login(AttenderFactory())
    assert client.post(f"{base}/resend/").status_code == 404
    client.force_login(handler)
    assert client.post(f"{base}/resend/").status_code == 302
    assert FreezeRequest.objects.get(pk=request.pk).times_sent == 2
    client.post(f"{base}/cancel/", {"reason": "Victim withdrew"})
    assert FreezeRequest.objects.get(pk=request.pk).status == "cancelled"


def test_an_admin_adds_a_layer_from_the_page(client, handled):
    _, complaint, request = handled
    client.force_login(AdminFactory())
    response = client.post(
        f"/console/complaints/{complaint.pk}/freeze-requests/{request.pk}/add-layer/",
        {
            f"r{request.pk}-beneficiary_kind": "account",
            f"r{request.pk}-identifier": "50100999888777",
            f"r{request.pk}-ifsc": "hdfc0004321",
            f"r{request.pk}-amount": "1000",
        },
        follow=True,
    )
    assert "A request for the next layer was sent." in response.content.decode()
    child = FreezeRequest.objects.get(parent=request)
    assert (child.bank.code, child.amount, child.beneficiary_ifsc) == ("HDFC", Decimal("1000"), "HDFC0004321")


def test_the_fraudsters_details_saved_from_the_console_open_a_request(
    client, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    handler = AttenderFactory()
    complaint = complaint_paying("", handler=handler)
    txn = complaint.transactions.get()
    client.force_login(handler)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/console/complaints/{complaint.pk}/transactions/{txn.pk}/beneficiary/",
            {
                f"t{txn.pk}-beneficiary_kind": "upi",
                f"t{txn.pk}-beneficiary_upi": "Mule@OKSBI",
                f"t{txn.pk}-note": "From statement",
            },
            follow=True,
        )
    assert "are saved" in response.content.decode()
    assert FreezeRequest.objects.get(complaint=complaint).bank.code == "SBIN"
    assert complaint.events.filter(kind="beneficiary").exists()


def test_a_bad_ifsc_typed_in_the_console_is_refused_with_its_message(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    handler = AttenderFactory()
    complaint = complaint_paying("", handler=handler)
    txn = complaint.transactions.get()
    client.force_login(handler)
    response = client.post(
        f"/console/complaints/{complaint.pk}/transactions/{txn.pk}/beneficiary/",
        {f"t{txn.pk}-beneficiary_kind": "account", f"t{txn.pk}-beneficiary_ifsc": "12345"},
        follow=True,
    )
    assert "4 letters, a zero" in response.content.decode()
    assert not FreezeRequest.objects.exists()


def test_the_money_trail_page_is_for_staff_only(client, handled):
    handler, _, _ = handled
    assert client.get("/console/money-trail/").status_code == 302
    client.force_login(handler)
    page = client.get("/console/money-trail/")
    assert page.status_code == 200 and "Amount reported" in page.content.decode()


def test_the_card_labels_account_and_ifsc_and_masks_for_a_non_handler(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    handler = AttenderFactory()
    complaint = complaint_paying(
        account="30112233445566", ifsc="SBIN0000691", handler=handler, father_name="Ramesh Kumar"
    )
    freeze_requests_open(complaint_ids=[complaint.pk])
    client.force_login(handler)
    page = client.get(f"/console/complaints/{complaint.pk}/").content.decode()
    assert '>Account</span> <span class="mono payee">30112233445566<' in page
    assert '>IFSC</span> <span class="mono payee">SBIN0000691<' in page
    assert "Ramesh Kumar" in page and complaint.dob.strftime("%Y") in page
    complaint.handler = None
    complaint.save(update_fields=["handler"])
    client.force_login(AttenderFactory())
    page = client.get(f"/console/complaints/{complaint.pk}/").content.decode()
    assert "XXXXXXXXXX5566" in page and "30112233445566" not in page
    assert "Ramesh Kumar" not in page and "R*** K***" in page and "XX-XX-XXXX" in page


def test_a_non_handler_is_not_told_to_fill_in_a_form_they_do_not_have(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    complaint = complaint_paying()  # where the money went is not known
    client.force_login(AttenderFactory())
    page = client.get(f"/console/complaints/{complaint.pk}/").content.decode()
    assert "where the money went is not known" in page and "Fill it in above" not in page
    handler = AttenderFactory()
    complaint.handler = handler
    complaint.save(update_fields=["handler"])
    client.force_login(handler)
    assert "Fill it in above" in client.get(f"/console/complaints/{complaint.pk}/").content.decode()


def test_a_known_bank_without_a_request_says_closed_only_when_the_complaint_is_closed(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    admin = AdminFactory()
    complaint = complaint_paying("quickloan@ybl")  # no request opened (freeze_requests_open not called)
    client.force_login(admin)
    page = client.get(f"/console/complaints/{complaint.pk}/").content.decode()
    assert "No request was opened yet." in page and "the complaint is closed" not in page
    complaint.status = "resolved"
    complaint.save(update_fields=["status"])
    page = client.get(f"/console/complaints/{complaint.pk}/").content.decode()
    assert "No request (the complaint is closed)." in page
