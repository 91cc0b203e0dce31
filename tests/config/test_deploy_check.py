"""`manage.py check --deploy` with the documented production environment (deploy/env.example)."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ENV_EXAMPLE = ROOT / "deploy" / "env.example"
READERS = [*sorted((ROOT / "config" / "settings").glob("*.py")), ROOT / "config/gunicorn.conf.py"]
# env("X"), env.int("X"), env.db("X"), os.environ.get("X"), os.environ["X"]
READ_NAME = re.compile(r"""(?:env(?:\.\w+)?\(|os\.environ(?:\.get\(|\[))\s*["']([A-Z_]+)["']""")


def documented_environment() -> dict[str, str]:
    """The variables deploy/env.example sets (its commented-out lines show defaults)."""
    lines = ENV_EXAMPLE.read_text().splitlines()
    pairs = (line.split("=", 1) for line in lines if line and not line.startswith("#"))
    return {name.strip(): value.strip() for name, value in pairs}


def check_deploy(tmp_path: Path, **overrides: str) -> subprocess.CompletedProcess:
    # The server's environment is the documented one: nothing the test run itself sets (the
    # browser tests' DJANGO_ALLOW_ASYNC_UNSAFE would be a deploy warning of its own).
    leave_out = {*documented_environment(), "DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_SETTINGS_MODULE"}
    env = {k: v for k, v in os.environ.items() if k not in leave_out}
    env.update(documented_environment())
    env.update(
        SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        STATIC_ROOT=str(tmp_path / "static"),
        ROSTER_UPLOAD_DIR=str(tmp_path / "uploads"),
        **overrides,
    )
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )


def test_the_documented_production_environment_passes_the_deploy_check(tmp_path):
    result = check_deploy(tmp_path)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_the_deploy_check_catches_the_local_trial_settings_of_make_serve(tmp_path):
    result = check_deploy(tmp_path, SECURE_SSL_REDIRECT="0", SESSION_COOKIE_SECURE="0")
    assert result.returncode != 0
    assert "security.W008" in result.stderr and "security.W012" in result.stderr


def test_every_environment_variable_the_settings_read_is_in_env_example():
    read = {name for path in READERS for name in READ_NAME.findall(path.read_text())}
    listed = set(re.findall(r"^#? ?([A-Z_]+)=", ENV_EXAMPLE.read_text(), flags=re.MULTILINE))
    assert read - listed == set()
