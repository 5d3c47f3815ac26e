"""Entry point kept for `celery -A celery_app …`: the app itself lives in the core, fraudsafe/celery.py."""

from fraudsafe.celery import app

__all__ = ["app"]
