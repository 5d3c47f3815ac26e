"""The staff dashboard at /console/patterns/ (server-side SVG, no JavaScript)."""

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from patterns import charts
from patterns.selectors import fraud_case_districts, report_for_filter

DAY_CHOICES = [(7, _("Last 7 days")), (30, _("Last 30 days")), (90, _("Last 90 days")), (365, _("Last year"))]


class DashboardFilter(forms.Form):
    days = forms.TypedChoiceField(label=_("Period"), choices=DAY_CHOICES, coerce=int, required=False)
    district = forms.ChoiceField(label=_("District"), required=False)

    def __init__(self, *args, districts: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].choices = [("", _("All India"))] + [(name, name) for name in districts]


@login_required
def dashboard(request):
    user = request.user
    if not (user.is_helpline_admin or user.is_attender):
        raise PermissionDenied
    form = DashboardFilter(request.GET or None, districts=fraud_case_districts())
    days, district = settings.PATTERNS_REPORT_DAYS, ""
    if form.is_bound and form.is_valid():
        days = form.cleaned_data["days"] or days
        district = form.cleaned_data["district"] or ""
    if not form.is_bound:
        form = DashboardFilter(initial={"days": days, "district": ""}, districts=fraud_case_districts())
    report = report_for_filter(days=days, district=district)
    context = {
        "form": form,
        "report": report,
        "district": district,
        "days": days,
        "hours": charts.hour_chart(report),
        "places": charts.place_bars(report),
        "types": charts.donut(report),
        "trend": charts.trend_chart(report),
        "weekdays": charts.weekday_rows(report),
        "categories": charts.category_rows(report),
        "zone": charts.zone_label(report.get("time_zone") or settings.TIME_ZONE),
        "top_window": report["peak_windows"][0] if report["peak_windows"] else None,
    }
    return render(request, "patterns/dashboard.html", context)
