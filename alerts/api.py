"""Alerts API for partners and staff (thin: one service or selector per endpoint)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.audit import audit_objects
from accounts.auth import IsHelplineAdmin, partner_key_of, scope_required
from accounts.models import AuditEntry, ConsentEvent, Scope
from accounts.selectors import citizen_with_consent_history, consent_history, consent_state
from accounts.services import citizen_upsert, consent_record
from alerts import serializers as s
from alerts.audience import Audience
from alerts.models import Alert
from alerts.selectors import (
    alert_deliveries,
    alert_outcome_counts,
    alert_skip_reasons,
    alerts_visible_to,
    citizens_in_location,
)
from alerts.services import alert_cancel, alert_create
from fraudsafe.api_errors import ErrorOutput, conflict, error_body
from fraudsafe.masking import shown
from fraudsafe.phones import phone_parse

ERRORS = {
    400: OpenApiResponse(ErrorOutput, description="Invalid input."),
    401: OpenApiResponse(ErrorOutput, description="No API key or session."),
    403: OpenApiResponse(ErrorOutput, description="Not allowed for this caller (the message says why)."),
}
SENDING_ERRORS = {**ERRORS, 429: OpenApiResponse(ErrorOutput, description="Rate limit or daily quota used up.")}
NOT_FOUND = {404: OpenApiResponse(ErrorOutput, description="No such alert (a partner sees its own alerts only).")}


def alert_body(alert: Alert) -> dict:
    alert.counts = alert_outcome_counts(alert=alert)
    alert.skip_reasons = alert_skip_reasons(alert=alert)
    return s.AlertOutput(alert).data


@extend_schema(tags=["alerts"])
class AlertCreateApi(APIView):
    """Create an alert: sent at once (send_at empty or past) or scheduled; fan-out runs in the background.

    Partners: no audience `everyone`, no critical or demo alerts, at most the key's audience size."""

    permission_classes = [scope_required(Scope.ALERTS_SEND)]
    audit_action = AuditEntry.Action.ALERT_SEND

    @extend_schema(request=s.AlertCreateInput, responses={201: s.AlertOutput, **SENDING_ERRORS})
    def post(self, request):
        data = s.AlertCreateInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        key = partner_key_of(request.user)  # a partner's demo alert is refused (403) by the partner limits
        if values["kind"] == Alert.Kind.DEMO and key is None and not request.user.is_helpline_admin:
            raise ValidationError({"kind": [_("Only helpline admins may send demo alerts.")]})
        alert = alert_create(
            kind=values["kind"],
            audience=dict(values["audience"]),
            template_key=values["template_key"],
            channels=list(values["channels"]),
            send_at=values.get("send_at"),
            context=dict(values.get("context") or {}),
            critical=values.get("critical", False),
            created_by=request.user,
            campaign_ref=values.get("campaign_ref", ""),
            partner_key=key,
        )
        audit_objects(request, alert=alert.pk)
        return Response(alert_body(alert), status=status.HTTP_201_CREATED)


def _visible_alert(request, pk: int) -> Alert:
    return get_object_or_404(alerts_visible_to(viewer=request.user, partner_key=partner_key_of(request.user)), pk=pk)


@extend_schema(tags=["alerts"])
class AlertDetailApi(APIView):
    permission_classes = [scope_required(Scope.ALERTS_SEND)]

    @extend_schema(responses={200: s.AlertOutput, **ERRORS, **NOT_FOUND})
    def get(self, request, pk: int):
        """Status of one alert and its deliveries counted by outcome."""
        return Response(alert_body(_visible_alert(request, pk)))


@extend_schema(tags=["alerts"])
class AlertCancelApi(APIView):
    permission_classes = [scope_required(Scope.ALERTS_SEND)]
    audit_action = AuditEntry.Action.ALERT_CANCEL

    @extend_schema(
        request=None,
        responses={
            200: s.AlertOutput,
            **ERRORS,
            **NOT_FOUND,
            409: OpenApiResponse(ErrorOutput, description="Already done or cancelled."),
        },
    )
    def post(self, request, pk: int):
        """Cancel a scheduled or sending alert: deliveries not yet sent are skipped."""
        audit_objects(request, alert=pk)
        alert = _visible_alert(request, pk)
        try:
            alert = alert_cancel(alert=alert, cancelled_by=request.user)
        except ValidationError as exc:
            return conflict(exc.messages[0], code="not_cancellable")
        return Response(alert_body(alert))


@extend_schema(tags=["alerts"], responses={200: s.DeliveryOutput(many=True), **ERRORS, **NOT_FOUND})
class AlertDeliveriesApi(generics.ListAPIView):
    """Every delivery of one alert with its outcome (recipients masked unless the caller is staff)."""

    permission_classes = [scope_required(Scope.ALERTS_SEND)]
    serializer_class = s.DeliveryOutput
    filter_backends: list = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Alert.objects.none()
        return alert_deliveries(alert=_visible_alert(self.request, self.kwargs["pk"]))


# --- consent -----------------------------------------------------------------------------------------------------


def _consent_body(citizen, viewer) -> dict:
    return s.ConsentOutput(
        {
            "phone": shown(citizen.phone, kind="phone", viewer=viewer),
            "consent": consent_state(citizen=citizen),
            "history": consent_history(citizen=citizen, viewer=viewer),
        }
    ).data


@extend_schema(tags=["consent"])
class ConsentRecordApi(APIView):
    permission_classes = [scope_required(Scope.CONSENT_WRITE)]
    audit_action = AuditEntry.Action.CONSENT_CHANGE

    @extend_schema(request=s.ConsentInput, responses={201: s.ConsentOutput, **ERRORS})
    def post(self, request):
        """Record a citizen's grant or withdrawal on one channel, with its evidence (e.g. the opt-in text).

        Partners must give the evidence; the event is attributed to their key."""
        data = s.ConsentInput(data=request.data)
        data.is_valid(raise_exception=True)
        key = partner_key_of(request.user)
        evidence = data.validated_data["evidence"]
        with transaction.atomic():  # a refused partner record leaves no new citizen behind
            citizen = citizen_upsert(phone=data.validated_data["phone"])
            event = consent_record(
                citizen=citizen,
                channel=data.validated_data["channel"],
                granted=data.validated_data["granted"],
                source=ConsentEvent.Source.API,
                evidence=evidence if key is not None else (evidence or f"API: {request.user}"),
                recorded_by=request.user,
                partner_key=key,
            )
        audit_objects(request, citizen=citizen.pk, consent_event=event.pk)
        return Response(_consent_body(citizen, request.user), status=status.HTTP_201_CREATED)


@extend_schema(tags=["consent"])
class ConsentDetailApi(APIView):
    permission_classes = [scope_required(Scope.CONSENT_READ)]

    @extend_schema(
        responses={200: s.ConsentOutput, **ERRORS, 404: OpenApiResponse(ErrorOutput, description="Unknown.")}
    )
    def get(self, request, phone: str):
        """A citizen's current consent per channel and recent history."""
        parsed = phone_parse(phone)
        citizen = citizen_with_consent_history(phone=parsed, viewer=request.user) if parsed else None
        if citizen is None:
            return Response(error_body("not_found", _("No citizen with this phone.")), status=status.HTTP_404_NOT_FOUND)
        return Response(_consent_body(citizen, request.user))


# --- the earlier service's contracts -----------------------------------------------------------------------------


def _legacy(alert: Alert, message: str) -> Response:
    body = {"success": True, "alert_id": alert.pk, "status": alert.status, "message": message}
    return Response(s.LegacyAlertOutput(body).data, status=status.HTTP_202_ACCEPTED)


@extend_schema(tags=["alerts (legacy)"])
class LegacyAlertSendApi(APIView):
    permission_classes = [scope_required(Scope.ALERTS_SEND)]
    audit_action = AuditEntry.Action.ALERT_SEND

    @extend_schema(request=s.LegacyAlertSendInput, responses={202: s.LegacyAlertOutput, **SENDING_ERRORS})
    def post(self, request):
        """Earlier contract: a general alert to every subscriber (target "all") or a location alert to a district.

        A general alert goes to everyone, so it is for helpline staff only (partners get 403)."""
        data = s.LegacyAlertSendInput(data=request.data)
        data.is_valid(raise_exception=True)
        target = (data.validated_data["target"] or "all").strip()
        if data.validated_data["alert_type"] == "location" and target.lower() != "all":
            kind, audience, key = Alert.Kind.LOCATION, Audience.location(target), "location"
            context = {"district": target}
        else:
            kind, audience, key, context = Alert.Kind.GENERAL, Audience.everyone(), "general", {}
        alert = alert_create(
            kind=kind,
            audience=audience,
            template_key=key,
            channels=list(settings.ALERTS_DEFAULT_CHANNELS),
            context=context,
            created_by=request.user,
            partner_key=partner_key_of(request.user),
        )
        audit_objects(request, alert=alert.pk)
        return _legacy(alert, _("Alert queued."))


@extend_schema(tags=["alerts (legacy)"])
class LegacyDemoAlertApi(APIView):
    permission_classes = [IsHelplineAdmin]
    audit_action = AuditEntry.Action.ALERT_SEND

    @extend_schema(request=s.LegacyDemoInput, responses={202: s.LegacyAlertOutput, **ERRORS})
    def post(self, request):
        """Earlier contract: a demo general alert by email to the given addresses (helpline admins only)."""
        data = s.LegacyDemoInput(data=request.data)
        data.is_valid(raise_exception=True)
        alert = alert_create(
            kind=Alert.Kind.DEMO,
            audience=Audience.of_emails(data.validated_data["emails"]),
            template_key="general",
            channels=["email"],
            created_by=request.user,
        )
        audit_objects(request, alert=alert.pk)
        return _legacy(alert, _("Demo alert queued."))


@extend_schema(tags=["alerts (legacy)"])
class LegacyLocationAlertApi(APIView):
    permission_classes = [scope_required(Scope.ALERTS_SEND)]
    audit_action = AuditEntry.Action.ALERT_SEND

    @extend_schema(request=s.LegacyLocationInput, responses={202: s.LegacyAlertOutput, **SENDING_ERRORS})
    def post(self, request):
        """Earlier contract: a location alert to the subscribers of a district (and optionally an area)."""
        data = s.LegacyLocationInput(data=request.data)
        data.is_valid(raise_exception=True)
        district, area = data.validated_data["district"].strip(), data.validated_data["area"].strip()
        audience = Audience.location(district, area or None)
        alert = alert_create(
            kind=Alert.Kind.LOCATION,
            audience=audience,
            template_key="location",
            channels=list(settings.ALERTS_DEFAULT_CHANNELS),
            context={"district": district, "area": area},
            created_by=request.user,
            partner_key=partner_key_of(request.user),
        )
        audit_objects(request, alert=alert.pk)
        return _legacy(alert, _("Location alert queued."))


@extend_schema(
    tags=["alerts (legacy)"],
    parameters=[
        OpenApiParameter("district", OpenApiTypes.STR, required=False),
        OpenApiParameter("area", OpenApiTypes.STR, required=False),
    ],
    responses={
        200: s.CitizenLocationOutput(many=True),
        **ERRORS,
        404: OpenApiResponse(ErrorOutput, description="No such page."),
    },
)
class LegacyCitizensByLocationApi(generics.ListAPIView):
    """Earlier contract: citizens of a district / area. No Aadhaar. Partners get the same shape with names, areas,
    PIN codes, phones and emails masked."""

    permission_classes = [scope_required(Scope.CITIZENS_READ)]
    serializer_class = s.CitizenLocationOutput
    filter_backends: list = []

    def get_queryset(self):
        query = s.CitizenLocationQuery(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        return citizens_in_location(
            district=query.validated_data["district"].strip(), area=query.validated_data["area"].strip()
        )

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        rows = [
            {
                "id": c.pk,
                "name": shown(c.name, kind="name", viewer=request.user),
                "phone": shown(c.phone, kind="phone", viewer=request.user),
                "email": shown(c.email, kind="email", viewer=request.user),
                "district": c.district,
                "area": shown(c.area, kind="place", viewer=request.user),
                "pin_code": shown(c.pin_code, kind="pin", viewer=request.user),
            }
            for c in page
        ]
        return self.get_paginated_response(s.CitizenLocationOutput(rows, many=True).data)
