"""python manage.py import_legacy_cases (--mongo-uri URI [--database test] | --json FILE) [--since DATE]"""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from patterns.importers import JsonLegacySource, MongoLegacySource, legacy_cases_import
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
        source = parser.add_mutually_exclusive_group(required=True)
        source.add_argument("--mongo-uri", help=_("MongoDB URI of the old deployment"))
        source.add_argument(
            "--json",
            dest="json_path",
            help=_(
                "a JSON export instead of a live MongoDB: one object with the users, cases and casedetails "
                'collections, dates as {"$date": ...} (e.g. fixtures/legacy_mongo.json)'
            ),
        )
        parser.add_argument("--database", default="test", help=_("database name with --mongo-uri (default: test)"))
        parser.add_argument("--since", type=parse_since, help=_("only cases created or updated since this date"))
        parser.add_argument("--batch-size", type=int, default=1000)

    def handle(self, *args, **options):
        read = self._import_json if options["json_path"] else self._import_mongo
        print_summary(self, read(options))

    def _import(self, source, options):
        return legacy_cases_import(
            source=source, since=options["since"], batch_size=options["batch_size"], progress=progress_printer(self)
        )

    def _import_json(self, options):
        try:
            source = JsonLegacySource.from_file(options["json_path"])
        except (OSError, ValueError) as exc:
            raise CommandError(_("Cannot read the JSON export: %(error)s") % {"error": exc}) from exc
        return self._import(source, options)

    def _import_mongo(self, options):
        from pymongo import MongoClient
        from pymongo.errors import PyMongoError

        client = MongoClient(options["mongo_uri"], serverSelectionTimeoutMS=5000, tz_aware=False)
        try:
            return self._import(MongoLegacySource(client[options["database"]]), options)
        except PyMongoError as exc:
            raise CommandError(_("Cannot read the legacy MongoDB: %(error)s") % {"error": exc}) from exc
        finally:
            client.close()
