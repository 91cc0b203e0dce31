"""Settings read from the environment; each case runs in a fresh interpreter."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
PRINT_ENGINE = (
    "import django; django.setup(); from django.conf import settings; "
    "print(settings.DATABASES['default']['ENGINE'])"
)


def run_django(settings_module: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DATABASE_URL")}
    clean.update(DJANGO_SETTINGS_MODULE=settings_module, **env)
    return subprocess.run(
        [sys.executable, "-c", PRINT_ENGINE], cwd=ROOT, env=clean, capture_output=True, text=True
    )


def test_production_refuses_the_development_secret_key():
    result = run_django("config.settings.production")
    assert result.returncode != 0 and "SECRET_KEY must be set" in result.stderr


def test_production_starts_with_a_secret_key_from_the_environment():
    result = run_django("config.settings.production", SECRET_KEY="a-real-secret-for-this-test")
    assert result.returncode == 0, result.stderr


def test_without_database_url_the_product_runs_on_sqlite():
    result = run_django("config.settings.local")
    assert result.stdout.strip() == "django.db.backends.sqlite3"


def test_a_postgres_database_url_selects_postgresql():
    result = run_django("config.settings.local", DATABASE_URL="postgres://u@127.0.0.1:5432/x")
    assert result.stdout.strip() == "django.db.backends.postgresql"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="JIT is a PostgreSQL setting")
@pytest.mark.django_db
def test_postgresql_connections_do_not_compile_queries_just_in_time():
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
