"""Transactional safety net for task dispatch: a broker outage never fails a request, and nothing is lost.

`fraudsafe.celery.OutboxTask.apply_async` stores the task here when the broker refuses it; `outbox_flush` (beat,
every minute, and `manage.py outbox_flush`) publishes stored tasks once the broker answers. Tasks are idempotent,
so the at-least-once delivery this gives is safe.
"""

import json
import logging
from datetime import datetime

from celery import Celery
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from fraudsafe.models import OutboxMessage

logger = logging.getLogger(__name__)
_DATETIME_OPTIONS = ("eta", "expires")


def _jsonable(options: dict) -> dict:
    kept = {k: v for k, v in options.items() if k in {"eta", "expires", "countdown", "queue", "priority", "task_id"}}
    return json.loads(json.dumps(kept, cls=DjangoJSONEncoder))


def outbox_store(*, task_name: str, args, kwargs, options: dict, error: Exception) -> OutboxMessage:
    """Keeps a task the broker refused; it is published by the next flush."""
    message = OutboxMessage.objects.create(
        task_name=task_name,
        args=list(args or []),
        kwargs=dict(kwargs or {}),
        options=_jsonable(options),
        last_error=f"{type(error).__name__}: {error}"[:1000],
    )
    logger.warning("broker unavailable: task %s kept in the outbox (#%s)", task_name, message.pk)
    return message


def outbox_flush(*, app: Celery, limit: int = 500) -> int:
    """Publishes pending outbox messages in order; stops at the first broker error. Returns how many went out."""
    sent = 0
    with transaction.atomic():
        pending = OutboxMessage.objects.select_for_update(skip_locked=True).filter(sent_at=None)[:limit]
        for message in pending:
            options = dict(message.options)
            for key in _DATETIME_OPTIONS:
                if isinstance(options.get(key), str):
                    options[key] = datetime.fromisoformat(options[key])
            try:
                app.send_task(message.task_name, args=message.args, kwargs=message.kwargs, **options)
            except Exception as exc:  # noqa: BLE001 - broker still down: keep it for the next flush
                message.attempts += 1
                message.last_error = f"{type(exc).__name__}: {exc}"[:1000]
                message.save(update_fields=["attempts", "last_error"])
                break
            message.sent_at = timezone.now()
            message.save(update_fields=["sent_at"])
            sent += 1
    return sent
