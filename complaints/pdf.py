"""The complaint PDF (ReportLab): every field with its serial number, the transactions table, what to do next."""

import io
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import registerFontFamily
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from complaints import pdftext
from complaints.conversation import PERSONAL_FIELDS, TXN_FIELDS
from complaints.pdf_sections import evidence_list, money_went_to
from fraudsafe.languages import font_files, language, languages
from fraudsafe.money import format_inr
from fraudsafe.vocabulary import fraud_type_label

pdftext.install()  # copied, searched or extracted text reads as typed, in every script

_NAVY = colors.HexColor("#1F3A5F")
# A Unicode TrueType font when the system has one (the rupee sign ₹ is not in the PDF base fonts).
_FONT_CANDIDATES = [
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/TTF/DejaVuSans.ttf", "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf"),
]


@dataclass(frozen=True)
class _Face:
    regular: str
    bold: str
    glyphs: frozenset[int] | None  # code points the font draws (None: a PDF base font, Latin-1 only)

    def draws(self, char: str) -> bool:
        return ord(char) < 256 if self.glyphs is None else ord(char) in self.glyphs


def _register(name: str, regular: Path, bold: Path | None) -> _Face:
    """Registers a TrueType family once; a font without a bold face (a variable font) draws bold with its regular."""
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, str(regular)))
        pdfmetrics.registerFont(TTFont(f"{name}-Bold", str(bold or regular)))
        registerFontFamily(name, normal=name, bold=f"{name}-Bold", italic=name, boldItalic=f"{name}-Bold")
    glyphs = frozenset(pdfmetrics.getFont(name).face.charToGlyph)
    return _Face(name, f"{name}-Bold", glyphs)


@cache
def _default_face() -> _Face:
    """DejaVu Sans when installed, else Helvetica (then the rupee sign is written "Rs.")."""
    for regular, bold in _FONT_CANDIDATES:
        if Path(regular).exists() and Path(bold).exists():
            return _register("FraudSafeSans", Path(regular), Path(bold))
    return _Face("Helvetica", "Helvetica-Bold", None)


@cache
def _face(code: str) -> _Face:
    """The PDF font of a language (settings.FRAUDSAFE_LANGUAGES), registered on first use."""
    files = font_files(code)
    if files is None:
        return _default_face()
    return _register(f"FraudSafe-{code}", files.regular, files.bold)


@cache
def _fallbacks(code: str) -> tuple[_Face, ...]:
    """The language's font first, then every other language's font and the default: text typed in another script
    (a Bengali name in a Hindi complaint) is still drawn, each run in a font that has its glyphs."""
    faces = [_face(code)] + [_face(lang.code) for lang in languages() if lang.code != code] + [_default_face()]
    return tuple(dict.fromkeys(faces))


def _esc(value: object) -> str:
    return str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _markup(text: object, faces: tuple[_Face, ...]) -> str:
    """Escaped paragraph markup of `text`: runs the main font cannot draw are put in a font that can."""
    text, main = str(text), faces[0]
    out, run, run_face = [], "", main
    for char in text:
        face = main if char.isspace() or main.draws(char) else next((f for f in faces if f.draws(char)), main)
        if face is not run_face and run:
            out.append(_run(run, run_face, main))
            run = ""
        run_face = face if run == "" else run_face
        run += char
    if run:
        out.append(_run(run, run_face, main))
    return "".join(out)


def _run(text: str, face: _Face, main: _Face) -> str:
    return _esc(text) if face is main else f'<font face="{face.regular}">{_esc(text)}</font>'


_LIGHT = colors.HexColor("#EEF2F7")


def _styles(regular: str, bold: str) -> dict[str, ParagraphStyle]:
    base = getSampleStyleSheet()
    # shaping=1: HarfBuzz (uharfbuzz) forms conjuncts and places vowel signs; without it Indic text is garbled.
    shaped = {"shaping": 1}
    return {
        "title": ParagraphStyle(
            "title", parent=base["Title"], fontName=bold, fontSize=18, textColor=_NAVY, spaceAfter=2 * mm, **shaped
        ),
        "h2": ParagraphStyle(
            "h2", parent=base["Heading2"], fontName=bold, fontSize=12, textColor=_NAVY, spaceBefore=5 * mm, **shaped
        ),
        "body": ParagraphStyle("body", parent=base["BodyText"], fontName=regular, fontSize=9.5, leading=13, **shaped),
        "head_label": ParagraphStyle(
            "head_label", parent=base["BodyText"], fontName=bold, fontSize=10, leading=13, **shaped
        ),
        "head_value": ParagraphStyle(
            "head_value", parent=base["BodyText"], fontName=regular, fontSize=10, leading=13, **shaped
        ),
        "ack": ParagraphStyle("ack", parent=base["BodyText"], fontName=bold, fontSize=12, leading=14, **shaped),
        "label": ParagraphStyle("label", parent=base["BodyText"], fontName=bold, fontSize=9.5, leading=12, **shaped),
        "value": ParagraphStyle("value", parent=base["BodyText"], fontName=regular, fontSize=9.5, leading=12, **shaped),
        "serial": ParagraphStyle(
            "serial", parent=base["BodyText"], fontName=regular, fontSize=9.5, textColor=colors.grey, **shaped
        ),
        "cell": ParagraphStyle("cell", parent=base["BodyText"], fontName=regular, fontSize=8, leading=10, **shaped),
        "cell_right": ParagraphStyle(
            "cell_r", parent=base["BodyText"], fontName=regular, fontSize=8, leading=10, alignment=TA_RIGHT, **shaped
        ),
        "small": ParagraphStyle(
            "small", parent=base["BodyText"], fontName=regular, fontSize=8, textColor=colors.grey, **shaped
        ),
    }


# Texts of the PDF that police and bank staff also read in English (beside the citizen's language).
TITLE = gettext_lazy("Cyber Fraud Complaint")
ACK = gettext_lazy("Acknowledgement number")
DATE_FILED = gettext_lazy("Date filed")
STATUS = gettext_lazy("Status")
LANGUAGE = gettext_lazy("Language")
COMPLAINANT = gettext_lazy("1. Complainant details")
TOTAL = gettext_lazy("Total amount lost")
NEXT = gettext_lazy("3. What to do next")


def _english(text) -> str:
    with translation.override("en"):
        return str(text)


@dataclass(frozen=True)
class _Pen:
    """How this PDF writes: the fonts of the active language, its styles, and whether labels carry English."""

    faces: tuple[_Face, ...]
    styles: dict[str, ParagraphStyle]
    english: bool  # outside English every label also carries its English text
    rupee: str

    @classmethod
    def for_language(cls, code: str) -> "_Pen":
        faces = _fallbacks(code)
        rupee = "₹" if faces[0].draws("₹") else "Rs."
        return cls(faces, _styles(faces[0].regular, faces[0].bold), not code.startswith("en"), rupee)

    def p(self, text, style="value", **kwargs) -> Paragraph:
        return Paragraph(_markup(text, self.faces), self.styles[style], **kwargs)

    def both(self, text, style="label", sep="<br/>") -> Paragraph:
        """A label in the citizen's language, with its English text (smaller, grey) outside English."""
        markup = _markup(text, self.faces)
        if self.english and _english(text) != str(text):
            markup += f"{sep}{_small_english(_english(text), self.faces, 7.5)}"
        return Paragraph(markup, self.styles[style])

    def small_english(self, text: str, size: float = 6.5) -> str:
        return _small_english(text, self.faces, size)


def complaint_pdf_render(complaint) -> bytes:
    """The PDF bytes of a saved complaint in the active language (transactions read in position order).

    Outside English every label also carries its English text, for police and bank staff; what the citizen typed is
    shown as typed, each script in a font that draws it, shaped by HarfBuzz.
    """
    code = translation.get_language() or settings.LANGUAGE_CODE
    pen = _Pen.for_language(code)
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
    transactions = list(complaint.transactions.all())
    story = [
        *_head(complaint, pen, code=code, created=created),
        *_personal(complaint, pen),
        *_transactions(transactions, pen),
        *money_went_to(transactions, pen.styles, both=pen.both, p=pen.p),
        *_next_steps(complaint, pen),
        *evidence_list(complaint, pen.styles, both=pen.both, p=pen.p),
        Spacer(1, 6 * mm),
        pen.p(
            _("Generated by FraudSafe on %(when)s. This document records what the complainant reported.")
            % {"when": created.strftime("%d-%m-%Y %H:%M")},
            "small",
        ),
    ]
    doc.build(story)
    return buffer.getvalue()


def _head(complaint, pen: _Pen, *, code: str, created) -> list:
    """The title and the box of acknowledgement number, date filed, status (and language outside English)."""
    rows = [
        [pen.both(ACK, "head_label"), pen.p(complaint.ack_number, "ack")],
        [pen.both(DATE_FILED, "head_label"), pen.p(created.strftime("%d-%m-%Y %H:%M %Z"), "head_value")],
        [pen.both(STATUS, "head_label"), pen.p(complaint.get_status_display(), "head_value")],
    ]
    if pen.english:
        with translation.override("en"):
            name = language(code).label  # हिन्दी (Hindi)
        rows.append([pen.both(LANGUAGE, "head_label"), pen.p(name, "head_value")])
    head = Table(rows, colWidths=[62 * mm, 118 * mm])
    head.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), _LIGHT),
                ("BOX", (0, 0), (-1, -1), 0.5, _NAVY),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return [
        pen.both(TITLE, "title", sep=" · "),
        pen.p(_("FraudSafe – %(number)s cyber-fraud helpline") % {"number": settings.HELPLINE_NUMBER}, "body"),
        Spacer(1, 3 * mm),
        head,
    ]


def _personal(complaint, pen: _Pen) -> list:
    """1. Personal details, with the serial numbers used in the chat summary."""
    values = {
        "name": complaint.name,
        "mobile": complaint.mobile,
        "dob": complaint.dob.strftime("%d-%m-%Y"),
        "father_name": complaint.father_name,
        "district": complaint.district,
        "pin_code": complaint.pin_code,
    }
    rows = [
        [pen.p(f"1.{n}", "serial"), pen.both(f.label), pen.p(values[f.key])]
        for n, f in enumerate(PERSONAL_FIELDS, start=1)
    ]
    personal = Table(rows, colWidths=[12 * mm, 55 * mm, 113 * mm])
    personal.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.lightgrey),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return [pen.both(COMPLAINANT, "h2", sep=" · "), personal]


_TXN_WIDTHS = [9 * mm, 19 * mm, 12 * mm, 22 * mm, 32 * mm, 26 * mm, 35 * mm, 25 * mm]


def _transactions(transactions: list, pen: _Pen) -> list:
    """2. Transactions as one table; the header carries the field serials (2.t.1 … 2.t.7), the last row the total."""
    heading = gettext_lazy("2. Transactions (%(count)s)")
    count = {"count": len(transactions)}
    heading_markup = _markup(str(heading) % count, pen.faces)
    if pen.english and _english(heading) != str(heading):
        heading_markup += " · " + _small_english(_english(heading) % count, pen.faces, 7.5)
    header = [Paragraph("<b>2.t</b>", pen.styles["cell"])] + [
        _header_cell(n, f, pen.rupee, pen.faces, pen.styles, pen.english)
        for n, f in enumerate(TXN_FIELDS, start=1)
        if not f.optional  # the fraudster's side has its own table below
    ]
    rows = [header] + [_transaction_row(txn, pen) for txn in transactions]
    total = sum((t.amount for t in transactions), Decimal("0.00"))
    total_label = f"<b>{_markup(TOTAL, pen.faces)} ({pen.rupee})</b>"
    if pen.english:
        total_label += " " + pen.small_english(_english(TOTAL))
    total_value = Paragraph(f"<b>{format_inr(total)}</b>", pen.styles["cell_right"])
    rows.append(["", Paragraph(total_label, pen.styles["cell"]), "", "", "", total_value, "", ""])
    table = Table(rows, colWidths=_TXN_WIDTHS, repeatRows=1)
    table.setStyle(
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
    return [Paragraph(heading_markup, pen.styles["h2"]), table]


def _transaction_row(txn, pen: _Pen) -> list:
    kind = fraud_type_label(txn.fraud_type)
    kind_markup = _markup(kind, pen.faces)
    if pen.english and _english_label(txn.fraud_type) != kind:
        kind_markup += "<br/>" + pen.small_english(_english_label(txn.fraud_type))
    cell = pen.styles["cell"]
    return [
        pen.p(f"2.{txn.position}", "cell"),
        pen.p(txn.date.strftime("%d-%m-%Y"), "cell"),
        pen.p(txn.time.strftime("%H:%M"), "cell"),
        pen.p(txn.bank, "cell"),
        _one_line(txn.account_number, cell, width=_TXN_WIDTHS[4]),
        pen.p(format_inr(txn.amount), "cell_right"),
        _one_line(txn.transaction_id, cell, width=_TXN_WIDTHS[6]),
        Paragraph(kind_markup, cell),
    ]


def _next_steps(complaint, pen: _Pen) -> list:
    """What to do next: call the helpline and the bank, register on the portal, keep the evidence."""
    lines = (
        _("Call <b>%(number)s</b> at once (the national cyber-fraud helpline) and your bank, to block the money.")
        % {"number": settings.HELPLINE_NUMBER},
        _("Register this complaint on <b>%(portal)s</b> within 24 hours, quoting acknowledgement number %(ack)s.")
        % {"portal": _esc(settings.HELPLINE_PORTAL_URL), "ack": complaint.ack_number},
        _("Keep screenshots, SMS and bank statements of these transactions; never share OTPs or PINs with anyone."),
    )
    return [
        pen.both(NEXT, "h2", sep=" · "),
        *(Paragraph("• " + _markup_keeping_tags(line, pen.faces), pen.styles["body"]) for line in lines),
    ]


def _header_cell(n: int, f, rupee: str, faces, styles, english: bool) -> Paragraph:
    amount = f" ({rupee})" if f.key == "amount" else ""
    markup = f"<b>2.t.{n}<br/>{_markup(f.label, faces)}{amount}</b>"
    if english and _english(f.label) != str(f.label):
        markup += "<br/>" + _small_english(_english(f.label), faces, 6.5)
    return Paragraph(markup, styles["cell_right" if f.key == "amount" else "cell"])


def _small_english(text: str, faces, size: float) -> str:
    """The English copy of a label: smaller and grey, so the citizen's language leads."""
    return f'<font size="{size}" color="#555555">{_markup(text, faces)}</font>'


def _english_label(fraud_type: str) -> str:
    with translation.override("en"):
        return fraud_type_label(fraud_type)


def _markup_keeping_tags(text: str, faces) -> str:
    """Like _markup for a translated sentence that carries <b>…</b>: the tags stay markup, the rest is text."""
    parts = text.replace("<b>", "\x00<b>\x00").replace("</b>", "\x00</b>\x00").split("\x00")
    return "".join(part if part in ("<b>", "</b>") else _markup(part, faces) for part in parts)


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


def sections_pdf_render(*, title: str, sections: list[tuple[str, list[tuple[str, str]]]]) -> bytes:
    """A plain PDF in the active language: a title, then headed sections of label/value rows (e.g. privacy's
    copy of a citizen's data). Each script in a font that draws it, shaped as in the complaint PDF."""
    faces = _fallbacks(translation.get_language() or settings.LANGUAGE_CODE)
    styles = _styles(faces[0].regular, faces[0].bold)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, title=title, author="FraudSafe")
    story = [Paragraph(_markup(title, faces), styles["title"])]
    for heading, rows in sections:
        story.append(Paragraph(_markup(heading, faces), styles["h2"]))
        for label, value in rows:
            story.append(Paragraph(f"<b>{_markup(label, faces)}</b>: {_markup(value, faces)}", styles["value"]))
    doc.build(story)
    return buffer.getvalue()
