"""Database routing: the case store (the `patterns` app) may live in MongoDB, everything else in SQL."""

from django.conf import settings
from django.db import connections

CASE_STORE_APPS = {"patterns"}


def is_mongo_alias(alias: str) -> bool:
    return connections.settings[alias]["ENGINE"] == "django_mongodb_backend"


class CaseStoreRouter:
    """Sends `patterns` to settings.ANALYTICS_DB_ALIAS; MongoDB aliases hold nothing but the case store.

    SQL aliases accept every app's tables (the case store's tables stay empty in SQL when MongoDB holds it),
    which lets the same analysis run against any alias in tests and lets a deployment switch stores.
    """

    def db_for_read(self, model, **hints):
        if model._meta.app_label in CASE_STORE_APPS:
            return settings.ANALYTICS_DB_ALIAS
        return None

    db_for_write = db_for_read

    def allow_relation(self, obj1, obj2, **hints):
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        if is_mongo_alias(db):
            return app_label in CASE_STORE_APPS
        return None
