import sys

from django.db import InterfaceError, OperationalError
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import defaults
from drf_spectacular.plumbing import set_query_parameters
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from fraudsafe.api_errors import error_response
from fraudsafe.health import compliance_status, component_health
from fraudsafe.middleware import database_unavailable_response


class HealthComponentSerializer(serializers.Serializer):
    ok = serializers.BooleanField()
    detail = serializers.CharField()
    latency_ms = serializers.FloatField()


class TimeSyncSerializer(serializers.Serializer):
    status = serializers.ChoiceField(["ok", "warn"])
    offset_seconds = serializers.FloatField(allow_null=True)
    source = serializers.ChoiceField(["chronyc", "timedatectl", "unknown"])
    detail = serializers.CharField()


class LogRetentionSerializer(serializers.Serializer):
    log_days = serializers.IntegerField()
    audit_days = serializers.IntegerField()
    log_dir = serializers.BooleanField(help_text="Whether rotated log files are kept (and purged) in LOG_DIR.")


class ComplianceSerializer(serializers.Serializer):
    log_retention = LogRetentionSerializer()
    time_sync = TimeSyncSerializer()
    warnings = serializers.ListField(child=serializers.CharField())


class HealthSerializer(serializers.Serializer):
    status = serializers.ChoiceField(["ok", "unavailable"])
    failing = serializers.ListField(child=serializers.CharField())
    components = serializers.DictField(child=HealthComponentSerializer())
    compliance = ComplianceSerializer()


class HealthApi(APIView):
    """Public liveness and dependency check: 200 when every component answers, else 503 naming the failing."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes: list = []

    @extend_schema(
        auth=[],
        responses={200: HealthSerializer, 503: HealthSerializer},
    )
    def get(self, request):
        components = component_health()
        failing = [name for name, result in components.items() if not result["ok"]]
        body = {"status": "unavailable" if failing else "ok", "failing": failing, "components": components,
                "compliance": compliance_status()}  # fmt: skip
        return Response(body, status=503 if failing else 200)


class HealthSlashApi(HealthApi):
    """Same as /api/health, for clients that add a trailing slash."""

    schema = None


def _handler(status: int):
    default = {
        404: defaults.page_not_found,
        500: defaults.server_error,
        400: defaults.bad_request,
        403: defaults.permission_denied,
    }[status]

    def handler(request, *args, **kwargs):
        if status == 500 and isinstance(sys.exc_info()[1], (OperationalError, InterfaceError)):  # e.g. in a middleware
            return database_unavailable_response(request)
        if request.path.startswith("/api/"):
            messages = {
                404: ("not_found", _("Not found.")),
                500: ("server_error", _("Internal server error.")),
                400: ("bad_request", _("Bad request.")),
                403: ("permission_denied", _("Forbidden.")),
            }
            code, message = messages[status]
            return error_response(request, code=code, message=message, status=status)
        return default(request, *args, **kwargs)

    return handler


handler400, handler403, handler404, handler500 = (_handler(code) for code in (400, 403, 404, 500))


class DocsView(SpectacularSwaggerView):
    """Swagger UI, reading the document as JSON (parsing YAML in the browser costs ~0.5 s on every load)."""

    def _get_schema_url(self, request):
        return set_query_parameters(url=super()._get_schema_url(request), format="json")


class CachedSchemaView(SpectacularAPIView):
    """The OpenAPI document, generated once per process and language.

    It changes only when the code does, and every deploy starts new processes, so this is a cache per deployment
    (generating it walks every view and serializer and takes far longer than serving it)."""

    _schemas: dict = {}

    def _get_schema_response(self, request):
        version = self.api_version or request.version or self._get_version_parameter(request)
        key = (translation.get_language(), version)
        schema = self._schemas.get(key)
        if schema is None:
            generator = self.generator_class(urlconf=self.urlconf, api_version=version, patterns=self.patterns)
            schema = self._schemas[key] = generator.get_schema(request=request, public=self.serve_public)
        filename = self._get_filename(request, version)
        return Response(data=schema, headers={"Content-Disposition": f'inline; filename="{filename}"'})

    @classmethod
    def forget(cls) -> None:
        """Drops the cached documents (tests that change the API's settings)."""
        cls._schemas.clear()
