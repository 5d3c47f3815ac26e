"""Uniform error bodies: every API error answers `{"error": {"code", "message", "fields"}}`, documented once."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


class ErrorDetail(serializers.Serializer):
    code = serializers.CharField(help_text="Machine-readable, e.g. `invalid`, `not_found`, `already_claimed`.")
    message = serializers.CharField(help_text="A sentence for people, in the caller's language.")
    fields = serializers.DictField(child=serializers.JSONField(), help_text="Per-field messages of a 400.")


class ErrorOutput(serializers.Serializer):
    """The one error shape of the whole API."""

    error = ErrorDetail()


def error_body(code: str, message: str, fields: dict | None = None) -> dict:
    return {"error": {"code": code, "message": str(message), "fields": fields or {}}}


def exception_handler(exc, context):
    """Every error answers `{"error": {"code", "message", "fields"}}` with the right status."""
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)  # a service's reason is kept for the caller
    elif isinstance(exc, exceptions.UnsupportedMediaType):
        exc = exceptions.UnsupportedMediaType(
            "",
            detail=_("The API accepts JSON only: send the body as JSON with Content-Type: application/json."),
        )
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        detail = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        first = next(iter(detail.values()), [_("Invalid input.")])
        message = first[0] if isinstance(first, list) and first else first
        if isinstance(message, dict):
            message = _("Invalid input.")
        response.data = error_body("invalid", message, detail)
    else:
        code = exc.get_codes() if isinstance(exc.get_codes(), str) else "error"
        response.data = error_body(code, getattr(exc, "detail", str(exc)))
    return response


def conflict(message: str, code: str = "conflict") -> Response:
    return Response(error_body(code, message), status=status.HTTP_409_CONFLICT)


def error_response(request, *, code: str, message: str, status: int):
    """For code outside DRF (middleware, handlers): the uniform JSON error under /api/, plain text elsewhere."""
    if request.path.startswith("/api/"):
        return JsonResponse(error_body(code, message), status=status)
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")
