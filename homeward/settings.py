"""Homeward settings. Every environment variable is read here and nowhere else (12-factor).

| variable        | default                          |
|-----------------|----------------------------------|
| DATABASE_URL    | sqlite:///var/homeward.sqlite3   |
| SECRET_KEY      | a random key kept in var/secret_key |
| ALLOWED_HOSTS   | 127.0.0.1,localhost              |
| DEBUG           | false                            |
| TIME_ZONE       | Asia/Kabul                       |
| LANGUAGE_CODE   | en                               |
| SECURE_SSL      | false (true behind HTTPS: HSTS, secure cookies, redirect) |
| HOMEWARD_IDLE_TIMEOUT_MINUTES | 30 (signed out after this long without a request) |
| HOMEWARD_SESSION_MAX_HOURS    | 12 (signed out this long after signing in, however active) |
| HOMEWARD_LOCKOUT_FAILURES     | 5 (failed sign-ins per username and address before a lockout) |
| HOMEWARD_LOCKOUT_MINUTES      | 30 (how long a lockout lasts) |
| HOMEWARD_FIGURES_MINUTES      | 10 (how long counted figures are kept before they are counted again) |

Production: DJANGO_SETTINGS_MODULE=homeward.settings_production (see docs/security.md).
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.conf.locale import LANG_INFO
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("HOMEWARD_VAR_DIR", BASE_DIR / "var"))


def _env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def _secret_key() -> str:
    """Use SECRET_KEY if given; otherwise keep a random key in var/ so sessions survive restarts."""
    if key := os.environ.get("SECRET_KEY"):
        return key
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


DEBUG = _env_bool("DEBUG")
SECRET_KEY = _secret_key()
ALLOWED_HOSTS = _env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = _env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_htmx",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",  # recovery codes (accounts.second_factor)
    "core",
    "accounts",
    "audit",
    "vocabularies",
    "locations",
    "names",
    "people",
    "exchange",
    "api",
    "consent",
    "protection",
    "reports",
    "demo",
]

MIDDLEWARE = [
    # First: everything after it (signing in included) is attributed to the client's address.
    "audit.middleware.RequestContextMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.SessionLifetimeMiddleware",
    "accounts.middleware.SecondFactorMiddleware",
    "accounts.middleware.UserPreferencesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "core.middleware.DatabaseBusyMiddleware",
    # Last, as django-axes asks: it turns a lockout raised by authentication into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "homeward.urls"
WSGI_APPLICATION = "homeward.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "access.context_processors.may",
            ],
        },
    },
]

# SQLite (WAL) is the embedded default; PostgreSQL 15+ via DATABASE_URL in production.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'homeward.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000; "
            "PRAGMA cache_size=-64000; PRAGMA temp_store=MEMORY; PRAGMA mmap_size=268435456;"
        ),
        "transaction_mode": "IMMEDIATE",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# django-axes first: it counts failed sign-ins (per username and address) and refuses a locked-out
# pair before the password is even checked. Every password check goes through authenticate(), so
# the sign-in page and the admin's are both covered; the API takes tokens only, never passwords.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("HOMEWARD_LOCKOUT_FAILURES", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("HOMEWARD_LOCKOUT_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
AXES_VERBOSE = False
AXES_ENABLE_ACCESS_FAILURE_LOG = True  # every failed sign-in kept, not only the running count
# Behind n reverse proxies set HOMEWARD_TRUSTED_PROXIES=n: the audit trail and the lockout then
# count the client's address from X-Forwarded-For, not the proxy's (docs/security.md).
HOMEWARD_TRUSTED_PROXIES = int(os.environ.get("HOMEWARD_TRUSTED_PROXIES", "0"))
if HOMEWARD_TRUSTED_PROXIES:
    AXES_IPWARE_PROXY_COUNT = HOMEWARD_TRUSTED_PROXIES
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]

# Two-factor (django-otp, TOTP): required of administrators, supervisors and anyone with access to
# the admin site; optional for the others (Preferences). accounts.middleware enforces it.
OTP_TOTP_ISSUER = os.environ.get("HOMEWARD_OTP_ISSUER", "Homeward")
HOMEWARD_SECOND_FACTOR_ROLES = ("administrator", "supervisor")

# Sessions: signed out after HOMEWARD_IDLE_TIMEOUT_MINUTES without a request, and at the latest
# HOMEWARD_SESSION_MAX_HOURS after signing in (accounts.middleware.SessionLifetimeMiddleware).
HOMEWARD_IDLE_TIMEOUT_MINUTES = int(os.environ.get("HOMEWARD_IDLE_TIMEOUT_MINUTES", "30"))
HOMEWARD_SESSION_MAX_HOURS = int(os.environ.get("HOMEWARD_SESSION_MAX_HOURS", "12"))

# Counted figures (reports.selectors.figures_kept_for) are kept this long, in a cache every web
# process shares: files under var/cache/, so that no cache server is needed.
HOMEWARD_FIGURES_MINUTES = int(os.environ.get("HOMEWARD_FIGURES_MINUTES", "10"))
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(VAR_DIR / "cache"),
        "OPTIONS": {"MAX_ENTRIES": 2000},
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = os.environ.get("LANGUAGE_CODE", "en")
LANGUAGES = [
    ("en", _("English")),
    ("fa-af", _("Dari")),
    ("ps", _("Pashto")),
    ("fa", _("Persian")),
    ("ar", _("Arabic")),
    ("ru", _("Russian")),
    ("az", _("Azerbaijani")),
]
# Django ships no language info for Dari or Pashto: declare their names, direction and fallback.
LANG_INFO.update(
    {
        "fa-af": {"bidi": True, "code": "fa-af", "name": "Dari", "name_local": "دری", "fallback": ["fa"]},
        "ps": {"bidi": True, "code": "ps", "name": "Pashto", "name_local": "پښتو"},
    }
)
LANGUAGES_BIDI = ["ar", "fa", "ps", "ur", "he", "ckb", "ug"]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Kabul")

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Security headers. No inline scripts or styles anywhere: behaviour lives in static/js/.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
SECURE_SSL = _env_bool("SECURE_SSL")
SECURE_SSL_REDIRECT = SECURE_SSL
SESSION_COOKIE_SECURE = SECURE_SSL
CSRF_COOKIE_SECURE = SECURE_SSL
SECURE_HSTS_SECONDS = 31536000 if SECURE_SSL else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_SSL
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if SECURE_SSL else None
SECURE_HSTS_PRELOAD = SECURE_SSL and _env_bool("HOMEWARD_HSTS_PRELOAD", True)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# The cookie lives as long as the longest session may; the middleware ends it sooner.
SESSION_COOKIE_AGE = int(os.environ.get("HOMEWARD_SESSION_MAX_HOURS", "12")) * 3600
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# Background work (imports of large files) runs on Django's tasks framework; the database backend's
# worker is `homeward db_worker`, which `make run` starts beside the web server.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.HashedTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.IdCursorPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.exceptions.api_exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Homeward API",
    "DESCRIPTION": "Returnees, households, return events, documents, locations and code lists.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# Uploaded import files: refused above this size (bytes); kept under VAR_DIR/imports until imported.
HOMEWARD_IMPORT_MAX_BYTES = int(os.environ.get("HOMEWARD_IMPORT_MAX_BYTES", str(512 * 1024 * 1024)))
HOMEWARD_IMPORT_DIR = VAR_DIR / "imports"

# Retention periods in days (consent/retention.py; `homeward retention --dry-run` lists what is due).
HOMEWARD_RETENTION = {
    "inactive_people_days": int(os.environ.get("HOMEWARD_RETAIN_INACTIVE_PEOPLE_DAYS", str(10 * 365))),
    "import_files_days": int(os.environ.get("HOMEWARD_RETAIN_IMPORT_FILES_DAYS", "7")),
    "closed_erasure_requests_days": int(
        os.environ.get("HOMEWARD_RETAIN_ERASURE_REQUESTS_DAYS", str(2 * 365))
    ),
}

# Homeward-specific settings.
HOMEWARD_HOME_COUNTRY = os.environ.get("HOMEWARD_HOME_COUNTRY", "AF")
HOMEWARD_PAGE_SIZE = 25
