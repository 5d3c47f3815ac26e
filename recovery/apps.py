from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecoveryConfig(AppConfig):
    name = "recovery"
    verbose_name = _("Money trail (freeze requests)")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from complaints.console.panels import complaint_panels
        from complaints.signals import beneficiary_changed, complaint_submitted
        from recovery.models import Bank, UpiHandle
        from recovery.receivers import on_beneficiary_changed, on_complaint_submitted
        from recovery.resolution import mapping_changed
        from recovery.restitution_views import restitution_panel
        from recovery.views import money_trail_panel

        complaint_submitted.connect(on_complaint_submitted, dispatch_uid="recovery.open-on-submit")
        beneficiary_changed.connect(on_beneficiary_changed, dispatch_uid="recovery.open-on-beneficiary")
        complaint_panels.register("recovery.money_trail", money_trail_panel)
        complaint_panels.register("recovery.restitution", restitution_panel)
        for model in (Bank, UpiHandle):
            post_save.connect(mapping_changed, sender=model, dispatch_uid=f"recovery.mapping-changed.{model.__name__}")
            post_delete.connect(mapping_changed, sender=model, dispatch_uid=f"recovery.mapping-gone.{model.__name__}")
