"""Settings shared by every environment; each value that differs comes from the environment."""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEV_SECRET_KEY = "dev-insecure-secret-key-change-me"
SECRET_KEY = env("SECRET_KEY", default=DEV_SECRET_KEY)
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "simple_history",
    "axes",
    "csp",
    # Two-step sign-in (issue 13): django-otp and its TOTP devices (`accounts.two_factor`).
    "django_otp",
    "accounts.two_factor.apps.TwoStepDevicesConfig",
    "accounts",
    "units",
    "members",
    "targets",
    "reports",
    "audit",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Serving: static files from the application server, compressed, under hashed names.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Two-step sign-in: django-otp tells whether the session passed the second step; ours then
    # holds back a session that still owes it (see `accounts.two_factor.middleware`).
    "django_otp.middleware.OTPMiddleware",
    "accounts.two_factor.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Sign-in protection and Content-Security-Policy (issue 13): axes turns a lockout into its
    # page, last so that it sees the response of every sign-in view.
    "csp.middleware.CSPMiddleware",
    "config.security_headers.PermissionsPolicyMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "config.menu.main_menu",
            ],
        },
    },
]

# Without DATABASE_URL the product runs on an embedded SQLite file (laptop, demo);
# production sets DATABASE_URL=postgres://… and runs on PostgreSQL through psycopg2.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Covering indexes (INCLUDE) are a PostgreSQL speed-up; SQLite builds them on their key
    # columns, which is all a laptop needs.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The product's queries read indicator facts and pages of rows: a few milliseconds each.
    # PostgreSQL's JIT compiles any query costed above 100,000 (a join with a 4 M-row table
    # is), and compiling takes 20-50 ms, more than the query (bench/RESULTS.md, issue 10).
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault("options", "-c jit=off")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
# A user holds the permissions of the group named after their role (made by a migration).
# Axes comes first: it refuses a locked-out account or address before any password is checked.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "accounts.backends.RoleBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Mail and password reset (issue 13): EMAIL_URL=smtp+tls://user:password@host:587 configures
# sending; without it the install sends no mail and offers no password reset (an administrator
# sets a new password instead).
# The URL holds the mail password: read into a lower-case name, which is not a setting and so
# never shows on a debug page.
email_url = env.str("EMAIL_URL", default="")
EMAIL_CONFIGURED = bool(email_url)
if EMAIL_CONFIGURED:
    vars().update(env.email_url_config(email_url))
del email_url
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="webmaster@localhost")

# Sign-in protection (issue 13): after AXES_FAILURE_LIMIT wrong passwords for one account, or
# from one address, both are refused for AXES_COOLOFF_MINUTES, the right password included.
# Attempts live in the database (the admin shows them to the national administrator; the
# command `axes_reset_username` unlocks early). A success resets nothing: one valid account
# must not wipe its address's count of failures on the others.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = [["username"], ["ip_address"]]
AXES_RESET_ON_SUCCESS = False
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_HTTP_RESPONSE_CODE = 429
AXES_ENABLE_ACCESS_FAILURE_LOG = True
# Axes' admin is registered by `accounts.lockout_admin`, with the project's input guard.
AXES_ENABLE_ADMIN = False
# The address is REMOTE_ADDR, or behind nginx the header CLIENT_IP_HEADER names
# ("HTTP_X_REAL_IP", which deploy/nginx.conf always overwrites): see `accounts.lockout`.
CLIENT_IP_HEADER = env.str("CLIENT_IP_HEADER", default="")
AXES_CLIENT_IP_CALLABLE = "accounts.lockout.client_ip"

# Two-step sign-in (issue 13): after the password, a code from an authenticator app (TOTP).
# Any user may turn it on for themselves; for these roles it is required, and they can open no
# page until they have enrolled a device and entered its code (`accounts.two_factor`).
TWO_FACTOR_REQUIRED_ROLES = ["national_admin"]
# The name the authenticator app shows beside the account (an install may name its province).
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="DQTV")
# A wrong code makes the next one wait 1, 2, 4, 8 … seconds (OTP_TOTP_THROTTLE_FACTOR each).
OTP_TOTP_THROTTLE_FACTOR = 1
# No admin page shows a device's secret or its QR code.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Serving: development and tests need no collected folder (WhiteNoise looks files up per
# request; with DEBUG, in the source folders); production.py serves the collected, hashed files.
WHITENOISE_AUTOREFRESH = True

# Aggregate-only readers see no figure about fewer people than this (a small cell can name
# them); `reports.small_cells` applies it.
SMALL_CELL_MIN = env.int("SMALL_CELL_MIN", default=5)

# Roster uploads (issue 13): a file waits here between its preview and its confirmation. One
# folder per install, private to the server's user (created 0o700); `purge_uploads` sweeps it.
ROSTER_UPLOAD_DIR = Path(
    env.str("ROSTER_UPLOAD_DIR", default=str(BASE_DIR / "var" / "uploads" / "roster"))
)

REST_FRAMEWORK = {
    # A token for programs (`Authorization: Token <key>`), the session for the browser.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        # The session only once its two-step sign-in is done (403 `two_factor_required`).
        "config.api.authentication.VerifiedSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "rest_framework.parsers.JSONParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": env.int("API_PAGE_SIZE", default=50),
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "config.api.errors.api_exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "config.api.throttling.AnonThrottle",
        "config.api.throttling.UserThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("API_THROTTLE_ANON", default="30/minute"),
        "user": env.str("API_THROTTLE_USER", default="600/minute"),
    },
}

SPECTACULAR_SETTINGS = {
    "TITLE": "DQTV party development API",
    "DESCRIPTION": (
        "Indicators, trends, the admission pipeline, directives and targets, people and roster "
        "import of the militia, self-defence and reserve forces (DOMAIN.md)."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # The documentation page's scripts and styles are served from the installed sidecar
    # package: nothing loads from outside the province's network.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # One name per choice set, whatever field carries it (`force`, `current_force`, ...).
    "ENUM_NAME_OVERRIDES": {
        "ForceEnum": "units.models.Force",
        "StageEnum": "members.models.Stage",
    },
}

# Content-Security-Policy (issue 13): the pages load scripts, styles and images from this
# server alone, run no inline script or style, and may not be framed. The API documentation
# page serves its script as a file (SpectacularSwaggerSplitView) to fit.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
# Sent by `config.security_headers`: the product uses no camera, microphone or location.
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
