"""Production: refuses to start with the development secret key or with debug on."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DATABASES, DEV_SECRET_KEY, MIDDLEWARE, SECRET_KEY, STATIC_ROOT, env

if SECRET_KEY == DEV_SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment in production.")

DEBUG = False
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=True)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True

# --- Serving (issue 13): HTTPS, sessions, database connections, static files, logs ---------
# Every value an operator may change is listed in deploy/env.example.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# The proxy and monitoring probe the health check over plain http on the private side.
SECURE_REDIRECT_EXEMPT = [r"^healthz/?$"]
# Behind nginx: "HTTP_X_FORWARDED_PROTO,https" (only if the proxy always sets that header).
SECURE_PROXY_SSL_HEADER = env.tuple("SECURE_PROXY_SSL_HEADER", default=None)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
if not SECURE_HSTS_PRELOAD:
    # Preloading hard-codes the domain into browsers and takes months to undo: it is the
    # operator's deliberate choice (SECURE_HSTS_PRELOAD=1), not a default to nag about.
    SILENCED_SYSTEM_CHECKS = [*globals().get("SILENCED_SYSTEM_CHECKS", []), "security.W021"]
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# Offices share computers: a session ends when the browser closes, and after a working day
# (8 hours) at the latest, so the next person at the desk does not inherit the last one's
# access to people's records.
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Persistent connections (seconds; 0 closes after each request), checked before reuse so a
# restarted PostgreSQL costs one failed check rather than one failed request.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# `collectstatic` writes compressed copies under content-hashed names; WhiteNoise serves them
# with far-future cache headers. Development and tests keep the plain storage (no manifest).
STATIC_ROOT = env.path("STATIC_ROOT", default=STATIC_ROOT)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = False

# One JSON line per request on stdout (config/observability.py), and every other log too.
MIDDLEWARE = ["config.observability.RequestLogMiddleware", *MIDDLEWARE]
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "config.observability.JsonFormatter"}},
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json",
        },
    },
    "root": {"handlers": ["stdout"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # The request line already reports every 4xx and 5xx; Django's own would repeat it.
        "django.request": {"level": "ERROR"},
        # Sign-in protection logs every sign-in with its username at INFO; only failures and
        # lockouts (security events, naming the account tried) are kept.
        "axes": {"level": "WARNING"},
    },
}
