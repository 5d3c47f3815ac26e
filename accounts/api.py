from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.auth import is_partner


class MeOutput(serializers.Serializer):
    kind = serializers.ChoiceField(["partner", "staff"])
    name = serializers.CharField()
    role = serializers.CharField()


class MeApi(APIView):
    """Who the caller is: lets a partner check its key, or staff their session."""

    @extend_schema(responses=MeOutput)
    def get(self, request):
        user = request.user
        if is_partner(user):
            body = {"kind": "partner", "name": user.key.partner, "role": "partner"}
        else:
            body = {"kind": "staff", "name": user.get_username(), "role": user.role}
        return Response(MeOutput(body).data)
