"""Callbacks: new freeze requests pushed to a bank's HTTPS URL as JSON, signed with HMAC-SHA256, retried with
backoff by a worker; every attempt is logged on the delivery (admin: Callback deliveries).

Signature: header `X-FraudSafe-Signature: t=<unix time>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` with the bank
partner's signing secret; banks should refuse a signature older than a few minutes.
"""

import hashlib
import hmac
import ipaddress
import json
import logging
import socket
import time
from urllib.parse import urlsplit

import requests
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from fraudsafe.tasking import task_enqueue
from recovery.models import BankPartner, CallbackDelivery, FreezeEvent, FreezeRequest
from recovery.serializers import FreezeRequestOutput

logger = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-FraudSafe-Signature"
USER_AGENT = "FraudSafe-Callbacks/1.0"


class CallbackTemporaryError(Exception):
    """The bank's endpoint did not answer, or answered 408 / 429 / 5xx: try again later."""


def signature(secret: str, timestamp: int, body: bytes) -> str:
    """The value of X-FraudSafe-Signature for this body at this time."""
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def signature_valid(secret: str, header: str, body: bytes, *, tolerance_seconds: int = 300) -> bool:
    """How a bank checks a callback (documented in the README; used by the tests' receiver)."""
    parts = dict(part.split("=", 1) for part in header.split(",") if "=" in part)
    try:
        timestamp = int(parts["t"])
    except (KeyError, ValueError):
        return False
    if abs(time.time() - timestamp) > tolerance_seconds:
        return False
    return hmac.compare_digest(signature(secret, timestamp, body), header)


def callback_url_check(url: str) -> None:
    """HTTPS only, to a public address (no loopback, private or link-local networks) unless the settings allow
    otherwise for development and tests. Raises ValidationError."""
    parts = urlsplit(url)
    if parts.scheme != "https" and not (parts.scheme == "http" and settings.RECOVERY_CALLBACK_ALLOW_HTTP):
        raise ValidationError({"url": _("The callback URL must start with https://.")})
    if not parts.hostname:
        raise ValidationError({"url": _("The callback URL has no host.")})
    if settings.RECOVERY_CALLBACK_ALLOW_PRIVATE:
        return
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(parts.hostname, parts.port or 443)}
    except OSError:
        raise ValidationError({"url": _("The callback URL's host does not resolve.")})
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%")[0])
        if not ip.is_global:
            raise ValidationError({"url": _("The callback URL must reach a public address.")})


def callback_deliveries_create(*, request_ids: list[int], event: str) -> int:
    """A delivery per (request, bank partner with a callback URL answering for its bank); each is queued.

    Returns the number of deliveries queued."""
    # The common case (no bank with a callback for these requests) costs one query and serialises nothing.
    partners = list(
        BankPartner.objects.filter(
            banks__in=FreezeRequest.objects.filter(pk__in=request_ids).values("bank_id"),
            can_manage_freezes=True,
            key__revoked=False,
        )
        .exclude(callback_url="")
        .distinct()
        .prefetch_related("banks")
    )
    if not partners:
        return 0
    by_bank: dict[int, list[BankPartner]] = {}
    for partner in partners:
        for bank in partner.banks.all():
            by_bank.setdefault(bank.pk, []).append(partner)
    requests_ = FreezeRequest.objects.filter(pk__in=request_ids, bank_id__in=by_bank).select_related(
        "bank", "transaction"
    )
    now = timezone.now()
    deliveries = []
    for request in requests_:
        body = json.loads(json.dumps(FreezeRequestOutput(request).data, cls=DjangoJSONEncoder))
        for partner in by_bank.get(request.bank_id, []):
            deliveries.append(
                CallbackDelivery(
                    partner=partner,
                    request=request,
                    event=event,
                    url=partner.callback_url,
                    payload={"event": event, "created_at": now.isoformat(), "freeze_request": body},
                    created_at=now,
                )
            )
    for delivery in CallbackDelivery.objects.bulk_create(deliveries):
        task_enqueue("recovery.tasks.callback_deliver_task", delivery.pk)
    return len(deliveries)


def callback_deliver(*, delivery_id: int, last_attempt: bool = False) -> str:
    """One attempt to POST a delivery. 2xx → delivered; other 4xx → failed for good; no answer, 408, 429 and 5xx
    raise CallbackTemporaryError (the task retries with backoff) unless this is the last attempt (→ failed).
    Returns the delivery's status."""
    delivery = CallbackDelivery.objects.select_related("partner").filter(pk=delivery_id).first()
    if delivery is None or delivery.status != CallbackDelivery.Status.PENDING:
        return delivery.status if delivery else ""
    body = json.dumps(delivery.payload, separators=(",", ":"), sort_keys=True).encode()
    stamp = int(time.time())
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "X-FraudSafe-Event": delivery.event,
        "X-FraudSafe-Delivery": str(delivery.pk),
        SIGNATURE_HEADER: signature(delivery.partner.callback_secret, stamp, body),
    }
    started = time.monotonic()
    code, error, refused = None, "", False
    try:
        callback_url_check(delivery.url)
        response = requests.post(
            delivery.url, data=body, headers=headers, timeout=settings.RECOVERY_CALLBACK_TIMEOUT, allow_redirects=False
        )
        code = response.status_code
    except ValidationError as exc:
        error, refused = " ".join(exc.messages), True
    except requests.RequestException as exc:
        error = type(exc).__name__
    entry = {"at": timezone.now().isoformat(), "status": code, "error": error,
             "ms": round((time.monotonic() - started) * 1000)}  # fmt: skip
    temporary = not refused and (code is None or code in (408, 429) or code >= 500)
    if code is not None and 200 <= code < 300:
        status = CallbackDelivery.Status.DELIVERED
    elif temporary and not last_attempt:
        status = CallbackDelivery.Status.PENDING
    else:
        status = CallbackDelivery.Status.FAILED
    CallbackDelivery.objects.filter(pk=delivery.pk).update(
        attempts=F("attempts") + 1,
        last_status_code=code,
        last_error=error[:300] or (f"HTTP {code}" if code and code >= 300 else ""),
        log=delivery.log + [entry],
        status=status,
        delivered_at=timezone.now() if status == CallbackDelivery.Status.DELIVERED else None,
    )
    if status == CallbackDelivery.Status.DELIVERED:
        FreezeEvent.objects.create(
            request_id=delivery.request_id,
            kind=FreezeEvent.Kind.CALLBACK,
            partner=str(delivery.partner),
            note=f"{delivery.event} → HTTP {code}",
        )
    elif status == CallbackDelivery.Status.PENDING:
        raise CallbackTemporaryError(error or f"HTTP {code}")
    else:
        logger.warning("callback %s to %s failed for good: %s", delivery.pk, delivery.partner, error or code)
    return status
