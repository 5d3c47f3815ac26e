"""Linked complaints: the same beneficiary account, UPI ID, fraudster phone or website in several complaints links
them; the page lists them masked until claimed; the admin shows the most-reported identifiers; the case store gets
keyed hashes only."""

import pytest

from accounts.tests.factories import AdminFactory, AttenderFactory
from complaints.cases import complaint_cases_record
from complaints.identifiers import (
    complaint_identifiers_record,
    complaints_linked_to,
    identifier_hash,
    identifiers_of,
    most_reported_identifiers,
)
from complaints.models import FraudsterIdentifier
from complaints.tests.factories import ComplaintFactory, TransactionFactory
from patterns.models import FraudCase

pytestmark = pytest.mark.django_db


def complaint_with(handler=None, **fraudster):
    complaint = ComplaintFactory(handler=handler)
    TransactionFactory(complaint=complaint, position=1, **fraudster)
    complaint_identifiers_record(complaint_id=complaint.pk)
    return complaint


def test_identifiers_are_normalised_so_the_same_fraudster_matches():
    a = TransactionFactory.build(
        beneficiary_kind="wallet",
        beneficiary_wallet="PhonePe 98123-45678",
        fraudster_website="Quick-Loans.example.com/apply",
    )
    b = TransactionFactory.build(fraudster_phone="+919812345678", fraudster_website="quick-loans.example.com")
    assert identifiers_of(a) == [("phone", "+919812345678"), ("website", "quick-loans.example.com")]
    assert identifiers_of(b) == [("phone", "+919812345678"), ("website", "quick-loans.example.com")]


def test_complaints_naming_the_same_upi_id_account_phone_or_website_are_linked():
    upi = complaint_with(beneficiary_kind="upi", beneficiary_upi="quickloan@ybl")
    same_upi = complaint_with(beneficiary_kind="upi", beneficiary_upi="quickloan@ybl", fraudster_phone="+919812345678")
    same_phone = complaint_with(fraudster_phone="+919812345678")
    account = complaint_with(beneficiary_kind="account", beneficiary_account="50100123456789")
    same_account = complaint_with(beneficiary_kind="account", beneficiary_account="50100123456789")
    site = complaint_with(fraudster_website="quick-loans.example.com/a")
    same_site = complaint_with(fraudster_website="quick-loans.example.com/b")
    unrelated = complaint_with(beneficiary_kind="upi", beneficiary_upi="someone@okaxis")

    def linked(c):
        return {other.pk for other, _ in complaints_linked_to(complaint=c)}

    assert linked(upi) == {same_upi.pk}
    assert linked(same_upi) == {upi.pk, same_phone.pk}
    assert linked(account) == {same_account.pk}
    assert linked(site) == {same_site.pk}
    assert linked(unrelated) == set()


def test_counts_follow_changes_and_the_admin_lists_the_most_reported_first(admin_client):
    complaints = [complaint_with(beneficiary_kind="upi", beneficiary_upi="quickloan@ybl") for _ in range(3)]
    complaint_with(fraudster_phone="+919812345678")
    complaint_with(fraudster_phone="+919812345678")
    top = list(most_reported_identifiers())
    assert [(i.value, i.complaint_count) for i in top] == [("quickloan@ybl", 3), ("+919812345678", 2)]
    page = admin_client.get("/admin/complaints/fraudsteridentifier/")
    assert page.status_code == 200
    text = page.content.decode()
    assert text.index("quickloan@ybl") < text.index("+919812345678")

    txn = complaints[0].transactions.get()
    txn.beneficiary_upi = "other@ybl"
    txn.save()
    complaint_identifiers_record(complaint_id=complaints[0].pk)
    assert FraudsterIdentifier.objects.get(value="quickloan@ybl").complaint_count == 2


def test_the_case_store_receives_keyed_hashes_never_the_identifiers():
    complaint = complaint_with(beneficiary_kind="upi", beneficiary_upi="quickloan@ybl", fraudster_phone="+919812345678")
    complaint_cases_record(complaint_id=complaint.pk)
    case = FraudCase.objects.get()
    assert case.fraudster_keys.split() == [
        f"upi:{identifier_hash('upi', 'quickloan@ybl')}",
        f"phone:{identifier_hash('phone', '+919812345678')}",
    ]
    assert "quickloan" not in case.fraudster_keys and "9812345678" not in case.fraudster_keys


def test_linked_complaints_are_listed_masked_until_claimed(client):
    handler = AttenderFactory()
    mine = complaint_with(handler=handler, beneficiary_kind="account", beneficiary_account="50100123456789")
    waiting = complaint_with(beneficiary_kind="account", beneficiary_account="50100123456789")
    colleagues = complaint_with(
        handler=AttenderFactory(), beneficiary_kind="account", beneficiary_account="50100123456789"
    )

    client.force_login(AttenderFactory())  # looks at the unassigned complaint before claiming it
    page = client.get(f"/console/complaints/{waiting.pk}/").content.decode()
    assert mine.ack_number in page and colleagues.ack_number in page
    assert "XXXXXXXXXX6789" in page and "50100123456789" not in page

    client.force_login(handler)
    page = client.get(f"/console/complaints/{mine.pk}/").content.decode()
    assert "50100123456789" in page
    assert f'href="/console/complaints/{waiting.pk}/"' in page  # unassigned: visible, linked
    assert f'href="/console/complaints/{colleagues.pk}/"' not in page  # a colleague's: named, not opened

    client.force_login(AdminFactory())
    assert (
        f'href="/console/complaints/{colleagues.pk}/"' in client.get(f"/console/complaints/{mine.pk}/").content.decode()
    )
