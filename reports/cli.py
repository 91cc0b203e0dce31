"""What the report commands share: their arguments, their reader and their error messages."""

import datetime
from collections.abc import Callable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError, CommandParser
from django.http import Http404
from django.utils.translation import gettext as _

from accounts.models import Role, User
from reports.report import Window, default_window


def add_report_arguments(
    parser: CommandParser, *, area_help: str, period_what: str, formats: list[str]
) -> None:
    """Declare the arguments every report command takes: area, date, children, period, format."""
    parser.add_argument("--area", required=True, help=area_help)
    parser.add_argument("--date", required=True, help="report date, YYYY-MM-DD")
    parser.add_argument("--children", action="store_true", help="add the areas one level down")
    parser.add_argument("--period-start", help=f"{period_what} start (default: 1 January)")
    parser.add_argument("--period-end", help=f"{period_what} end (default: the report date)")
    parser.add_argument("--format", choices=sorted(formats), default="table")


def parse_date(value: str, argument: str) -> datetime.date:
    """Read an ISO date; name the argument when it is not one."""
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(
            _("%(argument)s: %(value)r is not a date (YYYY-MM-DD).")
            % {"argument": argument, "value": value}
        ) from error


def window_from_options(options: dict[str, Any]) -> Window:
    """Build the report window from --date, --period-start and --period-end.

    A period that starts after it ends is refused by the selector (`period_reversed`).
    """
    on = parse_date(options["date"], "--date")
    start, end = (
        parse_date(options[key], f"--{key.replace('_', '-')}") if options[key] else None
        for key in ("period_start", "period_end")
    )
    return default_window(on, start, end)


def system_reader() -> User:
    """Return the reader the commands act as: an unsaved national administrator.

    Whoever runs a management command already holds the whole database, so the commands read
    everything, and print figures whole (no small cell is hidden from a national reader).
    """
    return User(username="system", role=Role.NATIONAL_ADMIN, is_superuser=True, is_active=True)


def period_messages() -> dict[str, str]:
    """Word the selectors' refusals of a report window as the report commands' arguments."""
    return {"period_reversed": _("--period-start: the period starts after it ends.")}


def read_or_fail(
    read: Callable[[], dict[str, Any]], *, not_found: str, refused: Mapping[str, str]
) -> dict[str, Any]:
    """Call a selector; turn a missing area into `not_found` and a refusal into its message."""
    try:
        return read()
    except Http404 as error:
        raise CommandError(not_found) from error
    except ValidationError as error:
        raise CommandError(refused.get(error.code or "", " ".join(error.messages))) from error
