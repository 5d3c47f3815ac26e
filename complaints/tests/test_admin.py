import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from accounts.tests.factories import AdminFactory, AttenderFactory
from complaints.models import Complaint, ComplaintEvent
from complaints.tests.factories import ComplaintFactory, TransactionFactory

pytestmark = pytest.mark.django_db
CHANGELIST = "admin:complaints_complaint_changelist"


@pytest.fixture
def admin_user(client):
    user = AdminFactory()
    client.force_login(user)
    return user


def test_complaint_list_shows_the_columns_a_supervisor_needs(client, admin_user):
    handler = AttenderFactory(username="kiran")
    complaint = ComplaintFactory(handler=handler, district="Mysuru", transactions=2)
    page = client.get(reverse(CHANGELIST)).content.decode()
    for text in (complaint.ack_number, complaint.name, "Mysuru", "₹50,000.00", "Pending", "kiran"):
        assert text in page


def test_complaint_list_filters_by_status_and_handler(client, admin_user):
    handler = AttenderFactory()
    working = ComplaintFactory(handler=handler, status=Complaint.Status.IN_PROGRESS)
    other = ComplaintFactory()
    page = client.get(reverse(CHANGELIST), {"status__exact": "in_progress", "handler__id__exact": handler.pk})
    text = page.content.decode()
    assert working.ack_number in text and other.ack_number not in text


def test_complaint_list_searches_by_transaction_id(client, admin_user):
    complaint = ComplaintFactory()
    TransactionFactory(complaint=complaint, position=1, transaction_id="T123456789XYZ")
    other = ComplaintFactory(transactions=1)
    text = client.get(reverse(CHANGELIST), {"q": "T123456789XYZ"}).content.decode()
    assert complaint.ack_number in text and other.ack_number not in text


def test_complaint_page_shows_transactions_history_and_pdf_state(client, admin_user):
    complaint = ComplaintFactory(transactions=1)
    ComplaintEvent.objects.create(complaint=complaint, kind=ComplaintEvent.Kind.NOTE, note="Victim called back")
    text = client.get(reverse("admin:complaints_complaint_change", args=[complaint.pk])).content.decode()
    assert complaint.transactions.get().transaction_id in text
    assert "Victim called back" in text
    assert "No PDF yet" in text


def test_assign_action_asks_for_the_attender_then_assigns_through_the_workflow(client, admin_user):
    attender = AttenderFactory(username="farah")
    complaints = [ComplaintFactory(), ComplaintFactory()]
    ids = [c.pk for c in complaints]
    page = client.post(reverse(CHANGELIST), {"action": "assign_to_attender", ACTION_CHECKBOX_NAME: ids})
    assert page.status_code == 200 and "farah" in page.content.decode()
    response = client.post(
        reverse(CHANGELIST),
        {"action": "assign_to_attender", ACTION_CHECKBOX_NAME: ids, "handler": attender.pk, "apply": "Apply"},
    )
    assert response.status_code == 302
    for complaint in complaints:
        complaint.refresh_from_db()
        assert complaint.handler == attender
        assert complaint.events.get(kind=ComplaintEvent.Kind.HANDLER).actor == admin_user


def test_change_status_action_applies_legal_moves_and_reports_illegal_ones(client, admin_user):
    pending = ComplaintFactory()
    resolved = ComplaintFactory(status=Complaint.Status.RESOLVED)
    response = client.post(
        reverse(CHANGELIST),
        {
            "action": "change_status",
            ACTION_CHECKBOX_NAME: [pending.pk, resolved.pk],
            "status": "in_progress",
            "note": "",
            "reason": "",
            "apply": "Apply",
        },
        follow=True,
    )
    text = response.content.decode()
    pending.refresh_from_db()
    resolved.refresh_from_db()
    assert pending.status == Complaint.Status.IN_PROGRESS
    assert resolved.status == Complaint.Status.RESOLVED
    assert f"{resolved.ack_number}: A complaint cannot go from Resolved to In progress" in text


def test_change_status_shows_what_each_complainant_will_be_told_and_changes_nothing_before_confirming(
    client, admin_user
):
    from alerts.models import Alert

    english = ComplaintFactory()
    hindi = ComplaintFactory(language="hi")
    hindi.citizen.language = "hi"
    hindi.citizen.save(update_fields=["language"])
    chosen = {
        "action": "change_status",
        ACTION_CHECKBOX_NAME: [english.pk, hindi.pk],
        "status": "rejected",
        "note": "",
        "reason": "Not a money loss",
    }
    first = client.post(reverse(CHANGELIST), {k: v for k, v in chosen.items() if k != "status"} | {"status": ""})
    assert "Preview what they will be told" in first.content.decode()  # step 1: choose

    preview = client.post(reverse(CHANGELIST), chosen | {"preview": "1"})
    text = preview.content.decode()
    assert "2 complainants will be told" in text
    assert "हिन्दी" in text and english.ack_number in text and "Not a money loss" in text
    assert "Yes, change the status and tell them" in text
    english.refresh_from_db()
    assert english.status == Complaint.Status.PENDING  # nothing changed, nothing queued
    assert not Alert.objects.filter(kind=Alert.Kind.NOTICE).exists()

    back = client.post(reverse(CHANGELIST), chosen | {"back": "1"})
    assert "Preview what they will be told" in back.content.decode()  # the choice kept, nothing done
    assert not Alert.objects.filter(kind=Alert.Kind.NOTICE).exists()

    client.post(reverse(CHANGELIST), chosen | {"apply": "1"}, follow=True)
    english.refresh_from_db()
    assert english.status == Complaint.Status.REJECTED
    assert Alert.objects.filter(kind=Alert.Kind.NOTICE).count() == 2


def test_csv_export_has_the_ncrp_columns_one_row_per_transaction(client, admin_user):
    complaint = ComplaintFactory(name="Asha Rao", mobile="9876543210", district="Pune", pin_code="411001")
    TransactionFactory(
        complaint=complaint,
        position=1,
        date=datetime.date(2026, 1, 5),
        time=datetime.time(9, 5),
        bank="HDFC Bank",
        account_number="123456789012",
        amount=Decimal("1500.50"),
        transaction_id="UPI123456789012",
        beneficiary_kind="upi",
        beneficiary_upi="quickloan.help@ybl",
        fraudster_phone="+919812345678",
        fraudster_website="quick-loans.example.com",
    )
    TransactionFactory(complaint=complaint, position=2, transaction_id="CARD0000111122", fraud_type="card")
    empty = ComplaintFactory()
    response = client.post(
        reverse(CHANGELIST), {"action": "export_csv", ACTION_CHECKBOX_NAME: [complaint.pk, empty.pk]}
    )
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert response.content.startswith("\ufeff".encode())  # spreadsheets then read every script
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == [
        "Acknowledgement number",
        "Name",
        "Mobile",
        "District",
        "PIN code",
        "Transaction no.",
        "Transaction date",
        "Transaction time",
        "Bank",
        "Account number",
        "Amount",
        "Transaction ID",
        "Fraud type",
        "Money went to",
        "Beneficiary UPI ID",
        "Beneficiary account number",
        "Beneficiary IFSC",
        "Beneficiary wallet / phone",
        "Card merchant",
        "Fraudster's phone",
        "Fraudster's website / app",
        "Language",
    ]
    assert rows[1] == [
        complaint.ack_number,
        "Asha Rao",
        "9876543210",
        "Pune",
        "411001",
        "1",
        "05-01-2026",
        "09:05",
        "HDFC Bank",
        "123456789012",
        "₹1,500.50",
        "UPI123456789012",
        "UPI fraud",
        "UPI ID",
        "quickloan.help@ybl",
        "",
        "",
        "",
        "",
        "'+919812345678",
        "quick-loans.example.com",
        "en",
    ]
    assert rows[2][5] == "2" and rows[2][11] == "CARD0000111122" and rows[2][12] == "Debit/credit card fraud"
    assert rows[2][13:21] == [""] * 8  # where the money went is not known yet
    assert rows[3][0] == empty.ack_number and rows[3][5:] == [""] * 16 + ["en"]
    assert len(rows) == 4


def test_csv_export_neutralises_spreadsheet_formulas():
    from complaints.exports import _cell

    assert _cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert _cell("Plain Bank") == "Plain Bank"


def test_admin_cannot_add_or_delete_complaints(client, admin_user):
    complaint = ComplaintFactory()
    assert client.get(reverse("admin:complaints_complaint_add")).status_code == 403
    assert client.get(reverse("admin:complaints_complaint_delete", args=[complaint.pk])).status_code == 403
