"""Telling the victim about their complaint: status changes and transaction progress become case updates
(alerts.notices), recorded, sent by a worker, retried and visible on the complaint page. Never sent from here.
"""

from django.conf import settings
from django.utils import translation

from alerts.notices import PROGRESS_TEMPLATE, STATUS_TEMPLATE, notice_create
from alerts.rendering import CompiledTemplate, base_context
from alerts.selectors import template_for
from complaints.models import Complaint, Transaction
from fraudsafe.languages import language_label
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


def status_notice_preview(complaints, *, status: str, reason: str = "") -> list[dict]:
    """What the complainants would be told if `complaints` moved to `status`, before anything changes: one entry
    per language (its name, how many complainants read it, and the message on the first notice channel, shown for
    the first of them). For the confirmation step of a change that reaches several citizens."""
    groups: dict[str, list[Complaint]] = {}
    for complaint in complaints:
        groups.setdefault(_language(complaint), []).append(complaint)
    channel = (list(settings.ALERTS_NOTICE_CHANNELS) or ["sms"])[0]
    label = str(Complaint.Status(status).label)
    previews = []
    for code, members in sorted(groups.items(), key=lambda item: -len(item[1])):
        template = template_for(key=STATUS_TEMPLATE, channel=channel, language=code)
        with translation.override(code):
            context = {
                "ack_number": members[0].ack_number,
                "status": status,
                "status_label": str(Complaint.Status(status).label),
                "reason": reason if status == Complaint.Status.REJECTED else "",
            }
        body = (
            CompiledTemplate(template).render(context=base_context(alert_context=context), language=code).body
            if template
            else context["status_label"]
        )
        previews.append({"language": language_label(code), "count": len(members), "channel": channel, "body": body})
    return previews or [{"language": "", "count": 0, "channel": channel, "body": label}]


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
