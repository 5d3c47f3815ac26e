"""Who may call the API: partner keys (authentication, scopes, rate and daily quota) and the role permissions.

Every partner endpoint declares its scope with `scope_required("<scope>")` in its `permission_classes`; staff
sessions are judged by their role as before. A view that sends messages or changes consent names its
`audit_action` (accounts.models.AuditEntry.Action): it is then audited for staff too, and a message-sending one
counts against the partner key's daily quota.
"""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import exceptions, permissions
from rest_framework.authentication import BaseAuthentication
from rest_framework.throttling import BaseThrottle, SimpleRateThrottle

from accounts.models import AuditEntry, PartnerAPIKey, Scope
from accounts.services import partner_quota_take

# Calls of these actions send messages to citizens: they count against a key's daily quota.
MESSAGE_ACTIONS = frozenset({AuditEntry.Action.ALERT_SEND, AuditEntry.Action.CAMPAIGN_WARN})


class Partner:
    """The principal behind a valid partner API key (request.user for partner calls)."""

    is_authenticated = True
    is_anonymous = False
    is_active = True
    is_staff = False
    is_superuser = False
    is_helpline_admin = False
    is_attender = False
    is_partner = True
    role = "partner"

    def __init__(self, key: PartnerAPIKey):
        self.key = key
        self.pk = self.id = None
        self.username = f"partner:{key.partner}"

    def __str__(self) -> str:
        return self.username

    def get_username(self) -> str:
        return self.username


class PartnerKeyAuthentication(BaseAuthentication):
    """`Authorization: Api-Key <key>` (or `X-Api-Key: <key>`): valid, unrevoked, unexpired keys only.

    The key is read from the database on every request (one indexed query, no cache), so revoking a key or
    reaching its expiry date takes effect on the very next call."""

    keyword = "Api-Key"

    def authenticate(self, request):
        key = self.key_of(request)
        if not key:
            return None
        prefix = key.partition(".")[0]
        api_key = PartnerAPIKey.objects.filter(prefix=prefix).first()
        if api_key is None or not api_key.is_valid(key):
            raise exceptions.AuthenticationFailed(_("Invalid API key."))
        if api_key.revoked or api_key.has_expired:
            raise exceptions.AuthenticationFailed(_("This API key has been revoked or has expired."))
        return Partner(api_key), api_key

    def key_of(self, request) -> str:
        """The key sent as `Authorization: Api-Key <key>`, as a bare key in `Authorization` (what Swagger's field
        sends when the key is pasted alone), or as `X-Api-Key: <key>`; "" when none was sent.

        Any other `Authorization` value (`Bearer …`, `Token …`) is refused with the form that works, rather than
        the misleading "credentials were not provided"."""
        header = request.META.get("HTTP_AUTHORIZATION", "").strip()
        scheme, _space, rest = header.partition(" ")
        if scheme.lower() == self.keyword.lower() and rest.strip():
            return rest.strip()
        if header and not rest and "." in header:
            return header
        if header:
            raise exceptions.AuthenticationFailed(
                _("Send the key as “Authorization: Api-Key <key>” or as “X-Api-Key: <key>”.")
            )
        return request.META.get("HTTP_X_API_KEY", "").strip()

    def authenticate_header(self, request):
        return self.keyword


def is_partner(user) -> bool:
    return isinstance(user, Partner)


def partner_key_of(user) -> PartnerAPIKey | None:
    """The key behind a partner caller, None for staff and anonymous callers."""
    return user.key if isinstance(user, Partner) else None


def is_staff_member(user) -> bool:
    """An active admin or attender signed in with a session (never a partner key); complaints.access uses it."""
    return bool(user and user.is_authenticated and user.is_active and (user.is_helpline_admin or user.is_attender))


class IsHelplineAdmin(permissions.BasePermission):
    partners_allowed = False
    message = gettext_lazy("Only helpline admins may do this.")

    def has_permission(self, request, view):
        return bool(getattr(request.user, "is_helpline_admin", False))


class IsStaffMember(permissions.BasePermission):
    """An admin or an attender with a session (not a partner key)."""

    partners_allowed = False
    message = gettext_lazy("Only helpline staff may do this; partner keys cannot.")

    def has_permission(self, request, view):
        return is_staff_member(request.user)


class ScopeRequired(permissions.BasePermission):
    """Partners need `required_scope` on their key; staff sessions are judged by `staff_rule` (their role)."""

    required_scope: str = ""
    staff_rule: type[permissions.BasePermission] = IsStaffMember
    code = "missing_scope"

    def has_permission(self, request, view):
        key = partner_key_of(request.user)
        if key is None:
            rule = self.staff_rule()
            self.message, self.code = rule.message, None
            return rule.has_permission(request, view)
        if key.has_scope(self.required_scope):
            return True
        self.message = _('This API key lacks the scope "%(scope)s" that this endpoint needs.') % {
            "scope": self.required_scope
        }
        return False


def scope_required(scope: Scope | str, *, staff: type[permissions.BasePermission] = IsStaffMember):
    """The permission class of a partner endpoint: the key needs `scope`; staff follow `staff` (their role)."""
    scope = Scope(scope)
    return type(f"ScopeRequired[{scope.value}]", (ScopeRequired,), {"required_scope": scope.value, "staff_rule": staff})


def required_scopes(view) -> list[str]:
    """The scopes the view's permissions ask of a partner key for the current request's method."""
    return [p.required_scope for p in view.get_permissions() if getattr(p, "required_scope", "")]


def partners_allowed(view) -> bool:
    """Whether a partner key may call the view at all (with the right scope) for the current method."""
    return all(getattr(p, "partners_allowed", True) for p in view.get_permissions())


def sends_messages(view, method: str) -> bool:
    return method not in permissions.SAFE_METHODS and getattr(view, "audit_action", None) in MESSAGE_ACTIONS


class PartnerKeyRateThrottle(SimpleRateThrottle):
    """One budget per partner key, shared by every web process through the cache."""

    scope = "partner"

    def get_cache_key(self, request, view):
        if is_partner(request.user):
            return self.cache_format % {"scope": self.scope, "ident": request.user.key.pk}
        return None


def _seconds_to_midnight() -> int:
    now = timezone.localtime()
    midnight = dt.datetime.combine(now.date() + dt.timedelta(days=1), dt.time(0), tzinfo=now.tzinfo)
    return max(int((midnight - now).total_seconds()), 1)


class PartnerMessageQuotaThrottle(BaseThrottle):
    """A key's daily quota of message-sending calls (alerts, campaign warnings), counted in the database.

    A call that then fails (invalid input, refused, another throttle) is given back by the audit middleware, so
    only calls that were accepted count."""

    def allow_request(self, request, view):
        key = partner_key_of(request.user)
        if key is None or not sends_messages(view, request.method):
            return True
        day = timezone.localdate()
        if partner_quota_take(key=key, day=day):
            request._request.fraudsafe_quota_taken = (key, day)
            return True
        raise exceptions.Throttled(
            wait=_seconds_to_midnight(),
            detail=_(
                "This API key has used its %(n)d message-sending calls for today; the quota renews at "
                "midnight, helpline time."
            )
            % {"n": key.daily_message_quota},
        )
