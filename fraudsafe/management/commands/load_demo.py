from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from fraudsafe.registry import demo_loaders


class Command(BaseCommand):
    help = _(
        "Loads demo data (staff, citizens, complaints, cases, ...) from every app's demo.py, in INSTALLED_APPS "
        "order. Safe to run again: adds nothing twice."
    )

    def handle(self, *args, **options):
        for load in demo_loaders.discover():
            load(stdout=self.stdout, style=self.style)
