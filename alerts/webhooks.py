"""Twilio webhooks (SMS keywords, message status) and the one-click email unsubscribe page."""

import json

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from twilio.twiml.messaging_response import MessagingResponse

from alerts.callbacks import delivery_status_update, template_event_apply
from alerts.consent import sms_keyword_handle, unsubscribe_apply, unsubscribe_language
from alerts.rendering import unsubscribe_payload
from fraudsafe.twilio import twilio_signature_required


def _twiml(response: MessagingResponse) -> HttpResponse:
    return HttpResponse(str(response), content_type="application/xml")


@twilio_signature_required
def twilio_sms_inbound(request):
    """STOP / UNSUBSCRIBE withdraw SMS consent at once (queued deliveries too); START / JOIN grant it."""
    outcome = sms_keyword_handle(phone=request.POST.get("From", ""), text=request.POST.get("Body", ""))
    response = MessagingResponse()
    if outcome == "start":
        response.message(_("You are subscribed to FraudSafe fraud alerts. Reply STOP to unsubscribe."))
    # For STOP Twilio's own opt-out handling answers the citizen; sending to an opted-out number would fail.
    return _twiml(response)


@twilio_signature_required
def twilio_status_callback(request):
    """Delivery receipts: sent / delivered / failed / undelivered (with ErrorCode). Unknown ids are ignored."""
    delivery_status_update(
        provider_id=request.POST.get("MessageSid", "") or request.POST.get("SmsSid", ""),
        provider_status=request.POST.get("MessageStatus", "") or request.POST.get("SmsStatus", ""),
        error_code=request.POST.get("ErrorCode", ""),
    )
    return HttpResponse(status=200)


@twilio_signature_required
def twilio_template_events(request):
    """Twilio Event Streams webhook sink: a JSON list of CloudEvents (template approval / category updates)."""
    try:
        events = json.loads(request.body or b"[]")
    except ValueError:
        return HttpResponse("Not JSON.", status=400)
    for event in events if isinstance(events, list) else [events]:
        if isinstance(event, dict):
            template_event_apply(event)
    return HttpResponse(status=200)


@csrf_exempt  # the signed token is the authorisation; RFC 8058 one-click POSTs carry no CSRF token
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    """GET shows a one-button page (link scanners must not unsubscribe anyone); POST unsubscribes."""
    payload = unsubscribe_payload(token)
    if payload is None:
        raise Http404
    done = request.method == "POST"
    if done:
        unsubscribe_apply(payload=payload)
    # The page speaks the citizen's language (the browser's for a link that names no citizen).
    language = unsubscribe_language(payload=payload) or translation.get_language()
    with translation.override(language):
        response = render(request, "alerts/unsubscribe.html", {"done": done})
    response["Content-Language"] = language
    return response
