"""The rights API: a partner's bot (holding `privacy:requests`) passes on a citizen's request made on its channel.

The partner vouches for the identity (the number the citizen wrote from, on its channel) and delivers the answer on
that same channel: the returned `message`, and for a copy the links to the PDF and the JSON."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.audit import audit_objects
from accounts.auth import scope_required
from accounts.models import Scope
from accounts.services import citizen_upsert
from fraudsafe.api_errors import ErrorOutput
from fraudsafe.phones import phone_parse
from fraudsafe.vocabulary import MessageChannel
from privacy import services
from privacy.models import DataRequest
from privacy.receivers import request_answer


class DataRequestInput(serializers.Serializer):
    phone = serializers.CharField(help_text=_("The number the citizen wrote from, in E.164."))
    kind = serializers.ChoiceField(DataRequest.Kind.choices)
    channel = serializers.ChoiceField([MessageChannel.WHATSAPP, MessageChannel.SMS])
    language = serializers.ChoiceField([code for code, _name in DataRequest._meta.get_field("language").choices],
                                       required=False)  # fmt: skip

    def validate_phone(self, value):
        parsed = phone_parse(value)
        if parsed is None:
            raise serializers.ValidationError(_("Not a valid phone number."))
        return parsed


class DataRequestOutput(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    status = serializers.CharField()
    due_at = serializers.DateTimeField()
    held = serializers.ListField(child=serializers.DictField(), help_text=_("What erasure keeps, and why."))
    message = serializers.CharField(help_text=_("What to tell the citizen, in their language, on their channel."))
    copy_urls = serializers.ListField(child=serializers.URLField(), help_text=_("A copy: the PDF and the JSON."))


@extend_schema(tags=["privacy"])
class DataRequestCreateApi(APIView):
    permission_classes = [scope_required(Scope.PRIVACY_REQUESTS)]

    @extend_schema(request=DataRequestInput, responses={201: DataRequestOutput, 400: ErrorOutput, 403: ErrorOutput})
    def post(self, request):
        """Pass on a citizen's request for a copy, the correction or the erasure of their data (DPDP Act s. 11–13)."""
        data = DataRequestInput(data=request.data)
        data.is_valid(raise_exception=True)
        citizen = citizen_upsert(phone=data.validated_data["phone"])
        language = data.validated_data.get("language") or citizen.language
        data_request = services.request_open(citizen=citizen, kind=data.validated_data["kind"],
                                             channel=data.validated_data["channel"], language=language)  # fmt: skip
        answer = request_answer(data_request)
        data_request.refresh_from_db()
        audit_objects(request, data_request=data_request.pk)
        body = {"id": data_request.pk, "kind": data_request.kind, "status": data_request.status,
                "due_at": data_request.due_at, "held": data_request.held, "message": answer.body,
                "copy_urls": answer.media_urls}  # fmt: skip
        return Response(DataRequestOutput(body).data, status=status.HTTP_201_CREATED)
