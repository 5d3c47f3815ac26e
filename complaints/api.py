"""Complaint API for staff (thin views: one workflow service per write).

Who sees what: admins every complaint; attenders their own and the unassigned ones (an attender's view
of another attender's complaint answers 404); partners (API keys) no complaint data at all (403) — the
complaints hold victims' personal and bank details and no partner use case needs them yet.
"""

import json

import django_filters
from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import exceptions, filters, generics, renderers
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.audit import audit_objects
from accounts.auth import IsHelplineAdmin, IsStaffMember
from accounts.models import AuditEntry
from accounts.selectors import attenders
from complaints import access
from complaints.downloads import complaint_pdf_response
from complaints.models import Complaint, Transaction
from complaints.selectors import with_totals
from complaints.serializers import (
    AttenderOutput,
    ComplaintDetailOutput,
    ComplaintListOutput,
    StatusInput,
)
from complaints.workflow import OPEN_STATUSES, ComplaintAlreadyClaimed, complaint_change_status, complaint_claim
from fraudsafe.api_errors import ErrorOutput, conflict
from fraudsafe.districts import district_canonical

ERRORS = {
    401: OpenApiResponse(ErrorOutput, description="No API key or session."),
    403: OpenApiResponse(ErrorOutput, description="Not allowed for this role (partners never see complaints)."),
    404: OpenApiResponse(ErrorOutput, description="No such complaint, or not one this user may see."),
}

LIST_ERRORS = {
    400: OpenApiResponse(ErrorOutput, description="Invalid filter value."),
    401: ERRORS[401],
    403: ERRORS[403],
    404: OpenApiResponse(ErrorOutput, description="No such page."),
}


@extend_schema_field(OpenApiTypes.INT)
class IntegerFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class ComplaintFilter(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(choices=Complaint.Status.choices)
    district = django_filters.CharFilter(
        method="filter_district", help_text="District; aliases such as Bangalore work."
    )
    handler = IntegerFilter(field_name="handler_id", help_text="Handler (user id).")
    unassigned = django_filters.BooleanFilter(field_name="handler", lookup_expr="isnull")
    created_after = django_filters.DateFilter(field_name="created_at", lookup_expr="date__gte")
    created_before = django_filters.DateFilter(field_name="created_at", lookup_expr="date__lte")

    class Meta:
        model = Complaint
        fields = ["status", "district", "handler", "unassigned", "created_after", "created_before"]

    def filter_district(self, queryset, name, value):
        return queryset.filter(district__iexact=district_canonical(value))


def _detail_queryset(user):
    return access.complaints_visible_to(user=user).prefetch_related(
        Prefetch("transactions", queryset=Transaction.objects.order_by("position")),
        "events__actor",
    )


@extend_schema(tags=["complaints"])
class ComplaintListApi(generics.ListAPIView):
    """Complaints this user may see: admins all, attenders their own and the unassigned ones."""

    permission_classes = [IsStaffMember]
    serializer_class = ComplaintListOutput
    filterset_class = ComplaintFilter
    search_fields = [
        "ack_number",
        "name",
        "mobile",
        "citizen__phone",
        "district",
        "transactions__transaction_id",
        "transactions__account_number",
    ]
    ordering_fields = ["created_at", "updated_at", "ack_number", "status", "total_amount"]
    ordering = ["created_at", "id"]

    def get_queryset(self):
        return with_totals(access.complaints_visible_to(user=self.request.user))

    @extend_schema(responses={200: ComplaintListOutput(many=True), **LIST_ERRORS})
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


@extend_schema(tags=["complaints"])
class ComplaintDetailApi(generics.RetrieveAPIView):
    """One complaint with its transactions and history."""

    permission_classes = [IsStaffMember]
    serializer_class = ComplaintDetailOutput
    filter_backends: list = []
    pagination_class = None

    def get_queryset(self):
        return with_totals(_detail_queryset(self.request.user))

    @extend_schema(responses={200: ComplaintDetailOutput, **ERRORS})
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


@extend_schema(tags=["complaints"])
class ComplaintClaimApi(APIView):
    """Claim an unassigned complaint (attenders). Of two simultaneous claims exactly one wins; the other gets 409."""

    permission_classes = [IsStaffMember]

    @extend_schema(
        request=None,
        responses={
            200: ComplaintDetailOutput,
            **ERRORS,
            409: OpenApiResponse(ErrorOutput, description="Already claimed (by someone else or by you), or closed."),
        },
    )
    def post(self, request, pk: int):
        # The claim decides first: a colleague's earlier claim is a 409 naming them, not a 404 because the
        # complaint stopped being visible to this attender a moment ago.
        try:
            complaint_claim(complaint_id=pk, attender=request.user)
        except Complaint.DoesNotExist:
            raise exceptions.NotFound(_("No such complaint."))
        except ComplaintAlreadyClaimed as exc:
            return conflict(exc.message, code="already_claimed")
        except PermissionDenied:
            raise exceptions.PermissionDenied(_("Only attenders claim complaints; admins assign them in the admin."))
        complaint = with_totals(_detail_queryset(request.user)).get(pk=pk)
        return Response(ComplaintDetailOutput(complaint, context={"request": request}).data)


@extend_schema(tags=["complaints"])
class ComplaintStatusApi(APIView):
    """Change a complaint's status: pending → in_progress → resolved, or → rejected with a `reason`."""

    permission_classes = [IsStaffMember]
    audit_action = AuditEntry.Action.COMPLAINT_STATUS  # the citizen is told on WhatsApp

    @extend_schema(
        request=StatusInput,
        responses={
            200: ComplaintDetailOutput,
            400: OpenApiResponse(ErrorOutput, description="Illegal transition, unknown status or missing reason."),
            **ERRORS,
        },
    )
    def post(self, request, pk: int):
        audit_objects(request, complaint=pk)
        get_object_or_404(access.complaints_workable_by(user=request.user), pk=pk)
        data = StatusInput(data=request.data)
        data.is_valid(raise_exception=True)
        complaint_change_status(complaint_id=pk, by=request.user, **data.validated_data)
        complaint = with_totals(_detail_queryset(request.user)).get(pk=pk)
        return Response(ComplaintDetailOutput(complaint, context={"request": request}).data)


class PdfRenderer(renderers.BaseRenderer):
    """Lets clients ask for `Accept: application/pdf`; errors are still written as JSON."""

    media_type = "application/pdf"
    format = "pdf"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, bytes | bytearray):
            return data
        return json.dumps(data).encode()


@extend_schema(tags=["complaints"])
class ComplaintPdfApi(APIView):
    """The complaint's PDF (admins, and the attender who handles it; anyone else 404)."""

    permission_classes = [IsStaffMember]
    renderer_classes = [renderers.JSONRenderer, PdfRenderer]

    @extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY, **ERRORS})
    def get(self, request, pk: int):
        complaint = get_object_or_404(access.complaints_workable_by(user=request.user), pk=pk)
        return complaint_pdf_response(complaint)


@extend_schema(tags=["complaints"])
class AttenderListApi(generics.ListAPIView):
    """Active attenders with the number of open complaints each handles (admins only)."""

    permission_classes = [IsHelplineAdmin]
    serializer_class = AttenderOutput
    filter_backends = [filters.SearchFilter, filters.OrderingFilter]
    search_fields = ["username", "first_name", "last_name", "email"]
    ordering_fields = ["username", "open_complaints"]
    ordering = ["username"]

    def get_queryset(self):
        return attenders().annotate(
            open_complaints=Count("handled_complaints", filter=Q(handled_complaints__status__in=OPEN_STATUSES))
        )

    @extend_schema(responses={200: AttenderOutput(many=True), **LIST_ERRORS})
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)
