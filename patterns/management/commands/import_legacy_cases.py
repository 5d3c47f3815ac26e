"""python manage.py import_legacy_cases --mongo-uri URI [--database test] [--since DATE]"""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from patterns.importers import legacy_cases_import
from patterns.management.commands._report import print_summary, progress_printer


def parse_since(value: str) -> dt.datetime:
    """A date (midnight in the helpline zone) or an ISO date-time (naive = helpline zone)."""
    when = parse_datetime(value)
    if when is None:
        day = parse_date(value)
        if day is None:
            raise CommandError(_("--since must be a date (2025-01-31) or an ISO date-time, not %(v)r") % {"v": value})
        when = dt.datetime.combine(day, dt.time())
    return when if when.tzinfo else timezone.make_aware(when)


class Command(BaseCommand):
    help = _("Import the old bot's MongoDB cases (users / cases / casedetails) into the case store, idempotently.")

    def add_arguments(self, parser):
        parser.add_argument("--mongo-uri", required=True, help=_("MongoDB URI of the old deployment"))
        parser.add_argument("--database", default="test", help=_("database name (default: test)"))
        parser.add_argument("--since", type=parse_since, help=_("only cases created or updated since this date"))
        parser.add_argument("--batch-size", type=int, default=1000)

    def handle(self, *args, **options):
        from pymongo import MongoClient
        from pymongo.errors import PyMongoError

        client = MongoClient(options["mongo_uri"], serverSelectionTimeoutMS=5000, tz_aware=False)
        try:
            result = legacy_cases_import(
                database=client[options["database"]],
                since=options["since"],
                batch_size=options["batch_size"],
                progress=progress_printer(self),
            )
        except PyMongoError as exc:
            raise CommandError(_("Cannot read the legacy MongoDB: %(error)s") % {"error": exc}) from exc
        finally:
            client.close()
        print_summary(self, result)
