"""`makemessages` for every language of settings.FRAUDSAFE_LANGUAGES, with the project's options (one place)."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

# What makemessages never reads: other projects' code, generated files, tests and benchmarks (no user sees them).
IGNORE = [".venv", "var", "node_modules", "test-artifacts", "static", "bench", "tests", "*/tests/*", "fixtures"]


class Command(BaseCommand):
    help = "Extract every translatable text into locale/<lang>/LC_MESSAGES/django.po for every shipped language."

    def handle(self, *args, **options):
        languages = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
        call_command(
            "makemessages",
            locale=languages,
            ignore_patterns=IGNORE,
            add_location="file",  # no line numbers: a moved line does not rewrite every .po
            no_obsolete=True,
            verbosity=options["verbosity"],
        )
