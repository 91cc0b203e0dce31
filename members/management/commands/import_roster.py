"""Import a roster file from the command line, with the rules and messages of the web page.

Without --user the import runs as a national administrator would: no area bound, and history
rows without a user. With --user the file must lie within that user's area.
"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from members.roster.importer import import_roster


class Command(BaseCommand):
    help = "Import a roster (.xlsx or CSV UTF-8); all rows or none. Exit status 1 on any error."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Check only; write nothing.")
        parser.add_argument("--user", help="Username whose area bounds the file.")

    def handle(self, *args: object, **options: object) -> None:
        file, dry_run = options["file"], options["dry_run"]
        actor = self._actor(options["user"])
        if not file.is_file():
            raise CommandError(_("No such file: %(path)s") % {"path": file})
        with file.open("rb") as source:
            report = import_roster(source, actor=actor, dry_run=dry_run)
        for error in report.errors:
            self.stderr.write(f"row {error.row}, {error.column or '-'}: {error.message}")
        self.stdout.write(
            f"rows={report.rows} created={report.created} updated={report.updated} "
            f"unchanged={report.unchanged} villages_created={report.villages_created} "
            f"errors={report.error_count} dry_run={dry_run}"
        )
        if not report.ok:
            raise CommandError(
                _("%(count)s error(s); nothing was written.") % {"count": report.error_count}
            )

    def _actor(self, username: str | None) -> object:
        if username is None:
            return None
        try:
            return get_user_model().objects.get(username=username, is_active=True)
        except get_user_model().DoesNotExist as error:
            raise CommandError(_("No active user %(name)s.") % {"name": username}) from error
