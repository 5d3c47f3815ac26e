"""python manage.py train_models [--model campaign|cohort|uplift|all] [--data CSV] [--epochs N]"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _


class Command(BaseCommand):
    help = _(
        "Trains the campaign detector, cohort and uplift models (synthetic data unless --data), evaluates each "
        "against the old heuristic on a held-out split, and writes checkpoint + model card into the model "
        "directory. A model that beats the heuristic becomes active."
    )

    def add_arguments(self, parser):
        parser.add_argument("--model", choices=["campaign", "cohort", "uplift", "all"], default="all")
        parser.add_argument("--data", help=_("CSV with a `label` column (see campaigns/ml/training.py)"))
        parser.add_argument("--epochs", type=int, help=_("epochs (default per model)"))
        parser.add_argument("--rows", type=int, help=_("synthetic rows (default per model)"))
        parser.add_argument("--seed", type=int, default=0)
        parser.add_argument("--missing-only", action="store_true", help=_("train only kinds with no active model"))

    def handle(self, *args, model, data, epochs, rows, seed, missing_only, **options):
        from campaigns.ml import registry
        from campaigns.services import model_versions_sync

        kinds = list(registry.KINDS) if model == "all" else [model]
        if data and len(kinds) > 1:
            raise CommandError(_("--data needs one --model: each model has its own columns."))
        if epochs is not None and epochs < 1:
            raise CommandError(_("--epochs must be at least 1."))
        from campaigns.ml import training

        for kind in kinds:
            if missing_only and registry.active_card(kind):
                self.stdout.write(_("%(kind)s: an active model exists, skipped") % {"kind": kind})
                continue
            try:
                card = training.train(
                    kind, epochs=epochs, csv_path=data, size=rows, seed=seed, progress=self.stdout.write
                )
            except (OSError, ValueError, KeyError) as exc:
                raise CommandError(str(exc)) from exc
            style = self.style.SUCCESS if card["passed"] else self.style.WARNING
            self.stdout.write(style(f"{kind}: {card['version']} ({'active' if card['passed'] else 'not active'})"))
        model_versions_sync()
