from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Last steps before `make run` starts the processes (each app may add one in <app>/prepare.py)."

    def handle(self, *args, **options):
        for config in apps.get_app_configs():
            try:
                module = import_module(f"{config.name}.prepare")
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.prepare":
                    raise
                continue
            module.prepare(stdout=self.stdout, style=self.style)
