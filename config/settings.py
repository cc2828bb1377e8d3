"""Homeward settings for development and tests, read from the environment.

Every variable is optional: with none set, Homeward runs on SQLite with Celery on kombu's
filesystem broker. An empty variable counts as unset. Production uses config.production,
which builds on this module and refuses unsafe values.
"""

import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("HOMEWARD_VAR_DIR") or BASE_DIR / "var")


def env(name, default=None):
    value = os.environ.get(name)
    return value if value not in (None, "") else default


def env_bool(name, default=False):
    value = env(name)
    return default if value is None else value.lower() in ("1", "true", "yes", "on")


def env_list(name, default=""):
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEV_SECRET_KEY = "django-insecure-homeward-development-only"
SECRET_KEY = env("SECRET_KEY", DEV_SECRET_KEY)
DEBUG = env_bool("DEBUG", True)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",  # its form templates, for FORM_RENDERER below
    "crispy_forms",
    "crispy_forms_gds",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_htmx",
    "health_check",
    "django_structlog",
    "django_filters",
    "core",
    "accounts",
    "audit",
    "homes",
    "children",
    "carers",
    "placements",
    "careleavers",
    "timescales",
    "notifications",
    "inspections",
    "ssda903",
    "reporting",
    "governance",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "accounts.middleware.SessionRenewalMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # A request id on every log line of the request (core.logs).
    "django_structlog.middlewares.RequestMiddleware",
    # Keeps what a signed-out person posted, so a timed-out form is re-filled after sign-in.
    "core.form_rescue.FormRescueMiddleware",
    # Deny by default: every view needs a signed-in user unless marked login_not_required.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # Then the second factor: enrol at the first sign-in, a code at every sign-in after it.
    "accounts.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "audit.middleware.RequestContextMiddleware",
    "axes.middleware.AxesMiddleware",
]

# Content-Security-Policy (django-csp): pages load only Homeward's own files, with no inline
# script or style, no plugins, no framing, and forms that post only back to Homeward. A template
# that ever needs an inline script adds csp.constants.NONCE to script-src and writes
# <script nonce="{{ request.csp_nonce }}">; none does today.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

ROOT_URLCONF = "config.urls"
# The Django admin's address: `admin/` unless moved (e.g. ADMIN_URL=staff-7f3c/), or `off` for
# none. Everyone reaching it is staff and needs the second factor (accounts.two_factor).
_admin_url = env("ADMIN_URL", "admin/").strip("/")
ADMIN_URL = "" if _admin_url.lower() == "off" else f"{_admin_url}/"
WSGI_APPLICATION = "config.wsgi.application"

# Widgets render by Jinja2 (templates/jinja2/, then Django's), the rest of a form through
# TEMPLATES (core.form_renderer).
FORM_RENDERER = "core.form_renderer.WidgetsInJinja2"

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
                "core.context_processors.council",
                "notifications.context_processors.bell",
            ],
        },
    },
]

# An empty or missing DATABASE_URL means the embedded SQLite database.
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{VAR_DIR / 'homeward.sqlite3'}"),
        conn_max_age=int(env("DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
elif not env_bool("DB_JIT", False):
    # PostgreSQL's JIT compiler costs more than it saves on Homeward's queries: the plans of the
    # aggregates look expensive, so it compiles them, which took seconds (2.3 s of the board
    # dashboard at regional size). Off for every connection, set when the connection opens.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
# Two-factor sign-in (accounts.two_factor): the name authenticator apps show for Homeward.
OTP_TOTP_ISSUER = f"Homeward {env('COUNCIL_NAME', 'Leeds City Council')}"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"

# Sessions end after 30 minutes without a request: renewed by accounts.middleware's
# SessionRenewalMiddleware at most once a minute, not written on every request.
SESSION_COOKIE_AGE = int(env("SESSION_COOKIE_AGE", "1800"))
SESSION_RENEW_SECONDS = 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# Failed logins: five tries per username and address, then a 15-minute lock.
AXES_FAILURE_LIMIT = int(env("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "homeward@council.example")
# Where people reach the service: the start of every link in an email (the daily digest).
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)

# The council running Homeward: its name on every page and report, and its ONS upper-tier
# local authority code, which decides whether a placement is outside the council's area.
COUNCIL_NAME = env("COUNCIL_NAME", "Leeds City Council")
COUNCIL_LA_CODE = env("COUNCIL_LA_CODE", "E08000035")
# The largest SSDA903 CSV file `ssda903 import` reads (a council of 1,500 children sends a few MB).
SSDA903_IMPORT_MAX_BYTES = int(env("SSDA903_IMPORT_MAX_BYTES", str(50 * 1000 * 1000)))

# Celery: Redis when a URL is given, otherwise kombu's filesystem transport under var/.
REDIS_URL = env("REDIS_URL")
CELERY_BROKER_URL = env("CELERY_BROKER_URL", REDIS_URL)
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", REDIS_URL)
if not CELERY_BROKER_URL:
    _broker_dir = VAR_DIR / "broker"
    for _sub in ("out", "processed", "control"):
        (_broker_dir / _sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_URL = "atomic-filesystem://"  # kombu's, with messages written whole
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "out"),
        "data_folder_out": str(_broker_dir / "out"),
        "processed_folder": str(_broker_dir / "processed"),
        "control_folder": str(_broker_dir / "control"),
        "store_processed": False,
        "polling_interval": 0.2,
    }
if not CELERY_RESULT_BACKEND:
    (VAR_DIR / "results").mkdir(parents=True, exist_ok=True)
    CELERY_RESULT_BACKEND = f"file://{VAR_DIR / 'results'}"
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
# Redis lost mid-job: stop the job, which Redis hands out again (acks_late), rather than finish a
# job that can no longer be acknowledged and would run twice. (The default from Celery 6.)
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
# How often, at most, the board's stored figures are worked out again after the records change
# (reporting.snapshots): a change shows on the dashboard within this many minutes.
BOARD_FIGURES_REFRESH_MINUTES = int(env("BOARD_FIGURES_REFRESH_MINUTES", "5"))
# The statutory checks, every morning; the task catches up any day missed since the last run.
CELERY_BEAT_SCHEDULE = {
    "daily-checks": {
        "task": "timescales.tasks.run_daily_checks",
        "schedule": crontab(hour=6, minute=0),
    },
    # The DfE SSDA903 rules on the return so far this year (ssda903), after the checks.
    "daily-903-validation": {
        "task": "ssda903.tasks.validate_return_daily",
        "schedule": crontab(hour=6, minute=30),
    },
    # The retention schedule (governance.retention): records past the child's 75th birthday.
    "retention": {
        "task": "governance.tasks.apply_retention",
        "schedule": crontab(hour=2, minute=30),
    },
    # The Corporate Parenting Board pack for the month just ended.
    "monthly-board-pack": {
        "task": "reporting.tasks.monthly_board_pack",
        "schedule": crontab(day_of_month=1, hour=7, minute=0),
    },
    # The board dashboard's stored figures for the latest month and quarter, when out of date.
    "board-figures": {
        "task": "reporting.tasks.refresh_board_figures",
        "schedule": crontab(minute=f"*/{BOARD_FIGURES_REFRESH_MINUTES}"),
    },
}
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")

# JSON lines with a request id, and nothing personal in them (core.logs).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "core.logs.json_formatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
}
DJANGO_STRUCTLOG_IP_LOGGING_ENABLED = False

# Regulation 44 and 45 (inspections). The regulation's deadline for the visitor's report was not
# verified (see notes/regulatory.md §3.1), so it is a setting: 14 days after the visit is a
# common council standard. A home with no visit this month is flagged from REG44_VISIT_DUE_DAY.
REG44_REPORT_DEADLINE_DAYS = int(env("REG44_REPORT_DEADLINE_DAYS", "14"))
REG44_VISIT_DUE_DAY = int(env("REG44_VISIT_DUE_DAY", "20"))
REG44_OFSTED_EMAIL = env("REG44_OFSTED_EMAIL", "enquiries@ofsted.example")
REG44_PROVIDER_EMAIL = env("REG44_PROVIDER_EMAIL", "registered.provider@council.example")
