"""Before `make run` starts its processes: any missing model is left to the `ml` worker (one task on the broker,
trained on synthetic data once the worker is up), so the server answers health at once; scoring says "heuristic"
until the models are trained. `CAMPAIGNS_TRAIN_ON_START=foreground` trains here instead, before anything starts."""

from django.conf import settings

from fraudsafe.registry import run_preparations


@run_preparations.register
def prepare(*, stdout, style) -> None:
    from campaigns.ml import serving
    from campaigns.services import models_missing, models_train_missing

    missing = models_missing()
    if not missing:
        stdout.write("  campaign models: " + ", ".join(f"{k} {v}" for k, v in serving.scorers().items()))
        return
    if settings.CAMPAIGNS_TRAIN_ON_START == "foreground":
        models_train_missing(log=lambda line: stdout.write("  " + line))
        return
    from campaigns.tasks import models_train_missing_task

    models_train_missing_task.delay()
    stdout.write(
        style.WARNING(
            f"  campaign models ({', '.join(missing)}): training in the background on worker-ml; scoring answers "
            '"heuristic" until they are trained (its log says "models trained in N s")'
        )
    )
