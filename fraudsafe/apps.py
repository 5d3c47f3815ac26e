from django.apps import AppConfig


class FraudsafeConfig(AppConfig):
    name = "fraudsafe"
    verbose_name = "FraudSafe"

    def ready(self):
        from fraudsafe import schema  # noqa: F401 - registers OpenAPI extensions
