from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from fraudsafe.registry import run_preparations


class Command(BaseCommand):
    help = _("Last steps before `make run` starts the processes (each app may register one in <app>/prepare.py).")

    def handle(self, *args, **options):
        for prepare in run_preparations.discover():
            prepare(stdout=self.stdout, style=self.style)
