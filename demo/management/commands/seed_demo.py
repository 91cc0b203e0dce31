"""Build a demo province that reproduces the figures of the seed documents."""

import datetime
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from demo.builders import constants
from demo.builders.run import seed_demo

NOTES = {
    "skipped": gettext_lazy(
        "Directive %(number)s skipped: province %(code)s is not loaded for its date."
    ),
}


def parse_day(value: str | None) -> datetime.date:
    """Return the demo date from YYYY-MM-DD (today when None); raise CommandError unless the
    demo can use it."""
    today = timezone.localdate()
    if value is None:
        return today
    try:
        day = datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(
            _("--date takes a date as YYYY-MM-DD, not %(value)r.") % {"value": value}
        ) from None
    if not constants.EARLIEST_DATE <= day <= today:
        raise CommandError(
            _("--date must lie between %(first)s and today (%(last)s).")
            % {"first": constants.EARLIEST_DATE, "last": today}
        )
    return day


class Command(BaseCommand):
    help = gettext_lazy(
        "Build the demo province (Lạng Sơn) with people, force service, admissions, commands, "
        "cells, directives and one login per role: its legacy units until 30 June 2025 and, "
        "for a date after it, its current units since. Needs load_admin_units first."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", default="1", help=gettext_lazy("Random seed (default 1)."))
        parser.add_argument(
            "--date",
            default=None,
            help=gettext_lazy(
                "Demo date as YYYY-MM-DD, from 2020-01-01 to today (default today). "
                "A date before 1 July 2025 builds the legacy province alone."
            ),
        )
        parser.add_argument(
            "--reset", action="store_true", help=gettext_lazy("Delete the demo rows and rebuild.")
        )

    def handle(self, *args: Any, seed: str, date: str | None, reset: bool, **options: Any) -> None:
        if not seed.isdigit():
            raise CommandError(
                _("--seed takes a whole number of 0 or more, not %(v)r.") % {"v": seed}
            )
        day, started = parse_day(date), time.monotonic()
        outcome = seed_demo(seed=int(seed), day=day, reset=reset, note=self.note)
        if not outcome.built:
            self.stdout.write(
                _("The demo data already exist; nothing changed. Use --reset to rebuild.")
            )
            return
        self.print_logins(outcome.logins)
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Demo built for %(date)s with seed %(seed)s: "
                    "%(people)d people in %(seconds).1f s."
                )
                % {
                    "date": day,
                    "seed": seed,
                    "people": outcome.people,
                    "seconds": time.monotonic() - started,
                }
            )
        )

    def print_logins(self, logins: list[tuple[str, str, str]]) -> None:
        """Print each demo login with its role and password."""
        for username, password, role in logins:
            self.stdout.write(
                _("%(role)s: %(username)s / %(password)s")
                % {"role": role, "username": username, "password": password}
            )

    def note(self, key: str, params: dict) -> None:
        """Print a note about something the build skipped."""
        self.stdout.write(self.style.WARNING(str(NOTES[key]) % params))
