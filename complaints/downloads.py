"""File downloads staff may open: the complaint's PDF (who may open it is complaints.access)."""

from django.http import FileResponse, Http404
from django.utils.translation import gettext as _

from complaints.models import Complaint


def complaint_pdf_response(complaint: Complaint) -> FileResponse:
    """The complaint's PDF as a download; 404 when it has none (never a public file URL)."""
    if not complaint.pdf:
        raise Http404(_("This complaint has no PDF yet."))
    try:
        handle = complaint.pdf.open("rb")
    except FileNotFoundError:
        raise Http404(_("This complaint's PDF file is missing."))
    response = FileResponse(
        handle, as_attachment=True, filename=f"{complaint.ack_number}.pdf", content_type="application/pdf"
    )
    response["Cache-Control"] = "private, no-store"
    return response
