"""Back up the PostgreSQL database with `pg_dump --format=custom`; restore with `restore_db`.

The dump holds personal data: it is created readable by its owner only (0600).
"""

import os
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import DEFAULT_DB_ALIAS
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.management.postgres import connection_args, require_postgresql, run_client


def default_output() -> Path:
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    return Path(settings.BASE_DIR) / "var" / "backups" / f"dqtv-{stamp}.dump"


class Command(BaseCommand):
    help = (
        "Dump the PostgreSQL database (pg_dump --format=custom) to --output, by default "
        "var/backups/dqtv-<date>-<time>.dump. Refuses SQLite."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", type=Path, help="The dump file to write.")

    def handle(self, *args: Any, **options: Any) -> None:
        database = settings.DATABASES[DEFAULT_DB_ALIAS]
        require_postgresql(database)
        output = options["output"] or default_output()
        output.parent.mkdir(parents=True, exist_ok=True)
        # Created private before pg_dump writes into it: the file is never readable by others.
        os.close(os.open(output, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
        output.chmod(0o600)
        args = ["--format=custom", "--no-owner", f"--file={output}", *connection_args(database)]
        run_client("pg_dump", args, database)
        self.stdout.write(
            _("Backed up %(database)s to %(file)s")
            % {
                "database": database["NAME"],
                "file": output,
            }
        )
