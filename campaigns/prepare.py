"""Before `make run` starts its processes: train every missing model (synthetic data, well under a minute), so
the demo runs on real models. Runs in its own process, before any worker forks."""

import time

from fraudsafe.registry import run_preparations


@run_preparations.register
def prepare(*, stdout, style) -> None:
    from campaigns.ml import registry, serving

    # a kind trained but not activated (it did not beat its gate) stays on its heuristic: not retrained every start
    missing = [kind for kind in registry.KINDS if not registry.cards(kind)]
    if not missing:
        stdout.write("  campaign models: " + ", ".join(f"{k} {v}" for k, v in serving.scorers().items()))
        return
    from campaigns.ml import training
    from campaigns.services import model_versions_sync

    started = time.perf_counter()
    for kind in missing:
        card = training.train(kind, progress=lambda line: None)
        model, heuristic = card["metrics"]["model"]["roc_auc"], card["metrics"]["heuristic"]["roc_auc"]
        line = f"  trained {kind} model {card['version']}: ROC-AUC {model:.3f} (heuristic {heuristic:.3f})"
        stdout.write(style.SUCCESS(line) if card["passed"] else style.WARNING(line + " — not activated"))
    model_versions_sync()
    stdout.write(f"  models trained in {time.perf_counter() - started:.0f} s")
