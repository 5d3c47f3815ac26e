import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponseForbidden
from django.utils import translation
from django.utils.translation import gettext as _

from fraudsafe.api_errors import error_response

logger = logging.getLogger(__name__)


class AdminRoleMiddleware:
    """The Django admin is for admins only: attenders get 403 even if someone set is_staff on them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/admin/"):
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated and not user.is_helpline_admin:
                return HttpResponseForbidden(_("The admin site is for helpline admins only."))
        return self.get_response(request)


class StaffLanguageMiddleware:
    """Staff read the console, the admin and the API in their own language (`language` on their user, English by
    default); everyone else keeps LocaleMiddleware's choice (the browser's Accept-Language)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            user = getattr(request, "user", None)
            code = getattr(user, "language", "") if user is not None and user.is_authenticated else ""
        except (OperationalError, InterfaceError):  # the database is down: the view answers 503 by itself
            code = ""
        if not code or code not in dict(settings.LANGUAGES):
            return self.get_response(request)
        previous = translation.get_language()
        translation.activate(code)
        request.LANGUAGE_CODE = code
        try:
            response = self.get_response(request)
        finally:
            translation.activate(previous)  # the thread's next work (another request, a task) starts clean
        response.headers.setdefault("Content-Language", code)  # LocaleMiddleware keeps a header already set
        return response


def database_unavailable_response(request):
    """503 with Retry-After: callers (Twilio, partners) retry; nothing was half-saved (atomic requests)."""
    message = _("The service is temporarily unavailable. Please try again shortly.")
    response = error_response(request, code="service_unavailable", message=message, status=503)
    response["Retry-After"] = "30"
    return response


class DatabaseUnavailableMiddleware:
    """A database that does not answer is a 503 (retry later), never a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, (OperationalError, InterfaceError)):
            logger.error("database unavailable on %s: %s", request.path, exception)
            return database_unavailable_response(request)
        return None


class RejectNulMiddleware:
    """A NUL character in the path, query, a cookie or a form field is never valid input (PostgreSQL cannot store it):
    answer 400 before any view or query sees it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        fields = [request.path, *request.GET.keys(), *(v for vs in request.GET.lists() for v in vs[1])]
        fields += [*request.COOKIES.keys(), *request.COOKIES.values()]  # e.g. a forged session cookie
        if request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
            fields += [*request.POST.keys(), *(v for vs in request.POST.lists() for v in vs[1])]
        if any("\x00" in field for field in fields):
            message = _("The request contains a NUL character, which is not allowed.")
            return error_response(request, code="invalid", message=message, status=400)
        return self.get_response(request)
