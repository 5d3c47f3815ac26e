from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connections


class Command(BaseCommand):
    help = "Applies migrations on every configured database (main SQL database and the case store)."

    def handle(self, *args, **options):
        for alias in connections:
            self.stdout.write(f"Migrating database '{alias}' ({connections[alias].vendor})")
            call_command("migrate", database=alias, interactive=False, verbosity=options["verbosity"] - 1)
