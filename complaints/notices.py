"""Telling the victim about their complaint: status changes and transaction progress become case updates
(alerts.notices), recorded, sent by a worker, retried and visible on the complaint page. Never sent from here.
"""

from django.conf import settings
from django.utils import translation

from alerts.notices import PROGRESS_TEMPLATE, STATUS_TEMPLATE, notice_create
from complaints.models import Complaint, Transaction
from fraudsafe.money import format_inr

# Progress worth telling the victim about ("not started" is an attender's correction, not news).
TOLD_PROGRESS = (
    Transaction.Progress.REPORTED_TO_BANK,
    Transaction.Progress.AMOUNT_FROZEN,
    Transaction.Progress.REFUNDED,
    Transaction.Progress.NOT_RECOVERABLE,
)


def _language(complaint: Complaint) -> str:
    return complaint.citizen.language or complaint.language or settings.LANGUAGE_CODE


def complaint_status_notice(*, complaint: Complaint) -> None:
    """Queues the victim's notice of the complaint's current status (call inside the status change's transaction)."""
    with translation.override(_language(complaint)):
        context = {
            "ack_number": complaint.ack_number,
            "status": complaint.status,
            "status_label": str(Complaint.Status(complaint.status).label),
            "reason": complaint.rejection_reason if complaint.status == Complaint.Status.REJECTED else "",
        }
    notice_create(
        citizen_id=complaint.citizen_id,
        template_key=STATUS_TEMPLATE,
        context=context,
        reference=complaint.ack_number,
    )


def transaction_progress_notice(*, txn: Transaction) -> None:
    """Queues the victim's notice of one transaction's recovery progress, when it is news to them."""
    if txn.progress not in TOLD_PROGRESS:
        return
    complaint = txn.complaint
    with translation.override(_language(complaint)):
        context = {
            "ack_number": complaint.ack_number,
            "position": txn.position,
            "amount": format_inr(txn.amount),
            "progress": txn.progress,
            "progress_label": str(Transaction.Progress(txn.progress).label),
        }
    notice_create(
        citizen_id=complaint.citizen_id,
        template_key=PROGRESS_TEMPLATE,
        context=context,
        reference=complaint.ack_number,
    )
