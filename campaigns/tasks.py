"""Celery tasks of the `ml` queue (thin: ids in, a service call, idempotent, retried with backoff).

MindSpore is never imported here at module level: the prefork parent must not load it. Each `ml` worker child
loads and warms the active models right after the fork (worker_process_init), so the first real task does not
pay the graph compiles.
"""

import logging
import os
import sys

from celery import shared_task
from celery.signals import worker_process_init
from django.db import OperationalError

from campaigns.cohort import campaign_act
from campaigns.detection import campaigns_detect
from campaigns.services import forecaster_retrain, holds_mark_expired, models_train_missing

logger = logging.getLogger(__name__)

RETRY = {"autoretry_for": (OperationalError,), "retry_backoff": True, "retry_kwargs": {"max_retries": 5}}


def _serves_ml_queue(argv: list[str] | None = None) -> bool:
    """True in a worker started with `-Q …ml…` (or with CAMPAIGNS_ML_WARM_UP=1)."""
    if os.environ.get("CAMPAIGNS_ML_WARM_UP") in ("0", "1"):
        return os.environ["CAMPAIGNS_ML_WARM_UP"] == "1"
    argv = sys.argv if argv is None else argv
    for i, arg in enumerate(argv):
        value = None
        if arg in ("-Q", "--queues") and i + 1 < len(argv):
            value = argv[i + 1]
        elif arg.startswith("--queues="):
            value = arg.split("=", 1)[1]
        elif arg.startswith("-Q") and len(arg) > 2:
            value = arg[2:]
        if value is not None and "ml" in value.split(","):
            return True
    return False


@worker_process_init.connect
def warm_up_ml_child(**_kwargs) -> None:
    if not _serves_ml_queue():
        return
    try:
        from campaigns.ml import serving

        logger.info("ml worker child warmed up: %s", serving.warm_up())
    except Exception:  # noqa: BLE001 - a broken model must not kill the worker; tasks report the error
        logger.exception("ml worker child could not warm up its models")


@shared_task(bind=True, acks_late=True, queue="ml", **RETRY)
def campaigns_detect_task(self) -> dict:
    return campaigns_detect()


@shared_task(bind=True, acks_late=True, queue="ml", **RETRY)
def campaign_act_task(self, campaign_id: int) -> dict:
    result = campaign_act(campaign_id=campaign_id)
    return {
        k: result[k] for k in ("campaign_id", "vulnerable_count", "newly_held", "warnings_sent", "warnings_pending")
    }


@shared_task(bind=True, acks_late=True, queue="ml")
def score_series_task(self, values: list[float], channel: str = "call") -> dict:
    """Scores a series in an ml worker (used by operators and by the worker test)."""
    from campaigns.ml.series import score_series

    scored = score_series(values)
    return {"scores": [round(float(s), 6) for s in scored.scores], "scorer": scored.scorer, "pid": os.getpid()}


@shared_task(bind=True, acks_late=True, queue="ml", **RETRY)
def forecaster_retrain_task(self) -> dict:
    """The forecaster's warm-started retraining (campaigns/ml/retraining.py); its card, without the path."""
    return {k: v for k, v in forecaster_retrain().items() if k != "path"}


@shared_task(bind=True, acks_late=True, **RETRY)
def holds_cleanup_task(self) -> int:
    return holds_mark_expired()


@shared_task(bind=True, acks_late=True, queue="ml")
def models_train_missing_task(self) -> list[str]:
    """`make run` sends this once the processes start, so that the server answers before the demo models exist."""
    return [card["version"] for card in models_train_missing(log=logger.info)]
