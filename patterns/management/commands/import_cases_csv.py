"""python manage.py import_cases_csv FILE   (format: see the README, "Fraud pattern analysis")"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from patterns.importers import BadDocument, csv_cases_import
from patterns.management.commands._report import print_summary, progress_printer


class Command(BaseCommand):
    help = _("Import fraud cases from a CSV file (ref, occurred_at, district, area, fraud_type, category, amount).")

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("path of the CSV file (UTF-8, header line first)"))

    def handle(self, *args, **options):
        try:
            with open(options["file"], newline="", encoding="utf-8-sig") as lines:
                result = csv_cases_import(lines=lines, progress=progress_printer(self))
        except OSError as exc:
            raise CommandError(str(exc)) from exc
        except BadDocument as exc:
            raise CommandError(str(exc)) from exc
        print_summary(self, result)
