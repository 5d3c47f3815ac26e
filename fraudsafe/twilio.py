"""Twilio webhook guard shared by every Twilio endpoint (WhatsApp, SMS, status callbacks)."""

import functools
import logging

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from twilio.request_validator import RequestValidator

logger = logging.getLogger(__name__)


def public_url(request: HttpRequest) -> str:
    """The URL Twilio called: the configured public origin (scheme from X-Forwarded-Proto behind a proxy)."""
    base = settings.FRAUDSAFE_PUBLIC_URL
    forwarded = request.META.get("HTTP_X_FORWARDED_PROTO", "").split(",")[0].strip()
    if forwarded in ("http", "https"):
        base = forwarded + "://" + base.split("://", 1)[-1]
    return base + request.get_full_path()


def signature_is_valid(request: HttpRequest) -> bool:
    token = settings.TWILIO_AUTH_TOKEN
    signature = request.META.get("HTTP_X_TWILIO_SIGNATURE", "")
    if not token or not signature:
        return False
    # JSON bodies (Event Streams) are signed through the bodySHA256 query parameter: the validator takes the body.
    is_json = request.content_type == "application/json"
    if is_json and "bodySHA256" not in request.GET:
        return False
    params = request.body.decode("utf-8", "replace") if is_json else request.POST.dict()
    return RequestValidator(token).validate(public_url(request), params, signature)


def sender_over_limit(request: HttpRequest) -> bool:
    """At most TWILIO_WEBHOOK_SENDER_PER_MINUTE messages a minute from one sender (shared through the cache)."""
    sender = request.POST.get("From", "")
    if not sender:  # status callbacks carry no sender; their volume follows our own sends
        return False
    key = f"twilio-rate:{request.path}:{sender}"
    cache.add(key, 0, timeout=60)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=60)
        count = 1
    return count > settings.TWILIO_WEBHOOK_SENDER_PER_MINUTE


def twilio_signature_required(view):
    """403 unless X-Twilio-Signature is valid for this URL and form body — in every environment."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method != "POST" or not signature_is_valid(request):
            logger.warning("twilio webhook refused: bad or missing signature on %s", request.path)
            return HttpResponseForbidden("Invalid Twilio signature.")
        if sender_over_limit(request):
            logger.warning("twilio webhook throttled: too many messages from one sender on %s", request.path)
            response = HttpResponse("Too many messages; slow down.", status=429)
            response["Retry-After"] = "60"
            return response
        return view(request, *args, **kwargs)

    wrapper.csrf_exempt = True
    return wrapper
