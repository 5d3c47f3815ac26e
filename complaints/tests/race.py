"""Concurrent requests in tests: each callable in its own thread (own database connection), released together."""

import threading

from celery._state import _set_task_join_will_block, task_join_will_block
from django.db import close_old_connections, connection


def race(targets) -> list:
    """Runs the callables at once; returns what each returned or raised, in order."""
    barrier = threading.Barrier(len(targets))
    results: list = [None] * len(targets)

    def run(index, target):
        try:
            barrier.wait()
            results[index] = target()
        except Exception as exc:  # noqa: BLE001 - the outcome is what the test checks
            results[index] = exc
        finally:
            close_old_connections()
            connection.close()

    inside_task = task_join_will_block()  # process-wide: eager tasks in two threads can leave it set
    threads = [threading.Thread(target=run, args=(i, t)) for i, t in enumerate(targets)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    _set_task_join_will_block(inside_task)
    return results
