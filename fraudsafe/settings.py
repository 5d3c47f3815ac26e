"""FraudSafe settings: one module, every difference between environments comes from environment variables.

Embedded defaults need nothing installed (SQLite and a file broker under var/, console email/SMS/WhatsApp).
Production sets DATABASE_URL, CELERY_BROKER_URL, ANALYTICS_MONGODB_URI, TWILIO_*, an ESP and
DJANGO_SECRET_KEY. `.env.example` lists every variable.
"""

import os
from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# Variables in the environment win over the file. FRAUDSAFE_ENV_FILE names another file ("" = none: the test
# settings use that so that a developer's .env never reaches a test).
ENV_FILE = os.environ.get("FRAUDSAFE_ENV_FILE", str(BASE_DIR / ".env"))
if ENV_FILE and Path(ENV_FILE).is_file():
    environ.Env.read_env(ENV_FILE)
elif ENV_FILE and "FRAUDSAFE_ENV_FILE" in os.environ:
    raise ImproperlyConfigured(f"FRAUDSAFE_ENV_FILE names {ENV_FILE}, which is not a file.")
VAR_DIR = Path(env.str("FRAUDSAFE_VAR_DIR", default=str(BASE_DIR / "var")))

# --- Core -------------------------------------------------------------------------------------------------
DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it in the environment (production) "
            "or run with DJANGO_DEBUG=true for local development."
        )
    SECRET_KEY = "dev-insecure-key-only-for-local-debug-runs"  # noqa: S105 - DEBUG only, never production

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# Public base URL Twilio calls and citizens open (PDF links, unsubscribe links, webhook signatures).
FRAUDSAFE_PUBLIC_URL = env.str("FRAUDSAFE_PUBLIC_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework_api_key",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI served by the project: the docs work without internet
    "phonenumber_field",
    "django_celery_beat",
    "anymail",
    "axes",
    "fraudsafe",
    "accounts",
    "complaints",
    "patterns",
    "alerts",
    "campaigns",
    "recovery",
    "privacy",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "fraudsafe.middleware.AdminRoleMiddleware",
    "fraudsafe.middleware.DatabaseUnavailableMiddleware",
    "fraudsafe.middleware.RejectNulMiddleware",
    # After the NUL check: it reads the session (the user), which a forged cookie must never reach.
    "fraudsafe.middleware.StaffLanguageMiddleware",
    "axes.middleware.AxesMiddleware",
    "accounts.middleware.AuditMiddleware",
]

ROOT_URLCONF = "fraudsafe.urls"
WSGI_APPLICATION = "fraudsafe.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "fraudsafe.context_processors.staff_languages",
            ],
        },
    },
]

# --- Databases ----------------------------------------------------------------------------------------------
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'fraudsafe.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several processes (web, workers, beat) share the file: wait for locks instead of failing at once.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
    )

# The case store (patterns app) lives in MongoDB when ANALYTICS_MONGODB_URI is set, else in "default".
ANALYTICS_MONGODB_URI = env.str("ANALYTICS_MONGODB_URI", default="")
if ANALYTICS_MONGODB_URI:
    DATABASES["analytics"] = {
        "ENGINE": "django_mongodb_backend",
        "HOST": ANALYTICS_MONGODB_URI,
        "NAME": env.str("ANALYTICS_MONGODB_NAME", default="fraudsafe_analytics"),
    }
    ANALYTICS_DB_ALIAS = "analytics"
else:
    ANALYTICS_DB_ALIAS = "default"
DATABASE_ROUTERS = ["fraudsafe.routers.CaseStoreRouter"]

CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://fraudsafe")}

# --- Auth and sessions --------------------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "/console/login/"
LOGIN_REDIRECT_URL = "/console/"
LOGOUT_REDIRECT_URL = "/console/login/"
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 60 * 60)  # one shift
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False  # no "AXES: BEGIN" banner from every management command; lockouts are still logged

# --- Security (secure by default outside DEBUG) -------------------------------------------------------------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^api/health/?$"]
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# --- Internationalisation: every text a person reads is translatable ------------------------------------------
LANGUAGE_CODE = "en"
# One line per language: code, English name, native name, script, PDF font (a pinned fontpkg package, or a folder of
# this project with <Name>-Regular.ttf / -Bold.ttf; "" = the default font). Order = the bot's language menu.
# A language also needs locale/<code>/LC_MESSAGES/django.po (README: "Adding a language").
FRAUDSAFE_LANGUAGES = [
    ("en", _("English"), "English", "Latin", ""),
    ("hi", _("Hindi"), "हिन्दी", "Devanagari", "fontpkg_noto_sans_devanagari"),
    ("bn", _("Bengali"), "বাংলা", "Bengali", "fontpkg_hind_siliguri"),
    ("mr", _("Marathi"), "मराठी", "Devanagari", "fontpkg_noto_sans_devanagari"),
    ("te", _("Telugu"), "తెలుగు", "Telugu", "fontpkg_noto_sans_telugu"),
    ("ta", _("Tamil"), "தமிழ்", "Tamil", "fontpkg_noto_sans_tamil"),
]
LANGUAGES = [(code, name) for code, name, *_rest in FRAUDSAFE_LANGUAGES]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["fraudsafe.formats"]  # dates with the zone named, Indian digit grouping
USE_I18N = True
USE_TZ = True  # storage stays UTC; every page (admin included), the bot, PDFs and beat show the helpline's time
TIME_ZONE = env.str("HELPLINE_TIME_ZONE", default="Asia/Kolkata")

# --- Static and media ---------------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
MEDIA_URL = None  # media is never served publicly: PDFs go out through signed, expiring links
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# --- Email (django-anymail in production; console in development) ---------------------------------------------
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="FraudSafe <alerts@fraudsafe.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
ANYMAIL = {
    key: value
    for key, value in {
        "SENDGRID_API_KEY": env.str("SENDGRID_API_KEY", default=""),
        "MAILGUN_API_KEY": env.str("MAILGUN_API_KEY", default=""),
        "MAILGUN_SENDER_DOMAIN": env.str("MAILGUN_SENDER_DOMAIN", default=""),
        "POSTMARK_SERVER_TOKEN": env.str("POSTMARK_SERVER_TOKEN", default=""),
        "AMAZON_SES_CLIENT_PARAMS": {"region_name": env.str("AWS_SES_REGION", default="")},
        "WEBHOOK_SECRET": env.str("ANYMAIL_WEBHOOK_SECRET", default=""),
    }.items()
    if value and value != {"region_name": ""}
}
FRAUD_OPS_EMAIL = env.str("FRAUD_OPS_EMAIL", default="fraud-ops@fraudsafe.local")

# --- Twilio and the message channels ------------------------------------------------------------------------
TWILIO_ACCOUNT_SID = env.str("TWILIO_ACCOUNT_SID", default="")
TWILIO_AUTH_TOKEN = env.str("TWILIO_AUTH_TOKEN", default="")
TWILIO_WHATSAPP_FROM = env.str("TWILIO_WHATSAPP_FROM", default="whatsapp:+14155238886")
TWILIO_SMS_FROM = env.str("TWILIO_SMS_FROM", default="")
TWILIO_WEBHOOK_SENDER_PER_MINUTE = env.int("TWILIO_WEBHOOK_SENDER_PER_MINUTE", default=60)
FRAUDSAFE_SMS_BACKEND = env.str("FRAUDSAFE_SMS_BACKEND", default="fraudsafe.channels.console.ConsoleBackend")
FRAUDSAFE_WHATSAPP_BACKEND = env.str("FRAUDSAFE_WHATSAPP_BACKEND", default="fraudsafe.channels.console.ConsoleBackend")
FRAUDSAFE_EMAIL_CHANNEL_BACKEND = env.str(
    "FRAUDSAFE_EMAIL_CHANNEL_BACKEND", default="fraudsafe.channels.email.EmailBackend"
)

# National numbers typed by citizens, partners and staff are read as Indian numbers (django-phonenumber-field).
PHONENUMBER_DEFAULT_REGION = env.str("PHONENUMBER_DEFAULT_REGION", default="IN")

# --- Helpline facts shown to citizens ----------------------------------------------------------------------
HELPLINE_NUMBER = env.str("HELPLINE_NUMBER", default="1930")
HELPLINE_PORTAL_URL = env.str("HELPLINE_PORTAL_URL", default="https://cybercrime.gov.in")

# --- Celery -------------------------------------------------------------------------------------------------
# The file broker's URL names its host (the folders below hold the messages): without one kombu warns "No hostname
# was supplied" in every process.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="filesystem://localhost/")
if CELERY_BROKER_URL.rstrip("/") == "filesystem:":  # an older .env's bare URL; Celery reads the variable itself
    CELERY_BROKER_URL = os.environ["CELERY_BROKER_URL"] = "filesystem://localhost/"
if CELERY_BROKER_URL.startswith("filesystem://"):
    _broker_dir = VAR_DIR / "broker"
    for _folder in ("queue", "processed", "control"):  # the file transport needs its folders to exist
        (_broker_dir / _folder).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "queue"),
        "data_folder_out": str(_broker_dir / "queue"),
        "processed_folder": str(_broker_dir / "processed"),
        "control_folder": str(_broker_dir / "control"),
        "store_processed": False,
    }
else:
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600)}
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default="") or None
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
# Fail fast when the broker is down: the task goes to the outbox instead of blocking the request.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.5}

# --- REST API -----------------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.auth.PartnerKeyAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # The API speaks JSON only (pages and admin use Django forms, not DRF).
    "DEFAULT_PARSER_CLASSES": ["fraudsafe.api.StrictJSONParser"],
    "DEFAULT_THROTTLE_CLASSES": [
        "accounts.auth.PartnerKeyRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
        "rest_framework.throttling.AnonRateThrottle",
        "accounts.auth.PartnerMessageQuotaThrottle",  # last: counts a call only once the rates let it through
    ],
    # Proxies in front of the web processes whose X-Forwarded-For is trusted (0: the peer address is the caller).
    "NUM_PROXIES": env.int("FRAUDSAFE_NUM_PROXIES", default=0),
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("THROTTLE_ANON", default="60/min"),
        "user": env.str("THROTTLE_USER", default="600/min"),
        "partner": env.str("THROTTLE_PARTNER", default="1200/min"),
        "webhook": env.str("THROTTLE_WEBHOOK", default="600/min"),
    },
    "DEFAULT_PAGINATION_CLASS": "fraudsafe.api.StandardPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.SearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    # Documents each operation's partner scope (x-required-scope) and who may call it.
    "DEFAULT_SCHEMA_CLASS": "accounts.schema.ScopedAutoSchema",
    "EXCEPTION_HANDLER": "fraudsafe.api_errors.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "FraudSafe API",
    "DESCRIPTION": (
        "Complaints, fraud-pattern analysis, preventive alerts and scam-campaign detection for a "
        "cyber-fraud helpline. Partners authenticate with `Authorization: Api-Key <key>`; staff with their "
        "session. A partner key holds scopes chosen by an admin: each operation names the scope it needs "
        "(`x-required-scope`), or says it is for helpline staff only. "
        'Errors always have the shape `{"error": {"code", "message", "fields"}}`.'
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "COMPONENT_SPLIT_REQUEST": True,
    # Security schemes come from the authentication classes of each view (accounts.schema), listed once each.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "/static/favicon.svg",
    "REDOC_DIST": "SIDECAR",
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "showExtensions": True, "persistAuthorization": False},
}
API_KEY_CUSTOM_HEADER = "HTTP_X_API_KEY"

# --- Logging: personal data masked everywhere ----------------------------------------------------------------
_ZONED = "fraudsafe.logs.HelplineTimeFormatter"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "mask_pii": {"()": "fraudsafe.masking.MaskPersonalDataFilter"},
        "no_client_errors": {"()": "fraudsafe.logs.SkipClientErrorAccessLines"},
    },
    "formatters": {
        # Times in the helpline's zone, named ("… 17:30:01 IST"): one zone with honcho's prefixes under `make run`.
        "plain": {"class": _ZONED, "format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "access": {"class": _ZONED, "format": "%(asctime)s %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["mask_pii"], "formatter": "plain"},
        "access": {
            "class": "logging.StreamHandler",
            "filters": ["mask_pii", "no_client_errors"],
            "formatter": "access",
        },
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # One line per 4xx: Django's own DEBUG console handler is removed (it printed each one a second time
        # beside the root handler) and runserver's access line is left out for 4xx (django.request logged it).
        "django": {"handlers": [], "level": env.str("LOG_LEVEL", default="INFO"), "propagate": True},
        "django.server": {"handlers": ["access"], "level": "INFO", "propagate": False},
        "django.db.backends": {"level": "WARNING"},
        "twilio.http_client": {"level": "WARNING"},
    },
}

# LOG_DIR set (below): every web, API and worker line also goes to a dated file there (fraudsafe-YYYY-MM-DD.log),
# kept RETENTION_LOG_DAYS (CERT-In: 180 days) and then purged by privacy.retention.
if env.str("LOG_DIR", default=""):
    LOGGING["handlers"]["file"] = {"()": "fraudsafe.logs.DailyFileHandler", "folder": env.str("LOG_DIR"),
                                   "filters": ["mask_pii"], "formatter": "plain"}  # fmt: skip
    LOGGING["root"]["handlers"].append("file")
    LOGGING["loggers"]["django.server"]["handlers"].append("file")

# --- accounts: partner keys and the audit trail ---
# Defaults for a newly issued key (each key's own values are set in the admin).
PARTNER_KEY_MAX_AUDIENCE = env.int("PARTNER_KEY_MAX_AUDIENCE", default=1000)
PARTNER_KEY_DAILY_MESSAGE_QUOTA = env.int("PARTNER_KEY_DAILY_MESSAGE_QUOTA", default=50)
# Audit entries (and per-key daily usage) older than this are removed by a daily beat job.
AUDIT_RETENTION_DAYS = env.int("AUDIT_RETENTION_DAYS", default=365)
AUDIT_PURGE_CRONTAB = env.str("AUDIT_PURGE_CRONTAB", default="40 3 * * *")

# --- DPDP Act 2023 / DPDP Rules 2025: the consent notice and the data principal's rights ---
# The version of the stand-alone consent notice (accounts.notice). Bump it whenever its wording changes: each
# consent event records the version the citizen was shown.
DPDP_NOTICE_VERSION = env.str("DPDP_NOTICE_VERSION", default="2025-11")
# Where a citizen may complain to the Data Protection Board of India (the operator checks the address).
DPDP_BOARD_URL = env.str("DPDP_BOARD_URL", default="https://www.dpb.gov.in")
# Days within which a request for access, correction or erasure must be answered.
PRIVACY_REQUEST_DUE_DAYS = env.int("PRIVACY_REQUEST_DUE_DAYS", default=30)
# Retention per kind of data (privacy.retention; `manage.py retention_purge --dry-run` lists what would go).
# Finished alert delivery records; the evidence files and PDFs of complaints closed (resolved or rejected) this
# long ago (never of a complaint under investigation, with a freeze open, or under a legal hold); rotated web and
# API log files in LOG_DIR (CERT-In: at least 180 days; empty LOG_DIR: logs go to stdout and the platform keeps
# them). AUDIT_RETENTION_DAYS (above) holds the audit trail, at least a year (DPDP Rules r. 6).
RETENTION_DELIVERY_DAYS = env.int("RETENTION_DELIVERY_DAYS", default=365)
# An abandoned conversation's saved answers and unattached evidence go this long after the last message; the
# webhook's de-duplication records after RETENTION_INBOUND_DAYS.
RETENTION_CONVERSATION_HOURS = env.int("RETENTION_CONVERSATION_HOURS", default=24)
RETENTION_INBOUND_DAYS = env.int("RETENTION_INBOUND_DAYS", default=7)
RETENTION_CASE_FILES_DAYS = env.int("RETENTION_CASE_FILES_DAYS", default=3 * 365)
RETENTION_LOG_DAYS = env.int("RETENTION_LOG_DAYS", default=180)
LOG_DIR = env.str("LOG_DIR", default="")
RETENTION_PURGE_CRONTAB = env.str("RETENTION_PURGE_CRONTAB", default="10 4 * * *")
# Breach register (privacy.breaches): hours from suspicion to the report to the Data Protection Board (DPDP Rules
# r. 7) and to CERT-In for the incident kinds it lists (directions of 28 April 2022), and the point of contact
# named to CERT-In (the operator appoints them).
DPDP_BREACH_REPORT_HOURS = env.int("DPDP_BREACH_REPORT_HOURS", default=72)
CERT_IN_REPORT_HOURS = env.int("CERT_IN_REPORT_HOURS", default=6)
CERT_IN_CONTACT_NAME = env.str("CERT_IN_CONTACT_NAME", default="")
CERT_IN_CONTACT_EMAIL = env.str("CERT_IN_CONTACT_EMAIL", default="")
CERT_IN_CONTACT_PHONE = env.str("CERT_IN_CONTACT_PHONE", default="")
BREACH_NOTICE_TEMPLATE = "data_breach"  # alert template key (seeded by privacy; editable in the admin)
# /api/health's time-sync status (fraudsafe.timesync): warn over this offset from NTP time, or when unknown.
TIME_SYNC_MAX_OFFSET_SECONDS = env.float("TIME_SYNC_MAX_OFFSET_SECONDS", default=1.0)
TIME_SYNC_CACHE_SECONDS = env.int("TIME_SYNC_CACHE_SECONDS", default=60)

# --- patterns ---
# Fraud-pattern analysis: peak hours, alert lead time, the minimum-data guard and the daily schedule.
PATTERNS_MINIMUM_CASES = env.int("PATTERNS_MINIMUM_CASES", default=30)
PATTERNS_PEAK_HOURS = env.int("PATTERNS_PEAK_HOURS", default=3)
PATTERNS_ALERT_LEAD_HOURS = env.int("PATTERNS_ALERT_LEAD_HOURS", default=2)
PATTERNS_REPORT_DAYS = env.int("PATTERNS_REPORT_DAYS", default=90)
PATTERNS_REPORT_MAX_AGE_HOURS = env.int("PATTERNS_REPORT_MAX_AGE_HOURS", default=26)
PATTERNS_REPORT_CACHE_SECONDS = env.int("PATTERNS_REPORT_CACHE_SECONDS", default=300)  # reports computed for a GET
PATTERNS_DISTRICT_REPORTS = env.int("PATTERNS_DISTRICT_REPORTS", default=50)
PATTERNS_SCHEDULE_CRONTAB = env.str("PATTERNS_SCHEDULE_CRONTAB", default="30 2 * * *")

# --- campaigns ---
# Defaults of the scam-campaign thresholds; staff override them at runtime in the admin (Campaign settings).
CAMPAIGNS_COHORT_THRESHOLD = env.float("CAMPAIGNS_COHORT_THRESHOLD", default=0.7)
CAMPAIGNS_UPLIFT_THRESHOLD = env.float("CAMPAIGNS_UPLIFT_THRESHOLD", default=0.6)
CAMPAIGNS_ANOMALY_THRESHOLD = env.float("CAMPAIGNS_ANOMALY_THRESHOLD", default=0.8)
CAMPAIGNS_MIN_VOLUME = env.int("CAMPAIGNS_MIN_VOLUME", default=50)
CAMPAIGNS_HOLD_HOURS = env.int("CAMPAIGNS_HOLD_HOURS", default=24)
CAMPAIGNS_QUIET_MINUTES = env.int("CAMPAIGNS_QUIET_MINUTES", default=120)  # no anomalous bucket → campaign expires
CAMPAIGNS_BUCKET_MINUTES = env.int("CAMPAIGNS_BUCKET_MINUTES", default=60)  # one time step of a window
CAMPAIGNS_DETECT_EVERY_SECONDS = env.int("CAMPAIGNS_DETECT_EVERY_SECONDS", default=300)
# The forecaster's warm-started retraining on the ml worker (campaigns/ml/retraining.py): daily.
CAMPAIGNS_RETRAIN_EVERY_SECONDS = env.int("CAMPAIGNS_RETRAIN_EVERY_SECONDS", default=86_400)
CAMPAIGNS_MAX_SERIES_POINTS = env.int("CAMPAIGNS_MAX_SERIES_POINTS", default=50_000)
CAMPAIGNS_MAX_BATCH = env.int("CAMPAIGNS_MAX_BATCH", default=10_000)  # users / samples per API call
# Complaints per fraudster identifier become a series once an identifier has this many cases in the window.
CAMPAIGNS_FRAUDSTER_MIN_CASES = env.int("CAMPAIGNS_FRAUDSTER_MIN_CASES", default=2)
# Real labelled series (NAB layout) for judging the campaign detector; a model that does not beat the best simple
# baseline there is not activated. Empty: only the synthetic held-out check. The product never needs the set.
_DEV_SET = BASE_DIR.parent / "shared" / "data" / "anomaly-dev"
CAMPAIGNS_DEV_SET = env.str("CAMPAIGNS_DEV_SET", default=str(_DEV_SET) if _DEV_SET.is_dir() else "")
CAMPAIGNS_MODEL_DIR = Path(env.str("CAMPAIGNS_MODEL_DIR", default=str(VAR_DIR / "models")))
# Web workers load and compile the active models right after the fork (gunicorn.conf.py), not on a first request.
CAMPAIGNS_WEB_WARM_UP = env.bool("CAMPAIGNS_WEB_WARM_UP", default=True)
# `make run` with models missing: "background" sends their training to the ml worker once the processes start (the
# server answers at once, scoring says "heuristic" until then); "foreground" trains before starting anything.
CAMPAIGNS_TRAIN_ON_START = env.str("CAMPAIGNS_TRAIN_ON_START", default="background")
if CAMPAIGNS_TRAIN_ON_START not in ("background", "foreground"):
    raise ImproperlyConfigured(
        f"CAMPAIGNS_TRAIN_ON_START is background or foreground, not {CAMPAIGNS_TRAIN_ON_START!r}."
    )
SPECTACULAR_SETTINGS.setdefault("ENUM_NAME_OVERRIDES", {}).update(
    {
        "CampaignChannelEnum": "campaigns.channels.SignalChannel",
        "CampaignStatusEnum": "campaigns.models.Campaign.Status",
        "VerificationLevelEnum": "campaigns.models.VerificationHold.Level",
    }
)

# --- console ---
# Stable OpenAPI enum name for a complaint's status (several apps have a `status` field).
SPECTACULAR_SETTINGS.setdefault("ENUM_NAME_OVERRIDES", {}).update(
    {"ComplaintStatusEnum": "complaints.models.Complaint.Status"}
)

# --- complaints ---
# Lifetime in seconds of the signed link to a complaint PDF sent on WhatsApp (Twilio fetches it as media).
COMPLAINT_PDF_LINK_MAX_AGE = env.int("COMPLAINT_PDF_LINK_MAX_AGE", default=24 * 60 * 60)
# Priority of a complaint (complaints/priority.py): points for each part of what makes money recoverable.
# Time since the newest transaction decays in steps from the golden hour; amount and count grow in steps.
COMPLAINT_PRIORITY_WEIGHT_RECENCY = env.int("COMPLAINT_PRIORITY_WEIGHT_RECENCY", default=60)
COMPLAINT_PRIORITY_WEIGHT_AMOUNT = env.int("COMPLAINT_PRIORITY_WEIGHT_AMOUNT", default=30)
COMPLAINT_PRIORITY_WEIGHT_TRANSACTIONS = env.int("COMPLAINT_PRIORITY_WEIGHT_TRANSACTIONS", default=10)
# How long a complaint found by its exact acknowledgement number or the caller's phone stays open to an attender
# who does not handle it (seconds): the victim is on the line.
CONSOLE_LOOKUP_MAX_AGE = env.int("CONSOLE_LOOKUP_MAX_AGE", default=60 * 60)
# Evidence (photos, PDFs) sent in the conversation: fetched from Twilio by a worker, checked by content.
COMPLAINTS_EVIDENCE_MAX_BYTES = env.int("COMPLAINTS_EVIDENCE_MAX_BYTES", default=5 * 1024 * 1024)
COMPLAINTS_EVIDENCE_MAX_FILES = env.int("COMPLAINTS_EVIDENCE_MAX_FILES", default=10)  # per complaint
# Payment screenshots read by OCR (complaints.receipts): images only, this large at most, this long per image.
RECEIPT_MAX_BYTES = env.int("RECEIPT_MAX_BYTES", default=5 * 1024 * 1024)
RECEIPT_OCR_SECONDS = env.float("RECEIPT_OCR_SECONDS", default=3.0)
TESSERACT_CMD = env.str("TESSERACT_CMD", default="tesseract")
COMPLAINTS_EVIDENCE_ATTACH_DAYS = env.int("COMPLAINTS_EVIDENCE_ATTACH_DAYS", default=7)  # files sent after filing
COMPLAINTS_EVIDENCE_FETCH_TIMEOUT = 20  # seconds per fetch
COMPLAINTS_EVIDENCE_FETCH_RETRIES = 5  # with exponential backoff from 5 s
# Only these hosts (and their subdomains) are fetched with the Twilio credentials, over HTTPS.
COMPLAINTS_EVIDENCE_HOSTS = env.list("COMPLAINTS_EVIDENCE_HOSTS", default=["api.twilio.com"])

# --- alerts ---
# Caps per citizen, counted across every alert and channel (one alert on several channels is one contact).
ALERTS_CAP_DAY = env.int("ALERTS_CAP_DAY", default=3)  # rolling 24 hours
ALERTS_CAP_WEEK = env.int("ALERTS_CAP_WEEK", default=10)  # rolling 7 days
ALERTS_COOLDOWN_HOURS = env.float("ALERTS_COOLDOWN_HOURS", default=6)
ALERTS_QUIET_HOURS = env.str("ALERTS_QUIET_HOURS", default="22:00-07:00")  # in the citizen's time zone; deferred
# Provider-wide sends per second per channel, shared by all workers through the cache (0 = unlimited).
ALERTS_RATE_LIMITS = {
    "sms": env.int("ALERTS_RATE_SMS", default=10),
    "whatsapp": env.int("ALERTS_RATE_WHATSAPP", default=10),
    "email": env.int("ALERTS_RATE_EMAIL", default=50),
}
ALERTS_RATE_LIMIT_CACHE = env.str("ALERTS_RATE_LIMIT_CACHE", default="default")
ALERTS_CHUNK_SIZE = env.int("ALERTS_CHUNK_SIZE", default=200)
ALERTS_CLAIM_BATCH = env.int("ALERTS_CLAIM_BATCH", default=25)  # deliveries claimed per UPDATE
ALERTS_SEND_LEASE_SECONDS = env.int("ALERTS_SEND_LEASE_SECONDS", default=120)
ALERTS_MAX_ATTEMPTS = env.int("ALERTS_MAX_ATTEMPTS", default=5)
ALERTS_REQUEUE_STALLED_SECONDS = env.int("ALERTS_REQUEUE_STALLED_SECONDS", default=900)
ALERTS_ETA_MAX_SECONDS = env.int("ALERTS_ETA_MAX_SECONDS", default=1800)  # later alerts: the minute beat job
ALERTS_DEMO_MAX_EMAILS = env.int("ALERTS_DEMO_MAX_EMAILS", default=20)
ALERTS_DEFAULT_CHANNELS = env.list("ALERTS_DEFAULT_CHANNELS", default=["email", "sms", "whatsapp"])
ALERTS_PREVENTIVE_CRONTAB = env.str("ALERTS_PREVENTIVE_CRONTAB", default="15 5 * * *")  # helpline zone
ALERTS_PREVENTIVE_TOP_DISTRICTS = env.int("ALERTS_PREVENTIVE_TOP_DISTRICTS", default=5)
ALERTS_PREVENTIVE_CHANNELS = env.list("ALERTS_PREVENTIVE_CHANNELS", default=["email", "sms", "whatsapp"])
# Case updates (a victim told about their own complaint): channels, and whether quiet hours defer them.
ALERTS_NOTICE_CHANNELS = env.list("ALERTS_NOTICE_CHANNELS", default=["whatsapp"])
ALERTS_NOTICES_QUIET_HOURS = env.bool("ALERTS_NOTICES_QUIET_HOURS", default=False)
# WhatsApp Business Platform (README "Compliance"): the business's messaging tier, i.e. how many unique users may
# get a business-initiated (template) message in any rolling 24 hours: 250, 2000, 10000 or 100000. Above it the
# rest waits for the next window. Meta raises the tier; set it to the one WhatsApp Manager shows.
WHATSAPP_TIER_LIMIT = env.int("WHATSAPP_TIER_LIMIT", default=250)
if WHATSAPP_TIER_LIMIT not in (250, 2000, 10000, 100000):
    raise ImproperlyConfigured("WHATSAPP_TIER_LIMIT must be 250, 2000, 10000 or 100000.")
# Categories of approved templates the product may send (Meta may re-categorise a template, e.g. as marketing).
WHATSAPP_TEMPLATE_CATEGORIES = env.list("WHATSAPP_TEMPLATE_CATEGORIES", default=["utility"])
# Stable OpenAPI enum names for the alerts app's choice sets.
SPECTACULAR_SETTINGS.setdefault("ENUM_NAME_OVERRIDES", {}).update(
    {
        "AlertKindEnum": "alerts.models.Alert.Kind",
        "AlertStatusEnum": "alerts.models.Alert.Status",
        "DeliveryStatusEnum": "alerts.models.Delivery.Status",
        "DeliverySkipReasonEnum": "alerts.models.Delivery.SkipReason",
        "ChannelEnum": "fraudsafe.vocabulary.MessageChannel",
    }
)

# --- recovery (the money trail: freeze requests to banks) ---
RECOVERY_ACK_MINUTES = env.int("RECOVERY_ACK_MINUTES", default=30)  # a bank acknowledges a request within
RECOVERY_ANSWER_MINUTES = env.int("RECOVERY_ANSWER_MINUTES", default=120)  # and answers it within (from sending)
RECOVERY_ESCALATION_EMAILS = env.list("RECOVERY_ESCALATION_EMAILS", default=[])  # besides the handler and admins
RECOVERY_ESCALATION_BATCH = 1000  # overdue requests escalated per deadline per run of the minute job
RECOVERY_CALLBACK_TIMEOUT = env.int("RECOVERY_CALLBACK_TIMEOUT", default=10)  # seconds per POST
RECOVERY_CALLBACK_MAX_ATTEMPTS = env.int("RECOVERY_CALLBACK_MAX_ATTEMPTS", default=8)
RECOVERY_CALLBACK_BACKOFF_SECONDS = env.int("RECOVERY_CALLBACK_BACKOFF_SECONDS", default=30)  # doubles each retry
RECOVERY_CALLBACK_BACKOFF_MAX_SECONDS = 3600
# Development and tests only: plain-HTTP callback URLs, and callback hosts on loopback or private networks.
RECOVERY_CALLBACK_ALLOW_HTTP = env.bool("RECOVERY_CALLBACK_ALLOW_HTTP", default=False)
RECOVERY_CALLBACK_ALLOW_PRIVATE = env.bool("RECOVERY_CALLBACK_ALLOW_PRIVATE", default=False)
RECOVERY_HOLD_NOTICE_TEMPLATE = "money_on_hold"  # alert template key (seeded; editable in the admin)
RESTITUTION_ADMIN_LIMIT = env.int("RESTITUTION_ADMIN_LIMIT", default=50000)  # ₹; at or under it: bank refund, no order
RESTITUTION_HOLD_DAYS = env.int("RESTITUTION_HOLD_DAYS", default=90)  # a hold lapses then, unless an order
RESTITUTION_WARN_DAYS = (15, 3)  # the console warns (and the victim is told) this many days before a hold lapses
RESTITUTION_REFUND_DUE_DAYS = env.int("RESTITUTION_REFUND_DUE_DAYS", default=7)  # a bank refunds within
RESTITUTION_GRIEVANCE_DUE_DAYS = env.int("RESTITUTION_GRIEVANCE_DUE_DAYS", default=15)  # grievances decided within
RESTITUTION_BATCH = 1000  # holds escalated per run of the daily job
SPECTACULAR_SETTINGS.setdefault("ENUM_NAME_OVERRIDES", {}).update(
    {
        "FreezeRequestStatusEnum": "recovery.models.FreezeRequest.Status",
        "BeneficiaryKindEnum": "fraudsafe.vocabulary.BeneficiaryKind",
    }
)
