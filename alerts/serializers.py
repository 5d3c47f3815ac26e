"""Request and response shapes of the alerts API (no logic: services do the work)."""

from django.conf import settings
from phonenumber_field.serializerfields import PhoneNumberField
from rest_framework import serializers

from alerts.audience import TYPES
from alerts.models import Alert, Delivery
from fraudsafe.masking import mask_text, sees_personal_data, shown
from fraudsafe.vocabulary import MessageChannel


class AudienceSerializer(serializers.Serializer):
    type = serializers.ChoiceField(TYPES)
    district = serializers.CharField(required=False, max_length=50)
    area = serializers.CharField(required=False, max_length=100, allow_blank=True)
    citizen_ids = serializers.ListField(child=serializers.IntegerField(min_value=1), required=False, max_length=100_000)
    emails = serializers.ListField(child=serializers.EmailField(), required=False, max_length=100)


class AlertCreateInput(serializers.Serializer):
    kind = serializers.ChoiceField(Alert.Kind.choices)
    audience = AudienceSerializer()
    template_key = serializers.SlugField(max_length=50)
    channels = serializers.ListField(child=serializers.ChoiceField(MessageChannel.choices), min_length=1, max_length=3)
    send_at = serializers.DateTimeField(required=False, allow_null=True)
    context = serializers.DictField(child=serializers.CharField(max_length=500, allow_blank=True), required=False)
    critical = serializers.BooleanField(required=False, default=False)
    campaign_ref = serializers.CharField(required=False, max_length=64, allow_blank=True, default="")


class OutcomeCounts(serializers.Serializer):
    pending = serializers.IntegerField()
    sent = serializers.IntegerField()
    delivered = serializers.IntegerField()
    failed = serializers.IntegerField()
    skipped = serializers.IntegerField()
    total = serializers.IntegerField()


class AlertOutput(serializers.ModelSerializer):
    audience = AudienceSerializer()
    channels = serializers.ListField(child=serializers.ChoiceField(MessageChannel.choices))
    context = serializers.DictField()
    counts = OutcomeCounts()
    skip_reasons = serializers.DictField(child=serializers.IntegerField())

    class Meta:
        model = Alert
        fields = [
            "id",
            "kind",
            "status",
            "audience",
            "template_key",
            "channels",
            "context",
            "send_at",
            "critical",
            "campaign_ref",
            "created_at",
            "started_at",
            "finished_at",
            "counts",
            "skip_reasons",
        ]


class DeliveryOutput(serializers.ModelSerializer):
    recipient = serializers.SerializerMethodField()

    class Meta:
        model = Delivery
        fields = [
            "id",
            "citizen",
            "channel",
            "recipient",
            "status",
            "skip_reason",
            "attempts",
            "provider_id",
            "error_code",
            "error",
            "created_at",
            "not_before",
            "sent_at",
            "delivered_at",
        ]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        viewer = getattr(self.context.get("request"), "user", None)
        if data.get("error") and not sees_personal_data(viewer):
            data["error"] = mask_text(data["error"])  # a provider's error can quote the number
        return data

    def get_recipient(self, obj) -> str:
        viewer = getattr(self.context.get("request"), "user", None)
        if obj.citizen_id is None:
            return shown(obj.to, kind="email", viewer=viewer)
        if obj.channel == MessageChannel.EMAIL:
            return shown(obj.citizen.email, kind="email", viewer=viewer)
        return shown(obj.citizen.phone, kind="phone", viewer=viewer)


class ConsentInput(serializers.Serializer):
    phone = PhoneNumberField(max_length=32)
    channel = serializers.ChoiceField(MessageChannel.choices)
    granted = serializers.BooleanField()
    evidence = serializers.CharField(
        max_length=2000,
        allow_blank=True,
        required=False,
        default="",
        help_text="What the citizen agreed to, when and where. Required for partner keys.",
    )


class ConsentEventOutput(serializers.Serializer):
    channel = serializers.CharField()
    action = serializers.CharField()
    source = serializers.CharField(
        help_text="Staff: the exact source. Partners: citizen, helpline, partner or import (nothing more)."
    )
    recorded_by = serializers.CharField(help_text="Staff only: the user or partner key; empty for partners.")
    created_at = serializers.DateTimeField()


class ConsentStateOutput(serializers.Serializer):
    email = serializers.BooleanField()
    sms = serializers.BooleanField()
    whatsapp = serializers.BooleanField()


class ConsentOutput(serializers.Serializer):
    phone = serializers.CharField()
    consent = ConsentStateOutput()
    history = ConsentEventOutput(many=True)


# --- the earlier service's contracts -----------------------------------------------------------------------------


class LegacyAlertSendInput(serializers.Serializer):
    alert_type = serializers.ChoiceField(["general", "location"])
    target = serializers.CharField(
        max_length=50, required=False, allow_blank=True, default="all", help_text='"all", or a district name.'
    )


class LegacyDemoInput(serializers.Serializer):
    emails = serializers.ListField(
        child=serializers.EmailField(), min_length=1, max_length=settings.ALERTS_DEMO_MAX_EMAILS
    )


class LegacyLocationInput(serializers.Serializer):
    district = serializers.CharField(max_length=50)
    area = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")


class LegacyAlertOutput(serializers.Serializer):
    success = serializers.BooleanField()
    alert_id = serializers.IntegerField()
    status = serializers.CharField()
    message = serializers.CharField()


class CitizenLocationQuery(serializers.Serializer):
    district = serializers.CharField(max_length=50, required=False, allow_blank=True, default="")
    area = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")


class CitizenLocationOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    phone = serializers.CharField()
    email = serializers.CharField()
    district = serializers.CharField()
    area = serializers.CharField()
    pin_code = serializers.CharField()
