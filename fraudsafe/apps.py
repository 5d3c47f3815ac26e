from django.apps import AppConfig


class FraudsafeConfig(AppConfig):
    name = "fraudsafe"
    verbose_name = "FraudSafe"

    def ready(self):
        from fraudsafe.api import install_plural_messages

        install_plural_messages()
