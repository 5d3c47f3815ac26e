"""python manage.py backfill_cases — (re)record a FraudCase for every complaint transaction, idempotently."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from complaints.cases import complaint_cases_backfill


class Command(BaseCommand):
    help = _("Record one fraud case per transaction of every complaint (safe to re-run).")

    def handle(self, *args, **options):
        done = complaint_cases_backfill(progress=lambda n: self.stderr.write(_("… %(n)d complaints") % {"n": n}))
        self.stdout.write(self.style.SUCCESS(_("Recorded the cases of %(n)d complaints.") % {"n": done}))
