"""Delete roster uploads kept for a preview that was never confirmed; run it from cron.

15 3 * * *  cd /srv/dqtv && .venv/bin/python manage.py purge_uploads --older-than-hours 24
"""

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from members.roster.files import purge_uploads


class Command(BaseCommand):
    help = "Delete kept roster uploads older than --older-than-hours (default 24); print how many."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--older-than-hours", type=float, default=24.0)

    def handle(self, *args: object, **options: object) -> None:
        hours = options["older_than_hours"]
        if hours < 0:
            raise CommandError(_("--older-than-hours must not be negative."))
        purged = purge_uploads(older_than_seconds=hours * 3600)
        self.stdout.write(_("Deleted %(count)s kept uploads.") % {"count": purged})
