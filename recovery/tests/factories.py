from decimal import Decimal

from rest_framework.test import APIClient

from accounts.services import partner_key_create
from complaints.tests.factories import ComplaintFactory, TransactionFactory
from recovery.models import Bank, BankPartner


def bank_partner(*codes: str, callback_url: str = "", name: str = "") -> tuple[BankPartner, APIClient]:
    """A partner key bound to these bank codes (seeded by the migration), and an API client using it."""
    key, secret = partner_key_create(
        partner=name or f"{'/'.join(codes)} fraud desk", name="freeze desk", scopes=["freezes:manage"]
    )
    partner = BankPartner.objects.create(key=key, callback_url=callback_url)
    partner.banks.set(Bank.objects.filter(code__in=codes))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {secret}")
    return partner, client


def complaint_paying(upi: str = "", *, account: str = "", ifsc: str = "", amount="25000.00", **complaint_fields):
    """An open complaint with one transaction whose money went to this UPI ID (or account + IFSC)."""
    complaint = ComplaintFactory(**complaint_fields)
    fields = {"beneficiary_kind": "upi", "beneficiary_upi": upi} if upi else {}
    if account:
        fields = {"beneficiary_kind": "account", "beneficiary_account": account, "beneficiary_ifsc": ifsc}
    TransactionFactory(complaint=complaint, position=1, amount=Decimal(amount), **fields)
    return complaint
