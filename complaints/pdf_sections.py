"""Parts of the complaint PDF about the fraudster and the evidence (kept apart from the page layout in pdf.py):
where the money went for each transaction (serials 2.t.8 … 2.t.15, as in the chat summary) and the files the
victim sent."""

from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Table, TableStyle

from complaints.conversation import TXN_FIELDS, display_value

_NAVY = colors.HexColor("#1F3A5F")
_LIGHT = colors.HexColor("#EEF2F7")


def _esc(value: object) -> str:
    return str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def money_went_to(transactions, styles) -> list:
    """A table per complaint: for each transaction, where the money went and what is known of the fraudster."""
    rows = [
        [
            Paragraph(f"<b>{_esc(_('Serial'))}</b>", styles["cell"]),
            Paragraph(f"<b>{_esc(_('Field'))}</b>", styles["cell"]),
            Paragraph(f"<b>{_esc(_('Reported'))}</b>", styles["cell"]),
        ]
    ]
    for txn in transactions:
        answers = txn.beneficiary
        for n, f in enumerate(TXN_FIELDS, start=1):
            if not f.optional or not f.applies_to(answers):
                continue
            rows.append(
                [
                    Paragraph(f"2.{txn.position}.{n}", styles["cell"]),
                    Paragraph(_esc(f.label), styles["cell"]),
                    Paragraph(_esc(display_value(f.key, answers.get(f.key, ""))), styles["cell"]),
                ]
            )
    table = Table(rows, colWidths=[18 * mm, 45 * mm, 117 * mm], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), _LIGHT),
                ("GRID", (0, 0), (-1, -1), 0.25, colors.lightgrey),
                ("BOX", (0, 0), (-1, -1), 0.5, _NAVY),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return [Paragraph(_("Where the money went"), styles["h2"]), table]


def evidence_list(complaint, styles) -> list:
    """The files the victim sent (photos, PDFs), with when they arrived and whether they were kept."""
    files = list(complaint.evidence.order_by("received_at", "pk")) if complaint.pk else []
    story = [Paragraph(_("4. Evidence sent by the complainant"), styles["h2"])]
    if not files:
        return story + [Paragraph(_("No file was sent with this complaint."), styles["body"])]
    for number, evidence in enumerate(files, start=1):
        received = timezone.localtime(evidence.received_at).strftime("%d-%m-%Y %H:%M")
        if evidence.status == evidence.Status.STORED:
            kind = _("PDF") if evidence.content_type == "application/pdf" else _("Photo")
            what = f"{kind}, {filesizeformat(evidence.size)}, SHA-256 {evidence.sha256[:16]}…"
        elif evidence.status == evidence.Status.PENDING:
            what = _("being fetched")
        else:
            what = f"{evidence.get_status_display()}: {evidence.get_refusal_display() or evidence.error}"
        story.append(Paragraph(f"4.{number} {_esc(received)} – {_esc(what)}", styles["body"]))
    return story
