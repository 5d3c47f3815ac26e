"""Celery tasks of the patterns app: thin, parameters in, retried with backoff while the case store is down."""

import logging

from celery import shared_task
from django.db import DatabaseError
from pymongo.errors import PyMongoError

from patterns.services import report_compute, reports_refresh

logger = logging.getLogger(__name__)
STORE_DOWN = (DatabaseError, PyMongoError, ConnectionError, TimeoutError)


@shared_task(bind=True, acks_late=True, autoretry_for=STORE_DOWN, retry_backoff=True, retry_kwargs={"max_retries": 6})
def reports_refresh_task(self, days: int | None = None) -> list[str]:
    """The scheduled analysis: national report plus one per district. Fails loudly (and retries) on store errors."""
    try:
        return reports_refresh(days=days)
    except STORE_DOWN:
        logger.error("fraud-pattern analysis failed: case store unavailable (attempt %d)", self.request.retries + 1)
        raise


@shared_task(bind=True, acks_late=True, autoretry_for=STORE_DOWN, retry_backoff=True, retry_kwargs={"max_retries": 6})
def report_compute_task(self, days: int = 90, district: str = "") -> str:
    """One report on demand; returns the PatternReport id."""
    try:
        return str(report_compute(days=days, district=district).id)
    except STORE_DOWN:
        logger.error("fraud-pattern report failed: case store unavailable (attempt %d)", self.request.retries + 1)
        raise
