"""The banks' side of the wrongly frozen: a partner key with the `refunds:manage` scope, bound to bank code(s), files
an account holder's grievance against a hold at its bank, lists its banks' grievances (filed by it or recorded by
the helpline's staff) and reads the decisions: upheld (hold lifted, or reduced to the disputed amount: release
`release_amount`, keep `lien_after`) or rejected, with the reason. Another bank's grievance or hold answers 404.
Every write is audited by the audit middleware (partner writes), naming the objects. Thin views: one service each.
"""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.audit import audit_objects
from fraudsafe.api_errors import ErrorOutput, conflict
from recovery.grievances import GrievanceConflict, grievance_record, grievances_of_banks
from recovery.models import FreezeRequest, HoldGrievance
from recovery.permissions import bank_partner_of
from recovery.restitution_api import ERRORS, IsBankPartnerWithRefundScope, RefundScopeRequired

TAG = "hold grievances (banks)"


class GrievanceOutput(serializers.ModelSerializer):
    freeze_request_id = serializers.IntegerField()
    bank_code = serializers.CharField(source="bank.code")
    ack_number = serializers.CharField(source="freeze_request.ack_number")
    lien_after = serializers.DecimalField(
        max_digits=14, decimal_places=2, help_text="What stays held after the decision (the disputed amount)."
    )
    weaker_evidence = serializers.BooleanField(
        help_text="The account is linked to the complaint only through another complaint's fraudster identifier."
    )

    class Meta:
        model = HoldGrievance
        fields = ["id", "freeze_request_id", "bank_code", "ack_number", "status", "outcome", "channel",
                  "holder_name", "holder_contact", "statement", "evidence", "documents", "amount_held",
                  "release_amount", "lien_after", "weaker_evidence", "evidence_basis", "decision_reason",
                  "received_at", "due_at", "decided_at"]  # fmt: skip


class GrievanceInput(serializers.Serializer):
    freeze_request_id = serializers.IntegerField(help_text="The hold (freeze request on hold) at your bank.")
    holder_name = serializers.CharField(max_length=150)
    holder_contact = serializers.CharField(max_length=150, help_text="The account holder's phone or email.")
    statement = serializers.CharField(max_length=5000, help_text="Why the account holder says the hold is wrong.")
    evidence = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")
    documents = serializers.CharField(
        max_length=2000, required=False, allow_blank=True, default="",
        help_text="References of the documents given, one a line.",
    )  # fmt: skip


class GrievanceApi:
    permission_classes = [RefundScopeRequired, IsBankPartnerWithRefundScope]

    def partner(self):
        return bank_partner_of(self.request.user)

    def grievances(self):
        return grievances_of_banks(partner=self.partner())


@extend_schema(tags=[TAG])
class GrievanceListApi(GrievanceApi, generics.ListAPIView):
    """Grievances against holds at your bank(s), oldest first, with the helpline's decisions."""

    serializer_class = GrievanceOutput
    filter_backends: list = []

    def get_queryset(self):
        wanted = self.request.query_params.get("status", "all")
        if wanted == "all":
            return self.grievances()
        if wanted in HoldGrievance.Status.values:
            return self.grievances().filter(status=wanted)
        raise ValidationError({"status": "Use all, or one of: " + ", ".join(HoldGrievance.Status.values)})

    @extend_schema(
        parameters=[OpenApiParameter("status", str, description="`all` (default), `received`, `upheld`, `rejected`.")],
        responses={200: GrievanceOutput(many=True), 400: ErrorOutput, **ERRORS},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        request=GrievanceInput,
        responses={
            201: GrievanceOutput,
            400: ErrorOutput,
            404: OpenApiResponse(ErrorOutput, description="No such hold at your bank."),
            409: OpenApiResponse(ErrorOutput, description="Nothing held, or a grievance already waits on it."),
            **ERRORS,
        },
    )
    def post(self, request, *args, **kwargs):
        """File an account holder's grievance against a hold at your bank (on the holder's behalf)."""
        data = GrievanceInput(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        hold_id = fields.pop("freeze_request_id")
        get_object_or_404(FreezeRequest.objects.filter(bank__in=self.partner().banks.all()), pk=hold_id)
        audit_objects(request, freeze_request=hold_id)
        try:
            grievance = grievance_record(freeze_request_id=hold_id, partner=self.partner(), **fields)
        except GrievanceConflict as exc:
            return conflict(exc.message, code="not_allowed")
        audit_objects(request, hold_grievance=grievance.pk)
        return Response(GrievanceOutput(grievance).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=[TAG])
class GrievanceDetailApi(GrievanceApi, APIView):
    """One grievance against a hold at your bank, with the decision once made."""

    @extend_schema(
        responses={200: GrievanceOutput, 404: OpenApiResponse(ErrorOutput, description="Not your bank's."), **ERRORS}
    )
    def get(self, request, pk: int):
        return Response(GrievanceOutput(get_object_or_404(self.grievances(), pk=pk)).data)
