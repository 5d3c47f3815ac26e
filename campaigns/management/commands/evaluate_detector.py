"""python manage.py evaluate_detector [--data DIR] [--series NAME ...]: event AUC of the campaign detector on
real labelled series, next to simple baselines computed in the same run."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _


class Command(BaseCommand):
    help = _(
        "Scores every labelled series of a development set through the API's scoring path and prints mean event "
        "AUC for the detector, the seasonal scorer alone and the baselines, on all series and on the surge series."
    )

    def add_arguments(self, parser):
        parser.add_argument("--data", help=_("folder with labels.json (default: CAMPAIGNS_DEV_SET)"))
        parser.add_argument("--series", nargs="*", help=_("only these series (as named in labels.json)"))
        parser.add_argument("--per-series", action="store_true", help=_("also print every series' event AUC"))

    def handle(self, *args, data: str | None, series: list[str] | None, per_series: bool, **options):
        from campaigns.ml import evaluation

        path = Path(data) if data else evaluation.dev_set_path()
        if path is None or not (path / "labels.json").is_file():
            raise CommandError(
                _("No development set: give --data DIR (a folder with labels.json) or set CAMPAIGNS_DEV_SET.")
            )
        try:
            dev = evaluation.load_dev_set(path, series)
        except (KeyError, OSError, ValueError) as exc:
            raise CommandError(str(exc)) from exc
        result = evaluation.evaluate(dev)
        self.stdout.write(
            f"{result['series']} series ({result['surge_series']} surge series); detector: {result['detector']}"
        )
        self.stdout.write(f"{'scorer':<14} {'all':>6} {'surge':>6}")
        for name, row in result["scorers"].items():
            surge = "—" if row["surge"] is None else f"{row['surge']:.3f}"
            self.stdout.write(f"{name:<14} {row['all']:>6.3f} {surge:>6}")
        if per_series:
            for s in dev:
                cells = " ".join(f"{row['series'][s.name]:.2f}" for row in result["scorers"].values())
                self.stdout.write(f"{s.name:<60} {'surge' if s.surge else 'other':<5} {cells}")
