"""The banks' side of restitution: a partner key with the `refunds:manage` scope, bound to bank code(s), lists the
refund requests addressed to its banks, confirms a refund (amount, UTR, date; in parts if need be), declines one
with a reason, and reports a lien released on the order recorded on the case. Another bank's request answers 404.
Every write is audited by the audit middleware (partner writes), naming the objects. Thin views: one service each.
"""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, permissions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.audit import audit_objects
from accounts.auth import scope_required
from accounts.models import Scope
from fraudsafe.api_errors import ErrorOutput, conflict
from recovery.grievances import holds_evidence
from recovery.models import RefundRequest, RestitutionHold
from recovery.permissions import BanksOnly, bank_partner_of
from recovery.restitution_refunds import RestitutionConflict, hold_release, refund_confirm, refund_decline

RefundScopeRequired = scope_required(Scope.REFUNDS_MANAGE, staff=BanksOnly)


class IsBankPartnerWithRefundScope(permissions.BasePermission):
    message = _("This API key is not bound to a bank with the refund scope (refunds:manage).")

    def has_permission(self, request, view) -> bool:
        partner = bank_partner_of(request.user)
        return partner is not None and partner.key.has_scope(Scope.REFUNDS_MANAGE)


ERRORS = {
    401: OpenApiResponse(ErrorOutput, description="No API key, or a revoked one."),
    403: OpenApiResponse(ErrorOutput, description="The key is not bound to a bank with the refund scope."),
}
ONE_ERRORS = {
    **ERRORS,
    400: ErrorOutput,
    404: OpenApiResponse(ErrorOutput, description="No such request addressed to your bank."),
    409: OpenApiResponse(ErrorOutput, description="Answered already, or not allowed in the case's state."),
}


class RefundPaymentOutput(serializers.Serializer):
    amount = serializers.DecimalField(max_digits=14, decimal_places=2)
    utr = serializers.CharField()
    on_date = serializers.DateField()


class RefundRequestOutput(serializers.ModelSerializer):
    bank_code = serializers.CharField(source="bank.code")
    ack_number = serializers.CharField(source="case.complaint.ack_number")
    route = serializers.CharField(source="case.route")
    order = serializers.SerializerMethodField()
    holds = serializers.SerializerMethodField()
    payments = serializers.SerializerMethodField()

    class Meta:
        model = RefundRequest
        fields = ["id", "bank_code", "ack_number", "status", "amount", "refunded", "to_account", "to_bank", "route",
                  "order", "holds", "payments", "reason", "requested_at", "due_at", "answered_at"]  # fmt: skip

    def get_order(self, refund) -> dict | None:
        case = refund.case
        if not case.has_order:
            return None
        return {"number": case.order_number, "date": case.order_date.isoformat(),
                "amount": str(case.order_amount), "court": case.order_court}  # fmt: skip

    def get_holds(self, refund) -> list[dict]:
        holds = [h for h in refund.case.holds.all() if h.bank_id == refund.bank_id]
        evidence = holds_evidence([h.freeze_request for h in holds])  # weaker: linked only via another complaint
        return [
            {"freeze_request_id": h.freeze_request_id, "share": str(h.share), "lapses_at": h.lapses_at.isoformat(),
             "weaker_evidence": evidence[h.freeze_request_id].weaker}
            for h in holds
        ]  # fmt: skip

    def get_payments(self, refund) -> list[dict]:
        return RefundPaymentOutput([e for e in refund.events.all() if e.kind == "refunded"], many=True).data


class ConfirmInput(serializers.Serializer):
    amount = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=0)
    utr = serializers.CharField(max_length=64)
    on_date = serializers.DateField()


class DeclineInput(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class ReleaseInput(serializers.Serializer):
    order_number = serializers.CharField(max_length=80)


class RefundApi:
    permission_classes = [RefundScopeRequired, IsBankPartnerWithRefundScope]

    def partner(self):
        return bank_partner_of(self.request.user)

    def refunds_of_bank(self):
        return (
            RefundRequest.objects.filter(bank__in=self.partner().banks.all())
            .select_related("bank", "case__complaint")
            .prefetch_related("case__holds__freeze_request", "events")
            .order_by("requested_at", "pk")
        )

    def one(self, pk: int):
        return Response(RefundRequestOutput(get_object_or_404(self.refunds_of_bank(), pk=pk)).data)


@extend_schema(
    tags=["refund requests (banks)"],
    parameters=[OpenApiParameter("status", str, description="`open` (default), `all`, or one status.")],
)
class RefundRequestListApi(RefundApi, generics.ListAPIView):
    """Refund requests addressed to your bank(s), oldest first; open ones unless `?status=` says otherwise."""

    serializer_class = RefundRequestOutput
    filter_backends: list = []

    def get_queryset(self):
        wanted = self.request.query_params.get("status", "open")
        queryset = self.refunds_of_bank()
        if wanted == "open":
            return queryset.filter(status__in=RefundRequest.OPEN)
        if wanted in RefundRequest.Status.values:
            return queryset.filter(status=wanted)
        if wanted == "all":
            return queryset
        raise ValidationError({"status": "Use open, all, or one of: " + ", ".join(RefundRequest.Status.values)})

    @extend_schema(responses={200: RefundRequestOutput(many=True), 400: ErrorOutput, **ERRORS})
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


@extend_schema(tags=["refund requests (banks)"])
class RefundRequestDetailApi(RefundApi, APIView):
    """One refund request addressed to your bank."""

    @extend_schema(responses={200: RefundRequestOutput, **ONE_ERRORS})
    def get(self, request, pk: int):
        return self.one(pk)


@extend_schema(tags=["refund requests (banks)"])
class RefundConfirmApi(RefundApi, APIView):
    """You sent (part of) the money to the victim: amount, UTR, date. The same UTR again changes nothing."""

    @extend_schema(request=ConfirmInput, responses={200: RefundRequestOutput, **ONE_ERRORS})
    def post(self, request, pk: int):
        get_object_or_404(self.refunds_of_bank(), pk=pk)
        audit_objects(request, refund_request=pk)
        data = ConfirmInput(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            refund_confirm(refund_id=pk, partner=self.partner(), **data.validated_data)
        except RestitutionConflict as exc:
            return conflict(exc.message, code="already_answered")
        return self.one(pk)


@extend_schema(tags=["refund requests (banks)"])
class RefundDeclineApi(RefundApi, APIView):
    """You will not refund (the rest): give the reason."""

    @extend_schema(request=DeclineInput, responses={200: RefundRequestOutput, **ONE_ERRORS})
    def post(self, request, pk: int):
        get_object_or_404(self.refunds_of_bank(), pk=pk)
        audit_objects(request, refund_request=pk)
        data = DeclineInput(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            refund_decline(refund_id=pk, partner=self.partner(), reason=data.validated_data["reason"])
        except RestitutionConflict as exc:
            return conflict(exc.message, code="already_answered")
        return self.one(pk)


@extend_schema(tags=["refund requests (banks)"])
class HoldReleaseApi(RefundApi, APIView):
    """You lifted the lien of a freeze request on the order recorded on its case (give the order's number)."""

    @extend_schema(request=ReleaseInput, responses={200: OpenApiResponse(description="Released."), **ONE_ERRORS})
    def post(self, request, freeze_request_id: int):
        get_object_or_404(RestitutionHold.objects.filter(bank__in=self.partner().banks.all()),
                          freeze_request_id=freeze_request_id)  # fmt: skip
        audit_objects(request, freeze_request=freeze_request_id)
        data = ReleaseInput(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            hold = hold_release(freeze_request_id=freeze_request_id, partner=self.partner(), **data.validated_data)
        except RestitutionConflict as exc:
            return conflict(exc.message, code="no_order")
        return Response({"freeze_request_id": freeze_request_id, "released_at": hold.released_at.isoformat()})
