"""Test settings: the production module plus the test stores chosen by the test plugin's environment.

FRAUDSAFE_TEST_DB=sqlite (default) or postgres (TEST_DATABASE_URL); FRAUDSAFE_TEST_MONGO_URI is set by the
plugin once SecantusDB listens; FRAUDSAFE_TEST_DB_NAME points a worker subprocess at the test database.
"""

import os
from pathlib import Path

_BASE = Path(__file__).resolve().parent.parent
os.environ["FRAUDSAFE_ENV_FILE"] = ""  # a developer's .env never reaches a test
os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz")
os.environ.setdefault("FRAUDSAFE_VAR_DIR", str(_BASE / "var" / "test"))
os.environ["DJANGO_DEBUG"] = "false"
os.environ.pop("DATABASE_URL", None)
os.environ.pop("ANALYTICS_MONGODB_URI", None)

from fraudsafe.settings import *  # noqa: E402,F403
from fraudsafe.settings import BASE_DIR, REST_FRAMEWORK, VAR_DIR, env  # noqa: E402

TEST_DB = os.environ.get("FRAUDSAFE_TEST_DB", "sqlite")
# One test database per pytest run (xdist adds a per-worker suffix), so concurrent runs never collide.
RUN_ID = os.environ.setdefault("FRAUDSAFE_TEST_RUN_ID", str(os.getpid()))
TEST_DB_NAME = os.environ.get("FRAUDSAFE_TEST_DB_NAME", "")
VAR_DIR.mkdir(parents=True, exist_ok=True)
(VAR_DIR / "static").mkdir(exist_ok=True)

if TEST_DB == "postgres":
    DATABASES = {"default": env.db_url("TEST_DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/fraudsafe")}
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["TEST"] = {"NAME": f"test_fraudsafe_{RUN_ID}"}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(VAR_DIR / "fraudsafe.sqlite3"),
            # A file, not memory: real worker processes started by tests open the same database.
            "TEST": {"NAME": str(VAR_DIR / f"test_fraudsafe_{RUN_ID}.sqlite3")},
            "OPTIONS": {"timeout": 30, "transaction_mode": "IMMEDIATE"},
        }
    }
if TEST_DB_NAME:  # a worker subprocess started by a test: use that test's database as it is
    DATABASES["default"]["NAME"] = TEST_DB_NAME
    DATABASES["default"]["TEST"] = {"NAME": TEST_DB_NAME}

if os.environ.get("FRAUDSAFE_TEST_MONGO_URI"):
    DATABASES["mongo"] = {
        "ENGINE": "django_mongodb_backend",
        "HOST": os.environ["FRAUDSAFE_TEST_MONGO_URI"],
        "NAME": "fraudsafe_cases",
        "TEST": {"NAME": os.environ.get("FRAUDSAFE_TEST_MONGO_DB_NAME") or None},
    }
    if TEST_DB_NAME and os.environ.get("FRAUDSAFE_TEST_MONGO_DB_NAME"):
        DATABASES["mongo"]["NAME"] = os.environ["FRAUDSAFE_TEST_MONGO_DB_NAME"]
ANALYTICS_DB_ALIAS = os.environ.get("FRAUDSAFE_TEST_ANALYTICS_ALIAS", "default")

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
MEDIA_ROOT = VAR_DIR / "media"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
FRAUDSAFE_SMS_BACKEND = "fraudsafe.channels.locmem.LocmemBackend"
FRAUDSAFE_WHATSAPP_BACKEND = "fraudsafe.channels.locmem.LocmemBackend"
TWILIO_ACCOUNT_SID = "AC" + "0" * 32
TWILIO_AUTH_TOKEN = "test-twilio-auth-token"
TWILIO_SMS_FROM = "+15005550006"
FRAUDSAFE_PUBLIC_URL = "http://testserver"

CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "memory://")
# Short visibility timeout: a task held by a worker killed in a test is redelivered to the next one quickly.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 30}
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND") or None
CELERY_TASK_ALWAYS_EAGER = os.environ.get("FRAUDSAFE_TEST_EAGER", "1") == "1"
CELERY_TASK_EAGER_PROPAGATES = True

REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_THROTTLE_RATES": {
        "anon": "10000/min",
        "user": "10000/min",
        "partner": os.environ.get("FRAUDSAFE_TEST_THROTTLE_PARTNER", "10000/min"),
        "webhook": "10000/min",
    },
}
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
FRAUDSAFE_BASE_DIR = BASE_DIR
