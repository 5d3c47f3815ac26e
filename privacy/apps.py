from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    """DPDP duties: the data principal's requests (access, correction, erasure with legal holds)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "privacy"
    verbose_name = _("Privacy")

    def ready(self) -> None:
        from complaints.signals import data_request_received
        from privacy import checks, receivers  # noqa: F401 - checks registers itself

        data_request_received.connect(receivers.data_request_from_bot, dispatch_uid="privacy.data_request_from_bot")
