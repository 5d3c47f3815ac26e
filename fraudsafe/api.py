"""API base shared by every app: partner-key authentication, role permissions, throttles, errors, paging."""

from django.utils.translation import gettext as _
from rest_framework import exceptions, permissions
from rest_framework.authentication import BaseAuthentication
from rest_framework.pagination import PageNumberPagination
from rest_framework.parsers import JSONParser
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


class IsHelplineAdmin(permissions.BasePermission):
    def has_permission(self, request, view):
        return bool(getattr(request.user, "is_helpline_admin", False))


class IsStaffMember(permissions.BasePermission):
    """An admin or an attender with a session (not a partner key)."""

    def has_permission(self, request, view):
        user = request.user
        return bool(user and user.is_authenticated and (user.is_helpline_admin or user.is_attender))


class IsPartnerOrStaff(permissions.BasePermission):
    def has_permission(self, request, view):
        user = request.user
        return bool(
            user and user.is_authenticated and (isinstance(user, Partner) or user.is_helpline_admin or user.is_attender)
        )


class PartnerKeyRateThrottle(SimpleRateThrottle):
    """One budget per partner key, shared by every web process through the cache."""

    scope = "partner"

    def get_cache_key(self, request, view):
        if isinstance(request.user, Partner):
            return self.cache_format % {"scope": self.scope, "ident": request.user.key.pk}
        return None


class StandardPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500


def _contains_nul(value) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_contains_nul(k) or _contains_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_contains_nul(v) for v in value)
    return False


class StrictJSONParser(JSONParser):
    """JSON without NUL characters anywhere (PostgreSQL text cannot hold them): such a payload is a 400."""

    def parse(self, stream, media_type=None, parser_context=None):
        data = super().parse(stream, media_type, parser_context)
        if _contains_nul(data):
            raise exceptions.ParseError(_("The request contains a NUL character, which is not allowed."))
        return data
