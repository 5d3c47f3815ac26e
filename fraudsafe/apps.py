from django.apps import AppConfig


class FraudsafeConfig(AppConfig):
    name = "fraudsafe"
    verbose_name = "FraudSafe"
