"""Who may call the API: partner keys (authentication and throttling) and the role permissions every app uses."""

from django.utils.translation import gettext as _
from rest_framework import exceptions, permissions
from rest_framework.authentication import BaseAuthentication
from rest_framework.throttling import SimpleRateThrottle

from accounts.models import PartnerAPIKey


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


class PartnerKeyAuthentication(BaseAuthentication):
    """`Authorization: Api-Key <key>` (or `X-Api-Key: <key>`): valid, unrevoked, unexpired keys only."""

    keyword = "Api-Key"

    def authenticate(self, request):
        header = request.META.get("HTTP_AUTHORIZATION", "")
        if header.startswith(self.keyword + " "):
            key = header[len(self.keyword) + 1 :].strip()
        else:
            key = request.META.get("HTTP_X_API_KEY", "").strip()
        if not key:
            return None
        prefix = key.partition(".")[0]
        api_key = PartnerAPIKey.objects.filter(prefix=prefix).first()
        if api_key is None or not api_key.is_valid(key):
            raise exceptions.AuthenticationFailed(_("Invalid API key."))
        if api_key.revoked or api_key.has_expired:
            raise exceptions.AuthenticationFailed(_("This API key has been revoked or has expired."))
        return Partner(api_key), api_key

    def authenticate_header(self, request):
        return self.keyword


def is_partner(user) -> bool:
    return isinstance(user, Partner)


def is_staff_member(user) -> bool:
    """An admin or an attender signed in with a session (never a partner key)."""
    return bool(user and user.is_authenticated and (user.is_helpline_admin or user.is_attender))


class IsHelplineAdmin(permissions.BasePermission):
    def has_permission(self, request, view):
        return bool(getattr(request.user, "is_helpline_admin", False))


class IsStaffMember(permissions.BasePermission):
    """An admin or an attender with a session (not a partner key)."""

    def has_permission(self, request, view):
        return is_staff_member(request.user)


class IsPartnerOrStaff(permissions.BasePermission):
    def has_permission(self, request, view):
        return is_partner(request.user) or is_staff_member(request.user)


class PartnerKeyRateThrottle(SimpleRateThrottle):
    """One budget per partner key, shared by every web process through the cache."""

    scope = "partner"

    def get_cache_key(self, request, view):
        if is_partner(request.user):
            return self.cache_format % {"scope": self.scope, "ident": request.user.key.pk}
        return None
