"""Demo money trail for the run command: the fraudster's side on some demo complaints (two of them paying the
same UPI ID, so they are linked), their freeze requests, one bank's answer, and a bank partner key for Yes Bank
and HDFC Bank printed once at creation. Safe to run again."""

from decimal import Decimal

from accounts.models import PartnerAPIKey, Scope
from accounts.services import partner_key_create
from complaints.cases import complaint_cases_record
from complaints.identifiers import complaint_identifiers_record
from complaints.models import Transaction
from fraudsafe.demo_credentials import credential_record
from fraudsafe.registry import demo_loaders
from recovery.models import Bank, BankPartner, FreezeRequest
from recovery.resolution import Beneficiary
from recovery.restitution_demo import load_restitution
from recovery.services import MovedOn, freeze_request_answer, freeze_requests_open

PARTNER = "Demo bank fraud desk (Yes Bank, HDFC Bank)"
DEMO_SCOPES = [
    Scope.FREEZES_MANAGE.value,
    Scope.REFUNDS_MANAGE.value,
]  # what the README's bank walk-through needs: answer its freeze requests and refund requests
# (transaction ID of a demo complaint, the fraudster's side)
HELD_TXN = "412398765432"  # the ₹24,999 payment Yes Bank answers (by reference: the order of `opened` varies)
UPI = {"beneficiary_kind": "upi", "beneficiary_upi": "quickloan.help@ybl"}
FRAUDSTER_SIDES = [
    (HELD_TXN, {**UPI, "fraudster_phone": "+919812345678"}),
    (
        "HDFCN24111912345",
        {
            "beneficiary_kind": "account",
            "beneficiary_account": "50100777666555",
            "beneficiary_ifsc": "HDFC0001234",
            "fraudster_website": "trade-king.example.com",
        },
    ),
    ("T2411181234ABCD", UPI),
    ("KKBK24111712345", {"beneficiary_kind": "wallet", "beneficiary_wallet": "Paytm 9812345678"}),
]


@demo_loaders.register
def load(*, stdout, style) -> None:
    partner_key = PartnerAPIKey.objects.filter(partner=PARTNER).first()
    if partner_key is None:
        partner_key, secret = partner_key_create(partner=PARTNER, name="demo freeze desk", scopes=DEMO_SCOPES)
        partner = BankPartner.objects.create(key=partner_key)
        partner.banks.set(Bank.objects.filter(code__in=["YESB", "HDFC"]))
        stdout.write(style.SUCCESS(f"  created bank partner key for Yes Bank and HDFC Bank: {secret}"))
        scopes = ", ".join(DEMO_SCOPES)
        credential_record("bank partner key (Yes Bank, HDFC Bank)", f"Api-Key {secret} (scopes: {scopes})")
    if missing := [scope for scope in DEMO_SCOPES if scope not in partner_key.scopes]:  # a demo key of an older run
        partner_key.scopes = [*partner_key.scopes, *missing]
        partner_key.save(update_fields=["scopes"])
    partner = BankPartner.objects.get(key=partner_key)
    touched = set()
    for reference, side in FRAUDSTER_SIDES:
        txn = Transaction.objects.filter(transaction_id=reference, beneficiary_kind="").first()
        if txn is not None:
            Transaction.objects.filter(pk=txn.pk).update(**side)
            touched.add(txn.complaint_id)
    for complaint_id in touched:
        complaint_identifiers_record(complaint_id=complaint_id)
        complaint_cases_record(complaint_id=complaint_id)
    opened = freeze_requests_open(complaint_ids=list(touched)) if touched else []
    first = next((r for r in opened if r.bank.code == "YESB" and r.transaction.transaction_id == HELD_TXN), None)
    if first is not None:
        freeze_request_answer(
            request_id=first.pk,
            partner=partner,
            outcome="moved_on",
            amount_held=Decimal("4999"),
            moved_on=[MovedOn(Beneficiary("account", account="50100999888777", ifsc="HDFC0004321"), Decimal("20000"))],
            bank_reference="YB-DEMO-1",
        )
    stdout.write(f"  {FreezeRequest.objects.count()} freeze requests ({len(opened)} new)")
    load_restitution(partner=partner, stdout=stdout)
