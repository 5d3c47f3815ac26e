"""The complaint page's "Read from screenshots" card and the attender's "read again" (registered as a panel).

Each transaction shows the screenshot it was read from (through the authorised evidence view, never a public
URL) beside its fields, each with its source: typed, or read from the image and confirmed by the victim.
Reading again runs the engine on any stored evidence image and shows the result to staff; nothing is applied.
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from complaints.access import complaints_workable_by, staff_page
from complaints.conversation.fields import TXN_FIELD_BY_KEY, display_value, txn_serial
from complaints.models import Complaint, Evidence
from complaints.receipt_reading import READ_KEYS, receipt_read_again
from complaints.receipts.ocr import IMAGE_TYPES


def receipts_panel(request, complaint: Complaint, *, can_work: bool) -> str:
    if not can_work:
        return ""
    images = [e for e in complaint.evidence.filter(status=Evidence.Status.STORED) if e.content_type in IMAGE_TYPES]
    rows = []
    for txn in complaint.transactions.all():
        read = set(txn.field_sources.get("read") or [])
        answers = {**txn.beneficiary, **{key: str(getattr(txn, key) or "") for key in READ_KEYS}}
        fields = [
            {
                "serial": f"2.{txn.position}.{txn_serial(key, answers) or '–'}",
                "label": TXN_FIELD_BY_KEY[key].label,
                "value": display_value(key, str(getattr(txn, key) or "")),
                "read": key in read,
            }
            for key in READ_KEYS
        ]
        rows.append({"txn": txn, "fields": fields, "evidence_id": txn.field_sources.get("evidence"), "any": bool(read)})
    if not images and not any(row["any"] for row in rows):
        return ""
    return render_to_string(
        "console/receipts_panel.html", {"complaint": complaint, "rows": rows, "images": images}, request=request
    )


@require_POST
@staff_page
def evidence_read_again(request, pk: int, evidence_pk: int):
    complaint = get_object_or_404(complaints_workable_by(user=request.user), pk=pk)
    evidence = get_object_or_404(complaint.evidence, pk=evidence_pk, status=Evidence.Status.STORED)
    values = receipt_read_again(evidence=evidence)
    if values is None:
        messages.warning(request, _("This file cannot be read here (not an image, or the reader is not installed)."))
    elif not values:
        messages.info(request, _("No payment details were found in file %(number)s.") % {"number": evidence.pk})
    else:
        found = " · ".join(
            f"{TXN_FIELD_BY_KEY[key].label} {display_value(key, value) if key != 'date' else value}"
            for key, value in values.items()
            if key in TXN_FIELD_BY_KEY
        )
        messages.info(
            request,
            _("Read from file %(number)s (not applied): %(fields)s") % {"number": evidence.pk, "fields": found},
        )
    return redirect(reverse("console-complaint", args=[pk]) + "#receipts")
