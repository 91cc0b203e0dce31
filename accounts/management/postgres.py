"""Connection parameters for the PostgreSQL client programs behind `backup_db` and `restore_db`.

The password travels in the child's environment (PGPASSWORD), never on its command line, where
`ps` would show it, and is never printed.
"""

import os
import shutil
import subprocess
from collections.abc import Mapping
from typing import Any

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

POSTGRESQL_ENGINES = ("django.db.backends.postgresql", "django.contrib.gis.db.backends.postgis")


def require_postgresql(database: Mapping[str, Any]) -> None:
    """Refuse any database but PostgreSQL, naming the engine found."""
    if database.get("ENGINE") not in POSTGRESQL_ENGINES:
        raise CommandError(
            _(
                "Backups need PostgreSQL (pg_dump and pg_restore); this database uses "
                "%(engine)s. Copy the SQLite file instead while the server is stopped."
            )
            % {"engine": database.get("ENGINE", "?")}
        )


def connection_args(database: Mapping[str, Any]) -> list[str]:
    """Return the host, port, user and database options of a PostgreSQL client program."""
    args = []
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if database.get(key):
            args.append(f"{option}={database[key]}")
    return [*args, f"--dbname={database['NAME']}"]


def run_client(program: str, args: list[str], database: Mapping[str, Any]) -> None:
    """Run a PostgreSQL client program; raise CommandError with its message if it fails."""
    path = shutil.which(program)
    if path is None:
        raise CommandError(_("%(program)s was not found on this machine.") % {"program": program})
    env = dict(os.environ)
    if database.get("PASSWORD"):
        env["PGPASSWORD"] = str(database["PASSWORD"])
    # A fixed program and its arguments, no shell: nothing from the input is interpreted.
    result = subprocess.run([path, *args], env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise CommandError(
            _("%(program)s failed: %(message)s")
            % {"program": program, "message": result.stderr.strip()}
        )
