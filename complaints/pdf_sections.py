"""Parts of the complaint PDF about the fraudster and the evidence (kept apart from the page layout in pdf.py):
where the money went for each transaction (serials 2.t.8 and on, numbered as in the chat summary) and the files the
victim sent."""

from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Table, TableStyle

from complaints.conversation import display_value
from complaints.conversation.fields import shown_txn_fields

_NAVY = colors.HexColor("#1F3A5F")
_LIGHT = colors.HexColor("#EEF2F7")


SERIAL, FIELD, REPORTED = gettext_lazy("Serial"), gettext_lazy("Field"), gettext_lazy("Reported")
MONEY_WENT = gettext_lazy("Where the money went")


def money_went_to(transactions, styles, *, both, p) -> list:
    """A table per complaint: for each transaction, where the money went and what is known of the fraudster.

    `both(label, style)` draws a label in the citizen's language with its English text; `p(text, style)` a value
    (as typed, each script in a font that draws it): the helpers of complaints.pdf."""
    rows = [[both(SERIAL, "cell"), both(FIELD, "cell"), both(REPORTED, "cell")]]
    for txn in transactions:
        answers = txn.beneficiary
        for n, f in enumerate(shown_txn_fields(answers), start=1):  # the serials the bot showed
            if not f.optional:
                continue
            rows.append(
                [
                    p(f"2.{txn.position}.{n}", "cell"),
                    both(f.label, "cell"),
                    p(display_value(f.key, answers.get(f.key, "")), "cell"),
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
    return [both(MONEY_WENT, "h2", sep=" · "), table]


EVIDENCE = gettext_lazy("4. Evidence sent by the complainant")


def evidence_list(complaint, styles, *, both, p) -> list:
    """The files the victim sent (photos, PDFs), with when they arrived and whether they were kept."""
    files = list(complaint.evidence.order_by("received_at", "pk")) if complaint.pk else []
    story = [both(EVIDENCE, "h2", sep=" · ")]
    if not files:
        return story + [p(_("No file was sent with this complaint."), "body")]
    for number, evidence in enumerate(files, start=1):
        received = timezone.localtime(evidence.received_at).strftime("%d-%m-%Y %H:%M")
        if evidence.status == evidence.Status.STORED:
            kind = _("PDF") if evidence.content_type == "application/pdf" else _("Photo")
            what = f"{kind}, {filesizeformat(evidence.size)}, SHA-256 {evidence.sha256[:16]}…"
        elif evidence.status == evidence.Status.PENDING:
            what = _("being fetched")
        else:
            what = f"{evidence.get_status_display()}: {evidence.get_refusal_display() or evidence.error}"
        story.append(p(f"4.{number} {received} – {what}", "body"))
    return story
