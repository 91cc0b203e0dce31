"""Argument reading shared by the report commands: dates and the report window."""

import datetime
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

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
    """Build the report window from --date, --period-start and --period-end."""
    on = parse_date(options["date"], "--date")
    start, end = (
        parse_date(options[key], f"--{key.replace('_', '-')}") if options[key] else None
        for key in ("period_start", "period_end")
    )
    window = default_window(on, start, end)
    if window.start > window.end:
        raise CommandError(_("--period-start: the period starts after it ends."))
    return window
