from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand

DEMO_ORDER = ["accounts", "complaints", "patterns", "alerts", "campaigns"]


class Command(BaseCommand):
    help = "Loads demo data (staff, citizens, complaints, cases, ...). Safe to run again: adds nothing twice."

    def handle(self, *args, **options):
        for label in DEMO_ORDER:
            if not apps.is_installed(label):
                continue
            try:
                module = import_module(f"{label}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"{label}.demo":
                    raise
                continue
            module.load(stdout=self.stdout, style=self.style)
