"""The banks' side of the money trail (partner keys bound to bank codes, with the freeze scope).

A bank lists the requests addressed to it (open ones by default), acknowledges them, and reports the outcome;
it may register an HTTPS callback URL to be pushed new requests. A request of another bank answers 404.
Thin views: one service each.
"""

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics
from rest_framework.response import Response
from rest_framework.views import APIView

from fraudsafe.api_errors import ErrorOutput, conflict
from recovery import selectors
from recovery.models import FreezeRequest
from recovery.permissions import FreezeScopeRequired, IsBankPartnerWithFreezeScope, bank_partner_of
from recovery.serializers import (
    AcknowledgeInput,
    CallbackSettingsInput,
    CallbackSettingsOutput,
    FreezeAnswerOutput,
    FreezeRequestOutput,
    OutcomeInput,
)
from recovery.services import (
    FreezeConflict,
    MovedOn,
    bank_partner_set_callback,
    freeze_request_acknowledge,
    freeze_request_answer,
)

ERRORS = {
    401: OpenApiResponse(ErrorOutput, description="No API key, or a revoked one."),
    403: OpenApiResponse(ErrorOutput, description="The key is not bound to a bank with the freeze scope."),
}
ONE_ERRORS = {
    **ERRORS,
    404: OpenApiResponse(ErrorOutput, description="No such request addressed to your bank."),
    409: OpenApiResponse(ErrorOutput, description="The request is already answered or cancelled."),
}


class BankApi:
    permission_classes = [FreezeScopeRequired, IsBankPartnerWithFreezeScope]

    def partner(self):
        return bank_partner_of(self.request.user)

    def requests_of_bank(self) -> QuerySet[FreezeRequest]:
        return selectors.freeze_requests_for_partner(partner=self.partner())


@extend_schema(
    tags=["freeze requests (banks)"],
    parameters=[
        OpenApiParameter(
            "status",
            str,
            description="`open` (default: sent or acknowledged), `all`, or one status, e.g. `on_hold`.",
        )
    ],
)
class FreezeRequestListApi(BankApi, generics.ListAPIView):
    """Freeze requests addressed to your bank(s), oldest first; open ones unless `?status=` says otherwise."""

    serializer_class = FreezeRequestOutput
    filter_backends: list = []

    def get_queryset(self):
        wanted = self.request.query_params.get("status", "open")
        queryset = self.requests_of_bank()
        if wanted == "open":
            return queryset.filter(status__in=FreezeRequest.OPEN)
        if wanted in FreezeRequest.Status.values:
            return queryset.filter(status=wanted)
        if wanted == "all":
            return queryset
        raise ValidationError({"status": "Use open, all, or one of: " + ", ".join(FreezeRequest.Status.values)})

    @extend_schema(responses={200: FreezeRequestOutput(many=True), 400: ErrorOutput, **ERRORS})
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


@extend_schema(tags=["freeze requests (banks)"])
class FreezeRequestDetailApi(BankApi, APIView):
    """One freeze request addressed to your bank."""

    @extend_schema(responses={200: FreezeRequestOutput, **ONE_ERRORS})
    def get(self, request, pk: int):
        return Response(FreezeRequestOutput(get_object_or_404(self.requests_of_bank(), pk=pk)).data)


@extend_schema(tags=["freeze requests (banks)"])
class FreezeRequestAcknowledgeApi(BankApi, APIView):
    """You have seen the request and are acting on it (sent → acknowledged; again changes nothing)."""

    @extend_schema(request=AcknowledgeInput, responses={200: FreezeRequestOutput, 400: ErrorOutput, **ONE_ERRORS})
    def post(self, request, pk: int):
        get_object_or_404(self.requests_of_bank(), pk=pk)
        data = AcknowledgeInput(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            done = freeze_request_acknowledge(request_id=pk, partner=self.partner(), **data.validated_data)
        except FreezeConflict as exc:
            return conflict(exc.message, code="already_answered")
        return Response(FreezeRequestOutput(selectors.freeze_request_detail(done.pk)).data)


@extend_schema(tags=["freeze requests (banks)"])
class FreezeRequestOutcomeApi(BankApi, APIView):
    """The outcome: `on_hold` (amount_held), `moved_on` (where the money went next: opens requests to those
    banks), `not_found`, or `rejected` (reason)."""

    @extend_schema(request=OutcomeInput, responses={200: FreezeAnswerOutput, 400: ErrorOutput, **ONE_ERRORS})
    def post(self, request, pk: int):
        get_object_or_404(self.requests_of_bank(), pk=pk)
        data = OutcomeInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        try:
            done, children, unrouted = freeze_request_answer(
                request_id=pk,
                partner=self.partner(),
                outcome=values["outcome"],
                amount_held=values["amount_held"],
                moved_on=[
                    MovedOn(
                        beneficiary=entry["beneficiary"],
                        amount=entry["amount"],
                        moved_at=entry["moved_at"],
                        transaction_ref=entry["transaction_ref"],
                    )
                    for entry in values["moved_on"]
                ],
                reason=values["reason"],
                bank_reference=values["bank_reference"],
            )
        except FreezeConflict as exc:
            return conflict(exc.message, code="already_answered")
        body = {
            "request": selectors.freeze_request_detail(done.pk),
            "next_layer": [selectors.freeze_request_detail(child.pk) for child in children],
            "not_routed": [entry.beneficiary.display for entry in unrouted],
        }
        return Response(FreezeAnswerOutput(body).data)


@extend_schema(tags=["freeze requests (banks)"])
class CallbackSettingsApi(BankApi, APIView):
    """Your callback: new freeze requests are POSTed there as JSON, signed (X-FraudSafe-Signature)."""

    def _body(self, partner):
        return CallbackSettingsOutput(
            {
                "url": partner.callback_url,
                "signing_secret": partner.callback_secret,
                "bank_codes": sorted(bank.code for bank in partner.banks.all()),
            }
        ).data

    @extend_schema(responses={200: CallbackSettingsOutput, **ERRORS})
    def get(self, request):
        return Response(self._body(self.partner()))

    @extend_schema(request=CallbackSettingsInput, responses={200: CallbackSettingsOutput, 400: ErrorOutput, **ERRORS})
    def put(self, request):
        data = CallbackSettingsInput(data=request.data)
        data.is_valid(raise_exception=True)
        partner = bank_partner_set_callback(partner=self.partner(), url=data.validated_data["url"])
        return Response(self._body(partner))
