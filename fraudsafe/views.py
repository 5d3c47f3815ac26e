from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from fraudsafe.health import component_health


class HealthComponentSerializer(serializers.Serializer):
    ok = serializers.BooleanField()
    detail = serializers.CharField()
    latency_ms = serializers.FloatField()


class HealthSerializer(serializers.Serializer):
    status = serializers.ChoiceField(["ok", "unavailable"])
    failing = serializers.ListField(child=serializers.CharField())
    components = serializers.DictField(child=HealthComponentSerializer())


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
        body = {"status": "unavailable" if failing else "ok", "failing": failing, "components": components}
        return Response(body, status=503 if failing else 200)


class HealthSlashApi(HealthApi):
    """Same as /api/health, for clients that add a trailing slash."""

    schema = None
