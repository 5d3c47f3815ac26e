"""The Celery application: configuration from Django settings (namespace CELERY), tasks autodiscovered."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fraudsafe.settings")

app = Celery("fraudsafe")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
