from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecoveryConfig(AppConfig):
    name = "recovery"
    verbose_name = _("Money trail (freeze requests)")

    def ready(self):
        from complaints.console.panels import complaint_panels
        from complaints.signals import beneficiary_changed, complaint_submitted
        from recovery.receivers import on_beneficiary_changed, on_complaint_submitted
        from recovery.views import money_trail_panel

        complaint_submitted.connect(on_complaint_submitted, dispatch_uid="recovery.open-on-submit")
        beneficiary_changed.connect(on_beneficiary_changed, dispatch_uid="recovery.open-on-beneficiary")
        complaint_panels.register("recovery.money_trail", money_trail_panel)
