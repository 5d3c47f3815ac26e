"""CSV export of complaints for a 1930 / NCRP follow-up: one row per transaction.

Column names and fraud types are always in English (police and NCRP read them); what the citizen typed (names,
districts, banks) is kept exactly as typed, in any script. The file starts with a UTF-8 byte-order mark so that
spreadsheet programs show Indic scripts correctly.
"""

import csv
import io
from collections.abc import Iterable, Iterator

from django.db.models import Prefetch, QuerySet
from django.utils import translation
from django.utils.translation import gettext as _

from complaints.models import Complaint, Transaction
from fraudsafe.money import rupees

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    """Text a spreadsheet will never run as a formula (CSV injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def csv_header() -> list[str]:
    with translation.override("en"):
        return _csv_header()


def _csv_header() -> list[str]:
    return [
        _("Acknowledgement number"),
        _("Name"),
        _("Mobile"),
        _("District"),
        _("PIN code"),
        _("Transaction no."),
        _("Transaction date"),
        _("Transaction time"),
        _("Bank"),
        _("Account number"),
        _("Amount"),
        _("Transaction ID"),
        _("Fraud type"),
        _("Money went to"),
        _("Beneficiary UPI ID"),
        _("Beneficiary account number"),
        _("Beneficiary IFSC"),
        _("Beneficiary wallet / phone"),
        _("Card merchant"),
        _("Fraudster's phone"),
        _("Fraudster's website / app"),
        _("Language"),
    ]


def csv_rows(complaints: Iterable[Complaint]) -> Iterator[list[str]]:
    """One row per transaction; a complaint without transactions still gets one row."""
    for complaint in complaints:
        person = [complaint.ack_number, complaint.name, complaint.mobile, complaint.district, complaint.pin_code]
        language = complaint.language or "en"
        transactions = list(complaint.transactions.all())
        if not transactions:
            yield [_cell(v) for v in person] + [""] * 16 + [language]
        for txn in transactions:
            yield [
                _cell(v)
                for v in (
                    *person,
                    txn.position,
                    txn.date.strftime("%d-%m-%Y"),
                    txn.time.strftime("%H:%M"),
                    txn.bank,
                    txn.account_number,
                    rupees(txn.amount),
                    txn.transaction_id,
                    _english_fraud_type(txn),
                    _english_beneficiary_kind(txn),
                    txn.beneficiary_upi,
                    txn.beneficiary_account,
                    txn.beneficiary_ifsc,
                    txn.beneficiary_wallet,
                    txn.beneficiary_merchant,
                    txn.fraudster_phone,
                    txn.fraudster_website,
                    language,
                )
            ]


def _english_fraud_type(txn: Transaction) -> str:
    with translation.override("en"):
        return str(txn.get_fraud_type_display())


def _english_beneficiary_kind(txn: Transaction) -> str:
    if not txn.beneficiary_kind:
        return ""
    with translation.override("en"):
        return str(txn.get_beneficiary_kind_display())


def complaints_for_export(queryset: QuerySet[Complaint]) -> QuerySet[Complaint]:
    return queryset.order_by("created_at", "pk").prefetch_related(
        Prefetch("transactions", queryset=Transaction.objects.order_by("position"))
    )


def complaints_csv(queryset: QuerySet[Complaint]) -> str:
    buffer = io.StringIO()
    buffer.write("\ufeff")  # UTF-8 byte-order mark: spreadsheets then read Devanagari, Bengali, … correctly
    writer = csv.writer(buffer)
    writer.writerow(csv_header())
    writer.writerows(csv_rows(complaints_for_export(queryset)))
    return buffer.getvalue()
