"""Restore a `backup_db` dump with `pg_restore --clean --if-exists --no-owner`.

Into the configured database by default, or into --database-url (a restore drill, a copy).
Whatever the target held is replaced: the command asks first unless --no-input.
"""

from pathlib import Path
from typing import Any

import environ
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS
from django.utils.translation import gettext as _

from accounts.management.postgres import connection_args, require_postgresql, run_client


class Command(BaseCommand):
    help = (
        "Restore a dump made by backup_db into the configured PostgreSQL database, or into "
        "--database-url; the target's tables are replaced. Refuses SQLite."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--database-url", help="postgres://user@host:port/name to restore into."
        )
        parser.add_argument("--no-input", action="store_true", help="Do not ask to confirm.")

    def handle(self, *args: Any, **options: Any) -> None:
        database = self._target(options["database_url"])
        require_postgresql(database)
        file = options["file"]
        if not file.is_file():
            raise CommandError(_("No such file: %(path)s") % {"path": file})
        if not options["no_input"] and not self._confirmed(database["NAME"]):
            raise CommandError(_("Restore cancelled."))
        args = [
            "--clean",
            "--if-exists",
            "--no-owner",
            "--exit-on-error",
            *connection_args(database),
        ]
        run_client("pg_restore", [*args, str(file)], database)
        self.stdout.write(
            _("Restored %(file)s into %(database)s")
            % {
                "file": file,
                "database": database["NAME"],
            }
        )

    def _target(self, url: str | None) -> dict[str, Any]:
        if url:
            return environ.Env.db_url_config(url)
        return dict(settings.DATABASES[DEFAULT_DB_ALIAS])

    def _confirmed(self, name: str) -> bool:
        question = _("Every table of %(database)s will be replaced. Type 'yes' to go on: ")
        return input(question % {"database": name}).strip() == "yes"
