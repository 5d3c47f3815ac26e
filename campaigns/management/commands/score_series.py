"""python manage.py score_series --csv FILE [--column NAME]: a campaign score for every point of a series."""

import csv
import math
import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _


class Command(BaseCommand):
    help = _(
        "Scores every point of a volume series (hourly buckets) against the series' own history before it. "
        "Prints CSV: index, value, score, flagged."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--csv", dest="csv_path", required=True, help=_("CSV file with a header row ('-' for stdin)")
        )
        parser.add_argument("--column", help=_("column with the volumes (default: the first numeric column)"))

    def handle(self, *args, csv_path: str, column: str | None, **options):
        values = self._read(csv_path, column)
        from campaigns.ml.series import score_series
        from campaigns.selectors import thresholds

        scored = score_series(values)
        scores, scorer = scored.scores, scored.scorer
        t = thresholds()
        self.stderr.write(_("scored %(n)d points with %(scorer)s") % {"n": len(values), "scorer": scorer})
        self.stdout.write("index,value,score,flagged")
        for i, (value, score) in enumerate(zip(values, scores, strict=True)):
            self.stdout.write(f"{i},{value:g},{score:.6f},{int(t.flags(score, value))}")

    def _read(self, path: str, column: str | None) -> list[float]:
        try:
            handle = sys.stdin if path == "-" else open(path, newline="")  # noqa: SIM115
        except OSError as exc:
            raise CommandError(str(exc)) from exc
        with handle:
            reader = csv.DictReader(handle)
            if not reader.fieldnames:
                raise CommandError(_("The CSV has no header row."))
            rows = list(reader)
        if column is None:
            column = next((c for c in reader.fieldnames if rows and _number(rows[0].get(c)) is not None), None)
            if column is None:
                raise CommandError(_("No numeric column found; name one with --column."))
        elif column not in reader.fieldnames:
            raise CommandError(_("No column %(c)s in the CSV.") % {"c": column})
        values = []
        for line, row in enumerate(rows, start=2):
            value = _number(row.get(column))
            if value is None or value < 0:
                raise CommandError(_("Line %(l)d: %(v)r is not a non-negative number.") % {"l": line, "v": row[column]})
            values.append(value)
        if len(values) > settings.CAMPAIGNS_MAX_SERIES_POINTS * 100:
            raise CommandError(_("The series is too long."))
        return values


def _number(text) -> float | None:
    try:
        value = float(text)
    except (TypeError, ValueError):
        return None
    return value if math.isfinite(value) else None
