"""The audit trail seen from a request: who (partner key or staff user), from which address, with which outcome.

API calls are audited by `accounts.middleware.AuditMiddleware` (every partner write; staff writes of views with
an `audit_action`). Admin actions and console pages that send messages or change consent call `audit_request`.
"""

import logging

from django.conf import settings
from rest_framework import permissions

from accounts.auth import Partner, is_staff_member, partner_key_of
from accounts.models import AuditEntry
from accounts.services import audit_record, partner_quota_give_back

logger = logging.getLogger(__name__)

_OUTCOMES = {400: "invalid", 401: "refused", 403: "refused", 404: "not_found", 409: "conflict", 429: "limited"}


def outcome_for(status_code: int) -> str:
    if status_code < 400:
        return AuditEntry.Outcome.OK
    if status_code >= 500:
        return AuditEntry.Outcome.ERROR
    return _OUTCOMES.get(status_code, AuditEntry.Outcome.INVALID)


def client_address(request) -> str | None:
    """The caller's address: the peer, or the entry FRAUDSAFE_NUM_PROXIES trusted proxies in front added."""
    proxies = settings.REST_FRAMEWORK.get("NUM_PROXIES") or 0
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-min(proxies, len(hops))]
    return request.META.get("REMOTE_ADDR") or None


def _http_request(request):
    return getattr(request, "_request", request)  # a DRF Request wraps Django's


def audit_objects(request, **ids) -> None:
    """Names the objects a view acted on (ids only), for the entry the middleware writes after the response."""
    http = _http_request(request)
    http.fraudsafe_audit_objects = {**getattr(http, "fraudsafe_audit_objects", {}), **ids}


def audit_request(request, *, action: str, objects: dict | None = None, outcome: str = AuditEntry.Outcome.OK):
    """Records a staff action done outside the API (admin, console), with the request's user and address."""
    http = _http_request(request)
    audit_record(
        action=action,
        endpoint=f"{http.method} {http.path}",
        outcome=outcome,
        partner_key=partner_key_of(http.user),
        user=http.user if getattr(http.user, "pk", None) else None,
        objects=objects,
        ip_address=client_address(http),
    )


def audit_api_response(request, response) -> None:
    """After an API response: record it when it is a partner write or a staff write of an audited view, and give
    back the daily quota unit of a message-sending call that failed."""
    if not request.path.startswith("/api/") or request.method in permissions.SAFE_METHODS:
        return
    try:
        _audit_api_response(request, response)
    except Exception:  # noqa: BLE001 - the answer is given already; a lost entry is logged, never a 500
        logger.exception("could not write the audit entry of %s %s", request.method, request.path)


def _audit_api_response(request, response) -> None:
    user = getattr(request, "user", None)
    # type(), not isinstance(): a session user not yet loaded stays unloaded (no query for anonymous calls).
    key = user.key if type(user) is Partner else None
    taken = getattr(request, "fraudsafe_quota_taken", None)
    if taken and response.status_code >= 400:
        partner_quota_give_back(key=taken[0], day=taken[1])
    match = getattr(request, "resolver_match", None)
    view_class = getattr(getattr(match, "func", None), "view_class", None)
    action = getattr(view_class, "audit_action", None)
    if key is None and not (action and is_staff_member(user)):
        return
    route = f"/{match.route}" if match is not None else request.path
    # The objects the view named, else the id in the URL (never other URL values: a path may hold a phone).
    objects = getattr(request, "fraudsafe_audit_objects", None) or {
        name: value for name, value in (match.kwargs if match else {}).items() if name in ("pk", "id")
    }
    audit_record(
        action=action or AuditEntry.Action.API_WRITE,
        endpoint=f"{request.method} {route}",
        outcome=outcome_for(response.status_code),
        partner_key=key,
        user=None if key else user,
        objects=objects,
        ip_address=client_address(request),
        status_code=response.status_code,
    )
