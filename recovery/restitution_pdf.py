"""The documents of restitution, as PDFs in the victim's language with English beside every text (ReportLab, the
complaint PDF's fonts and HarfBuzz shaping): the refund request to one bank, the application to the magistrate
under s.503 BNSS (pre-filled from the complaint and the money trail) and the indemnity bond the victim signs.
"""

import io

from django.conf import settings
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from complaints.pdf import _english, _fallbacks, _markup, _small_english, _styles
from fraudsafe.money import format_inr
from recovery.models import RefundRequest, RestitutionCase

REFUND_TITLE = _("Request to refund held money")
REFUND_BODY = _(
    "Under the Ministry of Home Affairs' procedure for CFCFRMS, please refund ₹%(amount)s held against complaint "
    "%(ack)s to the victim's account below, and confirm it with the UTR through the FraudSafe API."
)
APPLICATION_TITLE = _("Application for release of money (s.503 BNSS)")
APPLICATION_BODY = _(
    "The applicant lost ₹%(loss)s to cyber fraud (complaint %(ack)s). The money below is held by the banks named. "
    "The applicant prays that ₹%(amount)s be released to the applicant's account under section 503 of the BNSS, "
    "against an indemnity bond."
)
BOND_TITLE = _("Indemnity bond")
BOND_BODY = _(
    "I, %(name)s, child of %(father)s, of %(district)s, receive ₹%(amount)s released in complaint %(ack)s. If a "
    "court or the rightful owner later shows that this money is not mine, I will return it in full."
)
HOLDS = _("Money held")
SIGNATURE = _("Signature")
DATE = _("Date")
PLACE = _("Place")
COMPLAINANT = _("Complainant")


class _Doc:
    """One document being written in `code`, each text followed by its English when the language is not English."""

    def __init__(self, code: str):
        self.faces = _fallbacks(code)
        self.english = not code.startswith("en")
        self.styles = _styles(self.faces[0].regular, self.faces[0].bold)
        self.story: list = []

    def text(self, text, style="body", sep="<br/>") -> Paragraph:
        native, english = capfirst(str(text)), capfirst(_english(text))
        markup = _markup(native, self.faces)
        if self.english and english != native:
            markup += sep + _small_english(english, self.faces, 8)
        return Paragraph(markup, self.styles[style])

    def add(self, text, style="body", **values) -> None:
        if values:
            native, english = str(text) % values, _english(text) % values
            markup = _markup(native, self.faces)
            if self.english and english != native:
                markup += "<br/>" + _small_english(english, self.faces, 8)
            self.story.append(Paragraph(markup, self.styles[style]))
        else:
            self.story.append(self.text(text, style, sep=" · " if style == "title" else "<br/>"))
        self.story.append(Spacer(1, 2 * mm))

    def table(self, rows: list[tuple]) -> None:
        cells = [[self.text(label, "label"),
                  Paragraph(_markup(value, self.faces), self.styles["value"])] for label, value in rows]  # fmt: skip
        table = Table(cells, colWidths=[62 * mm, 118 * mm])
        table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.25, colors.grey), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
        self.story += [table, Spacer(1, 4 * mm)]

    def signature(self, place: str) -> None:
        today = timezone.localdate().strftime("%d-%m-%Y")
        self.story.append(Spacer(1, 12 * mm))
        self.table([(SIGNATURE, " "), (DATE, today), (PLACE, place)])

    def render(self, title: str) -> bytes:
        buffer = io.BytesIO()
        SimpleDocTemplate(buffer, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=15 * mm,
                          bottomMargin=15 * mm, title=title, author="FraudSafe").build(self.story)  # fmt: skip
        return buffer.getvalue()


def _language(case: RestitutionCase) -> str:
    return case.complaint.language or settings.LANGUAGE_CODE


def refund_request_pdf(refund: RefundRequest) -> bytes:
    """The police's request to one bank (to keep with the bank's file; the bank answers through the API)."""
    case, complaint = refund.case, refund.case.complaint
    with translation.override(_language(case)):
        doc = _Doc(_language(case))
        doc.add(REFUND_TITLE, "title")
        doc.add(REFUND_BODY, amount=format_inr(refund.amount), ack=complaint.ack_number)
        holds = [h for h in case.holds.all() if h.bank_id == refund.bank_id]
        doc.table([
            (_("bank"), refund.bank.name),
            (_("amount asked"), f"₹{format_inr(refund.amount)}"),
            (_("victim's account"), refund.to_account),
            (_("victim's bank"), refund.to_bank),
            (_("route"), case.get_route_display()),
            *[(_("freeze request"), f"#{h.freeze_request_id} · ₹{format_inr(h.share)}") for h in holds],
            *([(_("order number"), f"{case.order_number} · {case.order_date:%d-%m-%Y}")] if case.has_order else []),
            (_("refund by"), timezone.localtime(refund.due_at).strftime("%d-%m-%Y")),
        ])  # fmt: skip
        return doc.render(f"refund-{refund.pk}")


def _trail_rows(case: RestitutionCase) -> list[tuple]:
    rows = []
    for hold in case.holds.select_related("bank", "freeze_request"):
        request = hold.freeze_request
        rows.append((HOLDS, f"{hold.bank.name} · {request.beneficiary_display} · {request.transaction_ref} · "
                            f"₹{format_inr(hold.share)} / ₹{format_inr(hold.pool)}"))  # fmt: skip
    return rows


def magistrate_application_pdf(case: RestitutionCase) -> bytes:
    """The application to the magistrate, pre-filled from the complaint and the money trail."""
    complaint = case.complaint
    with translation.override(_language(case)):
        doc = _Doc(_language(case))
        doc.add(APPLICATION_TITLE, "title")
        doc.table([
            (COMPLAINANT, complaint.name),
            (_("father's name"), complaint.father_name),
            (_("district"), complaint.district),
            (_("acknowledgement number"), complaint.ack_number),
            (_("amount lost"), f"₹{format_inr(case.loss)}"),
            (_("amount claimable"), f"₹{format_inr(case.claimable)}"),
            *_trail_rows(case),
            (_("rule applied"), case.rule),
        ])  # fmt: skip
        doc.add(APPLICATION_BODY, loss=format_inr(case.loss), ack=complaint.ack_number,
                amount=format_inr(case.claimable))  # fmt: skip
        doc.signature(complaint.district)
        return doc.render(f"application-{complaint.ack_number}")


def indemnity_bond_pdf(case: RestitutionCase) -> bytes:
    """The indemnity bond the victim signs before the money is released to them."""
    complaint = case.complaint
    amount = case.order_amount if case.order_amount is not None else case.claimable
    with translation.override(_language(case)):
        doc = _Doc(_language(case))
        doc.add(BOND_TITLE, "title")
        doc.add(BOND_BODY, name=complaint.name, father=complaint.father_name, district=complaint.district,
                amount=format_inr(min(amount, case.claimable)), ack=complaint.ack_number)  # fmt: skip
        doc.signature(complaint.district)
        return doc.render(f"bond-{complaint.ack_number}")
