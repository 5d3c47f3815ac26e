"""Campaigns API (thin: validate, call one service, shape the answer). Old request/response fields kept."""

from datetime import UTC, datetime

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.audit import audit_objects
from accounts.auth import IsStaffMember, partner_key_of, scope_required
from accounts.models import AuditEntry, Scope
from campaigns import detection, ingest, legacy, selectors
from campaigns import serializers as s
from campaigns.features import WINDOW
from campaigns.ml.series import score_series, state_dump
from campaigns.models import Campaign
from fraudsafe.api_errors import ErrorOutput
from fraudsafe.masking import mask_phone
from fraudsafe.phones import phone_parse
from fraudsafe.tasking import task_enqueue

ERRORS = {
    400: OpenApiResponse(ErrorOutput, description="Invalid payload (the message says what is wrong)."),
    401: OpenApiResponse(ErrorOutput, description="No API key or session."),
    403: OpenApiResponse(ErrorOutput, description="Not allowed for this caller."),
}
TAGS = ["campaigns"]
NOT_FOUND = OpenApiResponse(ErrorOutput, description="No such campaign.")
PHONE_HELP = "E.164 (+91…) or a 10-digit Indian mobile number."


def _valid(serializer_class, request):
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


class DetectApi(APIView):
    """Score current-hour metrics; opens or updates a campaign when they are one."""

    permission_classes = [scope_required(Scope.CAMPAIGNS_MANAGE)]

    @extend_schema(tags=TAGS, request=s.DetectInput, responses={200: s.DetectOutput, **ERRORS})
    def post(self, request):
        data = _valid(s.DetectInput, request)
        result = legacy.campaign_detect_metrics(metrics=data["metrics"])
        audit_objects(request, campaign=result["campaign_id"])
        return Response(result)


class VulnerableUsersApi(APIView):
    """Score the given users' vulnerability (nothing is stored)."""

    permission_classes = [scope_required(Scope.CAMPAIGNS_SCORE)]

    @extend_schema(tags=TAGS, request=s.VulnerableUsersInput, responses={200: s.VulnerableUsersOutput, **ERRORS})
    def post(self, request):
        data = _valid(s.VulnerableUsersInput, request)
        return Response(legacy.vulnerable_users_identify(users=data["users"]))


class ProcessAlertApi(APIView):
    """Detect, then warn the vulnerable, opted-in users and put them under stricter verification.

    Partners: at most the key's audience size of users per call."""

    permission_classes = [scope_required(Scope.CAMPAIGNS_MANAGE)]
    audit_action = AuditEntry.Action.CAMPAIGN_WARN

    @extend_schema(
        tags=TAGS,
        request=s.ProcessAlertInput,
        responses={200: s.ProcessAlertOutput, **ERRORS, 429: OpenApiResponse(ErrorOutput, description="Limits.")},
    )
    def post(self, request):
        data = _valid(s.ProcessAlertInput, request)
        users = data["users"] or None
        result = legacy.campaign_process_alert(
            metrics=data["metrics"], users=users, partner_key=partner_key_of(request.user)
        )
        audit_objects(request, campaign=result["campaign_id"])
        return Response(result)


class StatisticsApi(APIView):
    permission_classes = [scope_required(Scope.CAMPAIGNS_READ)]

    @extend_schema(tags=TAGS, responses={200: s.StatisticsOutput, **ERRORS})
    def get(self, request):
        return Response(selectors.campaign_statistics())


class ActiveCampaignsApi(generics.ListAPIView):
    permission_classes = [scope_required(Scope.CAMPAIGNS_READ)]
    serializer_class = s.CampaignOutput
    filter_backends: list = []

    def get_queryset(self):
        return selectors.active_campaigns()

    @extend_schema(tags=TAGS)
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class DeactivateApi(APIView):
    permission_classes = [IsStaffMember]

    @extend_schema(
        tags=TAGS,
        request=None,
        responses={200: s.CampaignOutput, 404: NOT_FOUND, **ERRORS},
    )
    def post(self, request, pk: int):
        if pk > 2**31 - 1:  # beyond any id: answer 404, not a database overflow
            raise Http404
        get_object_or_404(Campaign, pk=pk)
        campaign = detection.campaign_deactivate(campaign_id=pk, by=request.user)
        return Response(s.CampaignOutput(campaign).data)


class SignalsApi(APIView):
    permission_classes = [scope_required(Scope.SIGNALS_WRITE)]

    @extend_schema(tags=TAGS, request=s.SignalsInput, responses={200: s.CountOutput, **ERRORS})
    def post(self, request):
        data = _valid(s.SignalsInput, request)
        accepted = ingest.volume_samples_ingest(samples=data["samples"])
        task_enqueue("campaigns.tasks.campaigns_detect_task", on_commit=True)
        return Response({"accepted": accepted, "detection_queued": True})


class BehaviourApi(APIView):
    permission_classes = [scope_required(Scope.BEHAVIOUR_WRITE)]

    @extend_schema(tags=TAGS, request=s.BehaviourInput, responses={200: s.CountOutput, **ERRORS})
    def post(self, request):
        data = _valid(s.BehaviourInput, request)
        return Response({"accepted": ingest.behaviour_upsert(profiles=data["profiles"])})


class ScoreSeriesApi(APIView):
    """A score for every bucket of a series, against the series' own history (level, daily and weekly
    seasonality). Long series: send pages in order, each with the `state` of the previous answer."""

    permission_classes = [scope_required(Scope.CAMPAIGNS_SCORE)]

    @extend_schema(tags=TAGS, request=s.ScoreSeriesInput, responses={200: s.ScoreSeriesOutput, **ERRORS})
    def post(self, request):
        data = _valid(s.ScoreSeriesInput, request)
        bucket_minutes = data.get("bucket_minutes")
        scored = score_series(
            data["values"],
            data.get("seconds"),
            carried=data.get("carried"),
            step_seconds=bucket_minutes * 60 if bucket_minutes else None,
        )
        t = selectors.thresholds()
        flagged = t.flagged_indexes(scored.scores, data["values"])
        stamps = data.get("seconds")
        return Response(
            {
                "scores": [round(float(v), 9) for v in scored.scores],
                "flagged": flagged,
                "flagged_at": [datetime.fromtimestamp(stamps[i], tz=UTC).isoformat() for i in flagged if stamps],
                "threshold": t.campaign_anomaly,
                "min_volume": t.min_volume,
                "rule": selectors.FLAG_RULE,
                "window": WINDOW,
                "bucket_minutes": scored.carried.step_seconds / 60,
                "channel": data["channel"],
                "scorer": scored.scorer,
                "state": state_dump(scored.carried),
            }
        )


class VerificationApi(APIView):
    permission_classes = [scope_required(Scope.VERIFICATION_READ)]

    @extend_schema(
        tags=TAGS,
        parameters=[OpenApiParameter("phone", OpenApiTypes.STR, OpenApiParameter.PATH, description=PHONE_HELP)],
        responses={200: s.VerificationOutput, **ERRORS},
    )
    def get(self, request, phone: str):
        number = phone_parse(phone)
        if number is None:
            raise serializers.ValidationError({"phone": [_("Enter a valid phone number.")]})
        level = selectors.verification_level_for_phone(phone=number.as_e164)
        return Response({"phone": mask_phone(number.as_e164), **level})
