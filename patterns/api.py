"""Pattern-analysis API: the report (partners and staff), recompute (staff), and the old /api/analyze shape."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.auth import IsStaffMember, scope_required
from accounts.models import Scope
from fraudsafe.api_errors import ErrorOutput
from patterns.selectors import analyze_legacy_shape, report_for_filter
from patterns.serializers import AnalyzeOutput, AnalyzeQuery, PatternReportOutput, ReportQuery
from patterns.services import report_compute

ERRORS = {
    400: OpenApiResponse(
        ErrorOutput, description=_("Invalid parameters (days outside 1–3650, a district with no cases in the store).")
    ),
    401: OpenApiResponse(ErrorOutput, description=_("No valid API key or session.")),
    403: OpenApiResponse(ErrorOutput, description=_("Not allowed for this caller.")),
    429: OpenApiResponse(ErrorOutput, description=_("Too many requests.")),
}


class PatternReportApi(APIView):
    """GET: the latest fresh report for the filter, or one computed now. POST: recompute and save (staff)."""

    def get_permissions(self):
        return [IsStaffMember()] if self.request.method == "POST" else [scope_required(Scope.PATTERNS_READ)()]

    @extend_schema(parameters=[ReportQuery], responses={200: PatternReportOutput, **ERRORS})
    def get(self, request):
        query = ReportQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        report = report_for_filter(**query.validated_data)
        return Response(PatternReportOutput(report).data)

    @extend_schema(request=ReportQuery, responses={201: PatternReportOutput, **ERRORS})
    def post(self, request):
        body = ReportQuery(data=request.data)
        body.is_valid(raise_exception=True)
        snapshot = report_compute(**body.validated_data)
        report = {**snapshot.report, "report_id": snapshot.id, "computed_at": snapshot.computed_at}
        return Response(PatternReportOutput(report).data, status=status.HTTP_201_CREATED)


class AnalyzeApi(APIView):
    """The old analyser's endpoint, same shape (time_patterns, location_patterns, fraud_types)."""

    permission_classes = [scope_required(Scope.PATTERNS_READ)]

    @extend_schema(operation_id="analyze", parameters=[AnalyzeQuery], responses={200: AnalyzeOutput, **ERRORS})
    def get(self, request):
        return self.analyze(request)

    def analyze(self, request):
        query = AnalyzeQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        report = report_for_filter(days=query.validated_data.get("days", settings.PATTERNS_REPORT_DAYS))
        return Response(AnalyzeOutput(analyze_legacy_shape(report)).data)


class AnalyzeSlashApi(AnalyzeApi):
    """Same as /api/analyze, with the trailing slash."""

    @extend_schema(operation_id="analyze_slash", parameters=[AnalyzeQuery], responses={200: AnalyzeOutput, **ERRORS})
    def get(self, request):
        return self.analyze(request)
