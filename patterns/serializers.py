"""Input validation and the documented shape of the pattern report (thin: no business rules here)."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from patterns.selectors import district_known
from patterns.services import district_normalise


def days_field() -> serializers.IntegerField:
    message = _("days must be a whole number between 1 and 3650.")
    return serializers.IntegerField(
        min_value=1,
        max_value=3650,
        required=False,
        help_text=_("length of the analysed window in days, ending now (1–3650; default 90)"),
        error_messages={"min_value": message, "max_value": message, "invalid": message, "max_string_length": message},
    )


class ReportQuery(serializers.Serializer):
    days = days_field()
    district = serializers.CharField(
        required=False, allow_blank=True, max_length=100, default="", help_text=_("empty = national")
    )

    def to_internal_value(self, data):
        values = super().to_internal_value(data)
        values.setdefault("days", settings.PATTERNS_REPORT_DAYS)
        values["district"] = district_normalise(values.get("district", ""))
        if values["district"] and not district_known(district=values["district"]):
            # Zeros for a misspelt district would read as "no fraud there": say that the name is unknown.
            message = _('No cases from a district named "%(district)s"; check the spelling.')
            raise serializers.ValidationError({"district": [message % {"district": values["district"]}]})
        return values


class HourCount(serializers.Serializer):
    hour = serializers.IntegerField(min_value=0, max_value=23)
    count = serializers.IntegerField(min_value=0)


class PeakWindow(serializers.Serializer):
    start_hour = serializers.IntegerField(min_value=0, max_value=23)
    end_hour = serializers.IntegerField(min_value=0, max_value=23, help_text=_("exclusive; may wrap past midnight"))
    count = serializers.IntegerField(min_value=0)


class FraudTypeShare(serializers.Serializer):
    fraud_type = serializers.CharField()
    count = serializers.IntegerField(min_value=0)
    share = serializers.FloatField()


class AreaShare(serializers.Serializer):
    area = serializers.CharField()
    count = serializers.IntegerField(min_value=0)
    share = serializers.FloatField()


class CategoryShare(serializers.Serializer):
    category = serializers.CharField()
    count = serializers.IntegerField(min_value=0)
    share = serializers.FloatField()


class DistrictPatterns(serializers.Serializer):
    district = serializers.CharField()
    count = serializers.IntegerField(min_value=0)
    share = serializers.FloatField()
    previous_count = serializers.IntegerField(min_value=0)
    change = serializers.IntegerField()
    change_ratio = serializers.FloatField(allow_null=True)
    hour_counts = serializers.ListField(child=serializers.IntegerField(min_value=0), min_length=24, max_length=24)
    enough_data = serializers.BooleanField()
    peak_hours = HourCount(many=True)
    peak_windows = PeakWindow(many=True)
    recommended_alert_times = serializers.ListField(child=serializers.CharField())
    fraud_types = FraudTypeShare(many=True)
    areas = AreaShare(many=True)


class Window(serializers.Serializer):
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()


class DayCount(serializers.Serializer):
    date = serializers.DateField()
    count = serializers.IntegerField(min_value=0)


class WeekCount(serializers.Serializer):
    week_start = serializers.DateField()
    count = serializers.IntegerField(min_value=0)


class PatternReportOutput(serializers.Serializer):
    report_id = serializers.UUIDField(allow_null=True, help_text=_("null when computed for this request"))
    computed_at = serializers.DateTimeField()
    time_zone = serializers.CharField()
    district = serializers.CharField(allow_blank=True)
    window = Window()
    case_count = serializers.IntegerField(min_value=0)
    previous_case_count = serializers.IntegerField(min_value=0)
    enough_data = serializers.BooleanField()
    minimum_cases = serializers.IntegerField()
    alert_lead_hours = serializers.IntegerField()
    hour_counts = serializers.ListField(child=serializers.IntegerField(min_value=0), min_length=24, max_length=24)
    weekday_counts = serializers.ListField(
        child=serializers.IntegerField(min_value=0), min_length=7, max_length=7, help_text=_("Monday first")
    )
    peak_hours = HourCount(many=True)
    peak_windows = PeakWindow(many=True)
    recommended_alert_times = serializers.ListField(child=serializers.CharField(), help_text=_("HH:MM, helpline zone"))
    districts = DistrictPatterns(many=True)
    fraud_types = FraudTypeShare(many=True)
    categories = CategoryShare(many=True)
    trend_daily = DayCount(many=True)
    trend_weekly = WeekCount(many=True)


class AnalyzeQuery(serializers.Serializer):
    days = days_field()


class TimePatterns(serializers.Serializer):
    hourly_distribution = serializers.DictField(child=serializers.IntegerField(), help_text=_("hour (0–23) → cases"))
    peak_hours = serializers.ListField(child=serializers.IntegerField())
    peak_hour_counts = serializers.DictField(child=serializers.IntegerField())
    recommended_alert_hours = serializers.ListField(child=serializers.IntegerField())
    time_zone = serializers.CharField()


class LocationPatterns(serializers.Serializer):
    districts = serializers.DictField(child=serializers.IntegerField())
    areas = serializers.DictField(child=serializers.IntegerField(), help_text=_('"district / area" → cases'))
    high_risk_districts = serializers.ListField(child=serializers.CharField())


class AnalyzeOutput(serializers.Serializer):
    total_cases = serializers.IntegerField()
    enough_data = serializers.BooleanField()
    time_patterns = TimePatterns()
    location_patterns = LocationPatterns()
    fraud_types = serializers.DictField(child=serializers.IntegerField())
    categories = serializers.DictField(child=serializers.IntegerField())
