"""python manage.py evaluate_detector [--data DIR] [--series NAME ...]: out-of-fold event AUC of the campaign
detector on real labelled series (leave-one-source-out), next to every baseline computed in the same run."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _


def print_result(write, result: dict) -> None:
    """The table evaluate_detector and the benchmark print (shared so that they cannot disagree)."""
    write(
        f"{result['series']} series ({result['surge_series']} surge series) from {len(result['groups'])} sources; "
        f"leave-one-source-out folds; served: {result['detector']}"
    )
    write(f"{'scorer (out of fold)':<44} {'all':>6} {'surge':>6}")
    for name, row in result["scorers"].items():
        surge = "—" if row["surge"] is None else f"{row['surge']:.3f}"
        note = " (constants set on this set: in-sample)" if name in ("heuristic", "served") else ""
        write(f"{name + note:<44} {row['all']:>6.3f} {surge:>6}")
    write(f"{'design (held-out AUC per series)':<44} {'all':>6} {'surge':>6}")
    for name, row in result["designs"].items():
        write(f"{name:<44} {row['all']:>6.3f} {row['surge'] or 0:>6.3f}")
    for group, label in result["folds"].items():
        write(f"fold {group}: chose {label} on the other sources")
    if result["in_sample"]:
        s = result["in_sample"]
        write(f"in-sample (best design on the whole set, served): {s['design']} {s['all']:.3f} / {s['surge']:.3f}")


class Command(BaseCommand):
    help = _(
        "Scores every labelled series of a development set and prints the out-of-fold mean event AUC "
        "(folds by source) of the detector and of every baseline, on all series and on the surge series."
    )

    def add_arguments(self, parser):
        parser.add_argument("--data", help=_("folder with labels.json (default: CAMPAIGNS_DEV_SET)"))
        parser.add_argument("--series", nargs="*", help=_("only these series (as named in labels.json)"))
        parser.add_argument("--per-series", action="store_true", help=_("also print every series' event AUC"))
        parser.add_argument(
            "--forecaster", action="store_true", help=_("also fit and judge the MindSpore forecaster (slow)")
        )

    def handle(self, *args, data, series, per_series: bool, forecaster: bool, **options):
        from campaigns.ml import evaluation, protocol

        path = Path(data) if data else evaluation.dev_set_path()
        if path is None or not (path / "labels.json").is_file():
            raise CommandError(
                _("No development set: give --data DIR (a folder with labels.json) or set CAMPAIGNS_DEV_SET.")
            )
        try:
            dev = evaluation.load_dev_set(path, series)
        except (KeyError, OSError, ValueError) as exc:
            raise CommandError(str(exc)) from exc
        designs = protocol.default_designs()
        if forecaster:
            from campaigns.ml import forecaster as fc

            designs += fc.designs()
        result = protocol.evaluate(dev, designs=designs)
        print_result(self.stdout.write, result)
        if forecaster:
            for run in fc.TRAINING_RUNS:
                self.stdout.write(f"forecaster training run: {run}")
        if per_series:
            for s in dev:
                cells = " ".join(f"{row['series'][s.name]:.2f}" for row in result["scorers"].values())
                self.stdout.write(f"{s.name:<60} {'surge' if s.surge else 'other':<5} {cells}")
