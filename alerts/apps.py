from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "alerts"

    def ready(self):
        from accounts.signals import consent_recorded
        from alerts.consent import deliveries_skip_after_withdrawal

        consent_recorded.connect(deliveries_skip_after_withdrawal, dispatch_uid="alerts.skip-after-withdrawal")
