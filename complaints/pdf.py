"""The complaint PDF (ReportLab): every field with its serial number, the transactions table, what to do next."""

import io
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import registerFontFamily
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from complaints.conversation import PERSONAL_FIELDS, TXN_FIELDS, format_inr
from complaints.pdf_sections import evidence_list, money_went_to

_NAVY = colors.HexColor("#1F3A5F")
# A Unicode TrueType font when the system has one (the rupee sign ₹ is not in the PDF base fonts).
_FONT_CANDIDATES = [
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/TTF/DejaVuSans.ttf", "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf"),
]
_fonts: tuple[str, str, str] | None = None


def _font_names() -> tuple[str, str, str]:
    """(regular, bold, rupee sign): DejaVu Sans when installed, else Helvetica with "Rs."."""
    global _fonts
    if _fonts is None:
        _fonts = ("Helvetica", "Helvetica-Bold", "Rs.")
        for regular, bold in _FONT_CANDIDATES:
            if Path(regular).exists() and Path(bold).exists():
                pdfmetrics.registerFont(TTFont("FraudSafeSans", regular))
                pdfmetrics.registerFont(TTFont("FraudSafeSans-Bold", bold))
                registerFontFamily("FraudSafeSans", normal="FraudSafeSans", bold="FraudSafeSans-Bold")
                _fonts = ("FraudSafeSans", "FraudSafeSans-Bold", "₹")
                break
    return _fonts


_LIGHT = colors.HexColor("#EEF2F7")


def _styles(regular: str, bold: str) -> dict[str, ParagraphStyle]:
    base = getSampleStyleSheet()
    return {
        "title": ParagraphStyle(
            "title", parent=base["Title"], fontName=bold, fontSize=18, textColor=_NAVY, spaceAfter=2 * mm
        ),
        "h2": ParagraphStyle(
            "h2", parent=base["Heading2"], fontName=bold, fontSize=12, textColor=_NAVY, spaceBefore=5 * mm
        ),
        "body": ParagraphStyle("body", parent=base["BodyText"], fontName=regular, fontSize=9.5, leading=12),
        "cell": ParagraphStyle("cell", parent=base["BodyText"], fontName=regular, fontSize=8, leading=10),
        "cell_right": ParagraphStyle(
            "cell_r", parent=base["BodyText"], fontName=regular, fontSize=8, leading=10, alignment=TA_RIGHT
        ),
        "small": ParagraphStyle("small", parent=base["BodyText"], fontName=regular, fontSize=8, textColor=colors.grey),
    }


def _esc(value: object) -> str:
    return str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def complaint_pdf_render(complaint) -> bytes:
    """The PDF bytes of a saved complaint (transactions read in position order)."""
    regular, bold, rupee = _font_names()
    styles = _styles(regular, bold)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=_("Cyber fraud complaint %(ack)s") % {"ack": complaint.ack_number},
        author="FraudSafe",
    )
    created = timezone.localtime(complaint.created_at)
    story = [
        Paragraph(_("Cyber Fraud Complaint"), styles["title"]),
        Paragraph(
            _("FraudSafe – %(number)s cyber-fraud helpline") % {"number": settings.HELPLINE_NUMBER}, styles["body"]
        ),
        Spacer(1, 3 * mm),
    ]
    head = Table(
        [
            [_("Acknowledgement number"), complaint.ack_number],
            [_("Date filed"), created.strftime("%d-%m-%Y %H:%M %Z")],
            [_("Status"), str(complaint.get_status_display())],
        ],
        colWidths=[62 * mm, 118 * mm],
    )
    head.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (0, -1), bold, 10),
                ("FONT", (1, 0), (1, -1), regular, 10),
                ("FONT", (1, 0), (1, 0), bold, 12),
                ("BACKGROUND", (0, 0), (-1, -1), _LIGHT),
                ("BOX", (0, 0), (-1, -1), 0.5, _NAVY),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    story.append(head)

    # 1. Personal details, with the serial numbers used in the chat summary.
    story.append(Paragraph(_("1. Complainant details"), styles["h2"]))
    values = {
        "name": complaint.name,
        "mobile": complaint.mobile,
        "dob": complaint.dob.strftime("%d-%m-%Y"),
        "father_name": complaint.father_name,
        "district": complaint.district,
        "pin_code": complaint.pin_code,
    }
    rows = [[f"1.{n}", str(f.label), values[f.key]] for n, f in enumerate(PERSONAL_FIELDS, start=1)]
    personal = Table(rows, colWidths=[12 * mm, 45 * mm, 123 * mm])
    personal.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), regular, 9.5),
                ("FONT", (1, 0), (1, -1), bold, 9.5),
                ("TEXTCOLOR", (0, 0), (0, -1), colors.grey),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.lightgrey),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    story.append(personal)

    # 2. Transactions as one table; the header carries the field serials (2.t.1 … 2.t.7).
    transactions = list(complaint.transactions.all())
    story.append(Paragraph(_("2. Transactions (%(count)s)") % {"count": len(transactions)}, styles["h2"]))
    header = [Paragraph("<b>2.t</b>", styles["cell"])] + [
        Paragraph(
            f"<b>2.t.{n} {_esc(f.label)}{f' ({rupee})' if f.key == 'amount' else ''}</b>",
            styles["cell_right" if f.key == "amount" else "cell"],
        )
        for n, f in enumerate(TXN_FIELDS, start=1)
        if not f.optional  # the fraudster's side has its own table below
    ]
    widths = [9 * mm, 19 * mm, 12 * mm, 22 * mm, 32 * mm, 26 * mm, 35 * mm, 25 * mm]
    table_rows = [header]
    total = sum((t.amount for t in transactions), Decimal("0.00"))
    for txn in transactions:
        table_rows.append(
            [
                Paragraph(f"2.{txn.position}", styles["cell"]),
                Paragraph(txn.date.strftime("%d-%m-%Y"), styles["cell"]),
                Paragraph(txn.time.strftime("%H:%M"), styles["cell"]),
                Paragraph(_esc(txn.bank), styles["cell"]),
                _one_line(txn.account_number, styles["cell"], width=widths[4]),
                Paragraph(format_inr(txn.amount), styles["cell_right"]),
                _one_line(txn.transaction_id, styles["cell"], width=widths[6]),
                Paragraph(_esc(txn.get_fraud_type_display()), styles["cell"]),
            ]
        )
    table_rows.append(
        [
            "",
            Paragraph(f"<b>{_esc(_('Total amount lost'))} ({rupee})</b>", styles["cell"]),
            "",
            "",
            "",
            Paragraph(f"<b>{format_inr(total)}</b>", styles["cell_right"]),
            "",
            "",
        ]
    )
    txn_table = Table(
        table_rows,
        colWidths=widths,
        repeatRows=1,
    )
    txn_table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), _LIGHT),
                ("GRID", (0, 0), (-1, -2), 0.25, colors.lightgrey),
                ("BOX", (0, 0), (-1, -1), 0.5, _NAVY),
                ("SPAN", (1, -1), (4, -1)),
                ("LINEABOVE", (0, -1), (-1, -1), 0.75, _NAVY),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    story.append(txn_table)
    story.extend(money_went_to(transactions, styles))

    # What to do next.
    story.append(Paragraph(_("3. What to do next"), styles["h2"]))
    for line in (
        _("Call <b>%(number)s</b> at once (the national cyber-fraud helpline) and your bank, to block the money.")
        % {"number": settings.HELPLINE_NUMBER},
        _("Register this complaint on <b>%(portal)s</b> within 24 hours, quoting acknowledgement number %(ack)s.")
        % {"portal": _esc(settings.HELPLINE_PORTAL_URL), "ack": complaint.ack_number},
        _("Keep screenshots, SMS and bank statements of these transactions; never share OTPs or PINs with anyone."),
    ):
        story.append(Paragraph("• " + line, styles["body"]))
    story.extend(evidence_list(complaint, styles))
    story.append(Spacer(1, 6 * mm))
    story.append(
        Paragraph(
            _("Generated by FraudSafe on %(when)s. This document records what the complainant reported.")
            % {"when": created.strftime("%d-%m-%Y %H:%M")},
            styles["small"],
        )
    )
    doc.build(story)
    return buffer.getvalue()


def _one_line(text: str, style, *, width: float) -> Paragraph:
    """Identifiers (account numbers, UTRs) must never break across lines: shrink the font until they fit
    (down to 5.5 pt); only beyond that do they wrap."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase.pdfmetrics import stringWidth

    available = width - 6  # the cell's left and right padding
    size = style.fontSize
    while size > 5.5 and stringWidth(text, style.fontName, size) > available:
        size -= 0.25
    if size == style.fontSize:
        return Paragraph(_esc(text), style)
    return Paragraph(_esc(text), ParagraphStyle(f"{style.name}-fit", parent=style, fontSize=size, leading=size * 1.2))
