"""Test runs: fast password hashing; the database comes from DATABASE_URL as elsewhere."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Matrices send hundreds of requests per user; the throttling test sets its own rates.
REST_FRAMEWORK = {
    **REST_FRAMEWORK,  # noqa: F405
    "DEFAULT_THROTTLE_RATES": {"anon": "100000/minute", "user": "100000/minute"},
}

# Sign-in protection stays on, so the lockout tests are real. Attempts live in the database,
# which each test's transaction rolls back: no lockout leaks from one test into the next.
AXES_ENABLED = True
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = 5

# Uploads kept between preview and confirm go to a folder of this test run, not the install's.
ROSTER_UPLOAD_DIR = Path(tempfile.gettempdir()) / f"dqtv-test-uploads-{os.getpid()}"
