"""Import the party members living in each village from a CSV file (see units.village_counts)."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from units.village_counts import CountFileError, import_counts


class Command(BaseCommand):
    help = gettext_lazy(
        "Import the number of party members living in each village from the party "
        "organisation's register: a CSV of commune code, village, date and count."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help=gettext_lazy("CSV file, UTF-8"))

    def handle(self, *args: Any, file: str, **options: Any) -> None:
        try:
            text = Path(file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(
                _("Cannot read %(file)s: %(error)s") % {"file": file, "error": error}
            ) from None
        try:
            outcome = import_counts(text)
        except CountFileError as error:
            raise CommandError("\n".join(error.errors)) from None
        self.stdout.write(
            self.style.SUCCESS(
                _("%(created)d counts added, %(updated)d changed, %(unchanged)d unchanged.")
                % {
                    "created": outcome.created,
                    "updated": outcome.updated,
                    "unchanged": outcome.unchanged,
                }
            )
        )
