"""gunicorn configuration (`--config gunicorn.conf.py` in the Procfile; gunicorn also reads it by default from the
working directory). Only hooks: workers, threads and the address stay on the command line.

No cold start: each worker loads the active MindSpore models and compiles their batch shapes right after the
fork (post_worker_init), before it accepts a request, so that no partner's first POST
/api/campaigns/score-series/ waits for MindSpore's import, the checkpoint loads and the graph compiles (~6.5 s).
The master never imports MindSpore (nothing here imports it at module level, and Django's start-up does not), so
no MindSpore state is ever shared across a fork, with or without --preload. A model that cannot be loaded is
logged and the worker serves anyway: that model then reports its error on the requests that need it.

CAMPAIGNS_WEB_WARM_UP=false (environment or .env) turns the warm-up off; models then load on the first
scoring request of each worker.
"""

import threading
import time

# The master kills a worker that has not reported for --timeout seconds (30 by default); the warm-up reports
# every HEARTBEAT_SECONDS, as a serving worker does, so that a slow load never looks like a hung worker.
HEARTBEAT_SECONDS = 1.0


def post_worker_init(worker) -> None:
    web_warm_up(worker)


def web_warm_up(worker) -> dict[str, str] | None:
    """Warms the active models in this worker; {kind: scorer} or None when off or failed. Never raises."""
    started = time.perf_counter()
    try:
        from django.apps import apps
        from django.conf import settings

        if not apps.ready:  # not the Django app: nothing to warm
            return None
        if not settings.CAMPAIGNS_WEB_WARM_UP:
            worker.log.info("worker %s: models not warmed (CAMPAIGNS_WEB_WARM_UP is off)", worker.pid)
            return None
        from campaigns.ml import serving
    except Exception:  # noqa: BLE001 - the worker must serve even when the warm-up cannot start
        worker.log.exception("worker %s: model warm-up could not start", worker.pid)
        return None

    done = threading.Event()

    def heartbeat() -> None:
        while not done.wait(HEARTBEAT_SECONDS):
            worker.notify()

    threading.Thread(target=heartbeat, name="model-warm-up-heartbeat", daemon=True).start()
    try:
        scorers = serving.warm_up()
    except Exception:  # noqa: BLE001 - a broken model must not kill the worker; requests report the error
        worker.log.exception(
            "worker %s: model warm-up failed after %.1f s; models load on the first scoring request",
            worker.pid,
            time.perf_counter() - started,
        )
        return None
    finally:
        done.set()
    worker.log.info(
        "worker %s: models warmed in %.1f s: %s",
        worker.pid,
        time.perf_counter() - started,
        ", ".join(f"{kind} {scorer}" for kind, scorer in scorers.items()),
    )
    return scorers
