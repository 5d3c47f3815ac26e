from django.apps import AppConfig


class FraudsafeConfig(AppConfig):
    name = "fraudsafe"
    verbose_name = "FraudSafe"

    def ready(self):
        from fraudsafe import tasking  # noqa: F401 - registers the task-name start-up check
        from fraudsafe.api import install_plural_messages

        install_plural_messages()
