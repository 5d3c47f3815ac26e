from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from patterns.models import FraudCase, PatternReport
from patterns.services import report_compute


@admin.register(FraudCase)
class FraudCaseAdmin(admin.ModelAdmin):
    list_display = ["occurred_at", "district", "area", "fraud_type", "category", "amount", "source", "source_ref"]
    list_filter = ["source", "category", "fraud_type"]
    search_fields = ["district", "area", "source_ref"]
    readonly_fields = ["id", "created_at", "reporter_hash"]
    show_full_result_count = False


@admin.register(PatternReport)
class PatternReportAdmin(admin.ModelAdmin):
    list_display = ["computed_at", "district", "case_count", "window_start", "window_end"]
    list_filter = ["district"]
    readonly_fields = ["id", "computed_at", "window_start", "window_end", "district", "case_count", "report"]
    actions = ["recompute"]

    @admin.action(description=_("Recompute these reports now (same district and length)"))
    def recompute(self, request, queryset):
        for snapshot in queryset:
            report_compute(days=snapshot.days, district=snapshot.district)
        self.message_user(request, _("Reports recomputed."), messages.SUCCESS)

    def has_add_permission(self, request):
        return False
