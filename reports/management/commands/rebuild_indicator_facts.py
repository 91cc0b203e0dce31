"""Recompute the indicator facts from the stored records and check them against the live
computation."""

import datetime
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from reports.cli import parse_date
from reports.facts.rebuild import rebuild
from reports.facts.verify import default_dates, differences


class Command(BaseCommand):
    help = (
        "Recompute the indicator facts from scratch, then compare them with the live "
        "computation for the nation and every province on a few dates."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--verify-only", action="store_true", help="compare the facts as they are, no rebuild"
        )
        parser.add_argument("--no-verify", action="store_true", help="rebuild without comparing")
        parser.add_argument(
            "--date",
            action="append",
            default=[],
            help="a date to compare on, YYYY-MM-DD (repeatable; default: today, both sides "
            "of the 2025 reform and the last three year ends)",
        )
        parser.add_argument(
            "--nation-only", action="store_true", help="compare the nation by province only"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["verify_only"] and options["no_verify"]:
            raise CommandError(_("--verify-only and --no-verify exclude each other."))
        days = [parse_date(value, "--date") for value in options["date"]]
        if not options["verify_only"]:
            started = time.monotonic()
            rows = rebuild()
            self.stdout.write(
                _("Rebuilt %(rows)s fact rows in %(seconds).1f s.")
                % {"rows": rows, "seconds": time.monotonic() - started}
            )
        if not options["no_verify"]:
            self.verify(days or default_dates(timezone.localdate()), not options["nation_only"])

    def verify(self, days: list[datetime.date], provinces: bool) -> None:
        found = 0
        for difference in differences(days, provinces=provinces):
            found += 1
            self.stdout.write(str(difference))
        if found:
            raise CommandError(
                _("%(count)s figures differ between the facts and the live computation.")
                % {"count": found}
            )
        self.stdout.write(
            _("The facts agree with the live computation on %(days)s.")
            % {"days": ", ".join(day.isoformat() for day in days)}
        )
