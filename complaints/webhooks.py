"""Twilio WhatsApp webhook and the signed PDF link (thin: each calls one service)."""

import logging

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET
from twilio.twiml.messaging_response import MessagingResponse

from complaints.evidence import media_from_twilio
from complaints.services import complaint_for_pdf_token, phone_from_whatsapp, whatsapp_message_handle
from fraudsafe.twilio import twilio_signature_required

logger = logging.getLogger(__name__)


@twilio_signature_required
def whatsapp_webhook(request: HttpRequest) -> HttpResponse:
    """Twilio posts each incoming WhatsApp message here; the answer is TwiML (text + the PDF as media)."""
    phone = phone_from_whatsapp(request.POST.get("From", ""))
    message_sid = request.POST.get("MessageSid", "")
    if not phone or not message_sid:
        return HttpResponse("Missing From or MessageSid.", status=400)
    reply = whatsapp_message_handle(
        phone=phone,
        body=request.POST.get("Body", ""),
        message_sid=message_sid,
        media=media_from_twilio(request.POST),
    )
    twiml = MessagingResponse()
    message = twiml.message(reply.body)
    for url in reply.media_urls:
        message.media(url)
    return HttpResponse(str(twiml), content_type="application/xml")


@require_GET
def complaint_pdf_link(request: HttpRequest, token: str) -> FileResponse:
    """The complaint PDF behind a signed, expiring link; tampered or expired links are 404."""
    complaint = complaint_for_pdf_token(token=token)
    if complaint is None:
        raise Http404
    response = FileResponse(
        complaint.pdf.open("rb"), content_type="application/pdf", filename=f"{complaint.ack_number}.pdf"
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
