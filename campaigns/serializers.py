"""Input validation and output shapes of the campaigns API (every bad input is a 400 with a clear message)."""

import math

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers

from campaigns import features
from campaigns.channels import SignalChannel
from campaigns.legacy import METRIC_VOLUME_FIELDS
from campaigns.models import Campaign
from fraudsafe.phones import E164PhoneField

MAX_COUNT = 1_000_000_000


class FiniteFloatField(serializers.FloatField):
    """A float that must be a finite number (NaN and ±infinity are refused)."""

    default_error_messages = {"not_finite": gettext_lazy("Must be a finite number (not NaN or infinity).")}

    def to_internal_value(self, data):
        if isinstance(data, bool):
            self.fail("invalid")
        try:
            value = super().to_internal_value(data)
        except OverflowError:  # an integer too big for a float
            self.fail("not_finite")
        if not math.isfinite(value):
            self.fail("not_finite")
        return value


class StrictIntegerField(serializers.IntegerField):
    def to_internal_value(self, data):
        if isinstance(data, bool):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictBooleanField(serializers.BooleanField):
    """true/false or 0/1 only."""

    TRUE_VALUES = {True, "true", "True", "1"}  # True == 1, so 1 is in too
    FALSE_VALUES = {False, "false", "False", "0"}


def _count(help_text: str, **kwargs):
    return StrictIntegerField(min_value=0, max_value=MAX_COUNT, required=False, help_text=help_text, **kwargs)


def _behaviour_fields() -> dict:
    fields = {}
    for feature in features.BEHAVIOUR_FEATURES:
        help_text = f"{feature.description} (default {feature.default:g})"
        if feature.boolean:
            fields[feature.name] = StrictBooleanField(required=False, help_text=help_text)
        elif feature.name == "avg_transaction_amount":
            fields[feature.name] = FiniteFloatField(min_value=0, max_value=1e9, required=False, help_text=help_text)
        elif feature.name == "age_years":
            fields[feature.name] = StrictIntegerField(min_value=0, max_value=130, required=False, help_text=help_text)
        else:
            fields[feature.name] = _count(help_text)
    return fields


BehaviourFeatures = type("BehaviourFeatures", (serializers.Serializer,), _behaviour_fields())


class UserInput(BehaviourFeatures):
    """One person's behaviour features (SPEC §5's 15; any left out take their documented default)."""

    user_id = serializers.CharField(max_length=64, required=False, help_text="The caller's id for this user.")
    phone = E164PhoneField(required=False, help_text="Mobile number (E.164 or 10-digit Indian).")
    phone_number = E164PhoneField(required=False, help_text="Old name of `phone`.")

    def validate(self, attrs):
        if attrs.get("phone_number") and not attrs.get("phone"):
            attrs["phone"] = attrs.pop("phone_number")
        attrs.pop("phone_number", None)
        return attrs


class ProfileInput(UserInput):
    def validate(self, attrs):
        attrs = super().validate(attrs)
        if not attrs.get("phone"):
            raise serializers.ValidationError({"phone": [_("This field is required.")]})
        return attrs


def _batch(child, help_text: str):
    return serializers.ListField(
        child=child, min_length=1, max_length=settings.CAMPAIGNS_MAX_BATCH, help_text=help_text
    )


class MetricsInput(serializers.Serializer):
    """The current hour of one channel (the old detect-campaign fields)."""

    campaign_type = serializers.CharField(max_length=64, required=False, default="call")
    channel = serializers.ChoiceField(choices=SignalChannel.choices, required=False)
    call_volume_last_hour = _count("Calls in the last hour.")
    sms_volume_last_hour = _count("SMS in the last hour.")
    transaction_volume_last_hour = _count("Transactions in the last hour.")
    volume = _count("Volume in the last hour (any channel).")
    unique_targets = _count("Distinct people contacted in the last hour.")
    suspicious_numbers = _count("Contacts from numbers on a suspicious list.")
    pattern_anomaly_score = FiniteFloatField(
        min_value=0.0, max_value=1.0, required=False, help_text="The caller's own anomaly score (reported back)."
    )

    def validate(self, attrs):
        if not any(attrs.get(name) is not None for name in METRIC_VOLUME_FIELDS):
            raise serializers.ValidationError(
                _("Give a volume: one of %(fields)s.") % {"fields": ", ".join(METRIC_VOLUME_FIELDS)}
            )
        return attrs


class DetectInput(serializers.Serializer):
    metrics = MetricsInput()


class VulnerableUsersInput(serializers.Serializer):
    users = _batch(UserInput(), "People to score (at most CAMPAIGNS_MAX_BATCH).")


class ProcessAlertInput(serializers.Serializer):
    metrics = MetricsInput()
    users = serializers.ListField(
        child=UserInput(),
        min_length=0,
        max_length=settings.CAMPAIGNS_MAX_BATCH,
        required=False,
        default=list,
        help_text="The cohort to consider; people without a phone are scored but cannot be warned or held. "
        "Empty or left out: every citizen with a stored behaviour profile.",
    )


class SampleInput(serializers.Serializer):
    channel = serializers.ChoiceField(choices=SignalChannel.choices)
    bucket_start = serializers.DateTimeField(help_text="Start of the time bucket (floored to the bucket size).")
    count = StrictIntegerField(min_value=0, max_value=MAX_COUNT)
    unique_targets = _count("Distinct people contacted (defaults to count).")
    suspicious_numbers = _count("Contacts from suspicious numbers.", default=0)
    series = serializers.RegexField(
        r"^[a-z0-9_.:-]*$", max_length=48, required=False, default="", help_text="Sub-stream of the channel."
    )

    def validate_bucket_start(self, value):
        from datetime import UTC, datetime, timedelta

        from django.utils import timezone

        if not datetime(2000, 1, 1, tzinfo=UTC) <= value <= timezone.now() + timedelta(days=1):
            raise serializers.ValidationError(_("bucket_start must be between 2000-01-01 and tomorrow."))
        return value

    def validate_series(self, value):
        if value.startswith("complaints:"):
            raise serializers.ValidationError(_("The 'complaints:' series are counted by FraudSafe itself."))
        return value


class SignalsInput(serializers.Serializer):
    samples = _batch(SampleInput(), "Volume samples.")


class BehaviourInput(serializers.Serializer):
    profiles = _batch(ProfileInput(), "Behaviour features per person (phone required).")


class ScoreSeriesInput(serializers.Serializer):
    values = serializers.ListField(
        child=FiniteFloatField(min_value=0, max_value=MAX_COUNT),
        min_length=1,
        max_length=settings.CAMPAIGNS_MAX_SERIES_POINTS,
        help_text="Volumes per time bucket, oldest first (at most CAMPAIGNS_MAX_SERIES_POINTS; page longer series "
        "with `state`).",
    )
    timestamps = serializers.ListField(
        child=serializers.DateTimeField(),
        required=False,
        help_text="When each value was counted (ISO 8601), increasing; one per value. Lets the scorer use the time "
        "of day and of the week. Or give `start` and `bucket_minutes`.",
    )
    start = serializers.DateTimeField(required=False, help_text="Start of the first bucket (with bucket_minutes).")
    bucket_minutes = serializers.IntegerField(
        required=False, min_value=1, max_value=1440, help_text="Bucket size; default CAMPAIGNS_BUCKET_MINUTES."
    )
    state = serializers.CharField(
        required=False,
        max_length=4_000_000,
        trim_whitespace=True,
        help_text="The `state` of the previous page's answer: these values continue that series.",
    )
    channel = serializers.ChoiceField(choices=SignalChannel.choices, required=False, default="call")

    def to_internal_value(self, data):
        values = data.get("values") if isinstance(data, dict) else None
        if isinstance(values, list) and len(values) > settings.CAMPAIGNS_MAX_SERIES_POINTS:
            # refuse before validating every point of a huge array
            raise serializers.ValidationError(
                {"values": [_("At most %(n)d points per request.") % {"n": settings.CAMPAIGNS_MAX_SERIES_POINTS}]}
            )
        return super().to_internal_value(data)

    def validate(self, attrs):
        from campaigns.ml.series import BadState, state_load

        carried = None
        if attrs.get("state"):
            try:
                carried = attrs["carried"] = state_load(attrs["state"])
            except BadState:
                raise serializers.ValidationError(
                    {"state": [_("This state was not returned by score-series, or was cut short. Send it unchanged.")]}
                ) from None
            if attrs.get("bucket_minutes") and attrs["bucket_minutes"] * 60 != carried.step_seconds:
                message = _("This series has buckets of %(n)g minutes; leave bucket_minutes out or send the same.")
                raise serializers.ValidationError({"bucket_minutes": [message % {"n": carried.step_seconds / 60}]})
        stamps = attrs.get("timestamps")
        if stamps is not None and "start" in attrs:
            raise serializers.ValidationError({"start": [_("Give either timestamps or start, not both.")]})
        if stamps is not None:
            if len(stamps) != len(attrs["values"]):
                raise serializers.ValidationError({"timestamps": [_("Give one timestamp per value.")]})
            seconds = [moment.timestamp() for moment in stamps]
            bad = next((i for i in range(1, len(seconds)) if seconds[i] <= seconds[i - 1]), None)
            if bad is not None:
                message = _("Timestamps must increase; point %(i)d is not after the one before it.") % {"i": bad}
                raise serializers.ValidationError({"timestamps": [message]})
            attrs["seconds"] = seconds
        elif "start" in attrs:
            if attrs.get("bucket_minutes"):
                step = 60 * attrs["bucket_minutes"]
            else:
                step = carried.step_seconds if carried else 60 * settings.CAMPAIGNS_BUCKET_MINUTES
            attrs["seconds"] = [attrs["start"].timestamp() + i * step for i in range(len(attrs["values"]))]
        history = carried.history.t if carried is not None else []
        if "seconds" in attrs and len(history) and attrs["seconds"][0] <= history[-1]:
            message = _("These points must come after the last point of the previous page.")
            raise serializers.ValidationError({"timestamps": [message]})
        return attrs


# --- outputs -----------------------------------------------------------------------------------------------------


class CampaignOutput(serializers.ModelSerializer):
    class Meta:
        model = Campaign
        fields = [
            "id",
            "campaign_type",
            "channel",
            "series",
            "status",
            "risk_score",
            "volume",
            "unique_targets",
            "suspicious_numbers",
            "scorer",
            "first_seen",
            "last_seen",
            "ended_at",
            "vulnerable_count",
            "actions",
        ]


class DetectOutput(serializers.Serializer):
    campaign_detected = serializers.BooleanField()
    is_campaign = serializers.BooleanField()
    campaign_id = serializers.IntegerField(allow_null=True)
    new_campaign = serializers.BooleanField()
    campaign_type = serializers.CharField()
    channel = serializers.CharField()
    risk_score = serializers.FloatField()
    anomaly_score = serializers.FloatField()
    reported_anomaly_score = serializers.FloatField(allow_null=True)
    volume = serializers.IntegerField()
    unique_targets = serializers.IntegerField()
    threshold = serializers.FloatField()
    min_volume = serializers.IntegerField()
    scorer = serializers.CharField(help_text='"model:<version>" or "heuristic".')


class VulnerableUserOutput(serializers.Serializer):
    user_id = serializers.CharField()
    vulnerability_score = serializers.FloatField()
    risk_factors = serializers.ListField(child=serializers.CharField())


class VulnerableUsersOutput(serializers.Serializer):
    vulnerable_users = VulnerableUserOutput(many=True)
    total_analyzed = serializers.IntegerField()
    vulnerable_count = serializers.IntegerField()
    threshold = serializers.FloatField()
    scorer = serializers.CharField()


class ProcessAlertOutput(serializers.Serializer):
    campaign_detected = serializers.BooleanField()
    campaign_id = serializers.IntegerField(allow_null=True)
    detection = DetectOutput()
    vulnerable_count = serializers.IntegerField()
    warnings_sent = serializers.IntegerField(help_text="Deliveries handed to a provider (sent or delivered).")
    warnings_pending = serializers.IntegerField(help_text="Deliveries created and waiting to be sent.")
    warnings_skipped = serializers.IntegerField(help_text="Skipped by consent, quiet hours or caps.")
    hold_until = serializers.DateTimeField(required=False, allow_null=True)
    actions = serializers.ListField(child=serializers.CharField())
    scorer = serializers.DictField(child=serializers.CharField(allow_null=True))


class StatisticsOutput(serializers.Serializer):
    campaigns_detected = serializers.IntegerField()
    active_campaigns = serializers.IntegerField()
    warnings_sent = serializers.IntegerField()
    warnings_pending = serializers.IntegerField()
    warnings_failed = serializers.IntegerField()
    warnings_skipped = serializers.IntegerField()
    unique_users_protected = serializers.IntegerField(help_text="Citizens under a verification hold now.")
    unique_users_warned = serializers.IntegerField()
    models_loaded = serializers.DictField(child=serializers.CharField())
    thresholds = serializers.DictField()
    sms_limits = serializers.DictField(child=serializers.IntegerField())


class CountOutput(serializers.Serializer):
    accepted = serializers.IntegerField()
    detection_queued = serializers.BooleanField(required=False)


class ScoreSeriesOutput(serializers.Serializer):
    scores = serializers.ListField(
        child=serializers.FloatField(),
        help_text="0..1 per value. Above the threshold: a surge like a campaign. Drops stay below 0.4.",
    )
    flagged = serializers.ListField(
        child=serializers.IntegerField(),
        help_text="Indexes flagged by `rule`: score above the threshold, volume at least min_volume.",
    )
    flagged_at = serializers.ListField(
        child=serializers.DateTimeField(), help_text="Their timestamps (empty when none were given)."
    )
    threshold = serializers.FloatField()
    min_volume = serializers.IntegerField(help_text="The least volume of a flagged bucket.")
    rule = serializers.CharField(help_text="The rule that flagged the buckets.")
    window = serializers.IntegerField(help_text="Buckets the model reads at a time.")
    bucket_minutes = serializers.FloatField()
    channel = serializers.CharField()
    scorer = serializers.CharField()
    state = serializers.CharField(help_text="Send it with the next page of this series to continue it.")


class VerificationOutput(serializers.Serializer):
    phone = serializers.CharField(help_text="Masked.")
    level = serializers.ChoiceField(choices=["standard", "elevated", "high"])
    until = serializers.DateTimeField(allow_null=True)
    reasons = serializers.ListField(child=serializers.CharField())
