"""Gunicorn settings: `gunicorn -c config/gunicorn.conf.py` (make serve, deploy/dqtv-party.service).

Every value comes from the environment (deploy/env.example); the defaults suit one server
behind nginx on the same machine.
"""

import os

wsgi_app = "config.wsgi:application"  # production settings unless DJANGO_SETTINGS_MODULE says
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# The usual 2 × cores + 1 synchronous workers, capped: each holds a database connection
# (CONN_MAX_AGE) and a roster import's memory (~140 MB for 100,000 rows).
MAX_WORKERS = 9
workers = int(os.environ.get("GUNICORN_WORKERS", min(2 * (os.cpu_count() or 1) + 1, MAX_WORKERS)))

# A province's 100,000-row roster imports in ~30 s (bench/RESULTS.md); the limit leaves room
# and nginx's proxy_read_timeout matches it.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = 5

# Only the proxy may say that a request came over HTTPS (X-Forwarded-Proto).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

# The application logs each request as one JSON line on stdout (config/observability.py),
# with the user id gunicorn cannot know. Gunicorn's own access line, also on stdout and in
# JSON, is for requests the application never answers (worker timeouts); it carries the
# path without the query string, which can hold names and national IDs.
accesslog = "-" if os.environ.get("GUNICORN_ACCESS_LOG", "0") == "1" else None
access_log_format = (
    '{"logger": "gunicorn.access", "request_id": "%({x-request-id}i)s", '
    '"method": "%(m)s", "path": "%(U)s", "status": %(s)s, "duration_ms": %(M)s}'
)
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
