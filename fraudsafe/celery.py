"""The Celery application: configuration from Django settings (namespace CELERY), tasks autodiscovered.

Every task uses `OutboxTask`: when the broker cannot take a task, it is kept in the database outbox and
published later (fraudsafe/outbox.py), so a broker outage never fails a request and loses nothing.
Processes start it as `celery -A fraudsafe` (Celery finds this module).
"""

import os

from celery import Celery, Task
from celery.result import AsyncResult
from kombu.exceptions import OperationalError as BrokerOperationalError

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fraudsafe.settings")

BROKER_ERRORS = (BrokerOperationalError, ConnectionError, TimeoutError, OSError)


class OutboxTask(Task):
    def apply_async(
        self, args=None, kwargs=None, task_id=None, producer=None, link=None, link_error=None, shadow=None, **options
    ):
        if self.app.conf.task_always_eager:
            return super().apply_async(args, kwargs, task_id, producer, link, link_error, shadow, **options)
        try:
            return super().apply_async(args, kwargs, task_id, producer, link, link_error, shadow, **options)
        except BROKER_ERRORS as exc:
            # Imported here: this module is loaded with the settings, before Django's models can be.
            from fraudsafe.outbox import outbox_store

            kept = {**options, "task_id": task_id} if task_id else options
            message = outbox_store(task_name=self.name, args=args, kwargs=kwargs, options=kept, error=exc)
            return AsyncResult(task_id or f"outbox-{message.pk}", app=self.app)


app = Celery("fraudsafe", task_cls=OutboxTask)
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
