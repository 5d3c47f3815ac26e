from django.http import HttpResponseForbidden
from django.utils.translation import gettext as _


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


def database_unavailable_response(request):
    """503 with Retry-After: callers (Twilio, partners) retry; nothing was half-saved (atomic requests)."""
    from django.http import HttpResponse, JsonResponse

    from fraudsafe.api_errors import error_body

    message = _("The service is temporarily unavailable. Please try again shortly.")
    if request.path.startswith("/api/"):
        response = JsonResponse(error_body("service_unavailable", message), status=503)
    else:
        response = HttpResponse(message, status=503, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = "30"
    return response


class DatabaseUnavailableMiddleware:
    """A database that does not answer is a 503 (retry later), never a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from django.db import InterfaceError, OperationalError

        if isinstance(exception, (OperationalError, InterfaceError)):
            import logging

            logging.getLogger(__name__).error("database unavailable on %s: %s", request.path, exception)
            return database_unavailable_response(request)
        return None
