"""Print the indicator report of an area on a date as a table, CSV or JSON."""

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from reports.areas import AreaNotFound, resolve_area
from reports.render import RENDERERS
from reports.report import build_report, default_window


def parse_date(value: str, argument: str) -> datetime.date:
    """Read an ISO date; name the argument when it is not one."""
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"{argument}: {value!r} is not a date (YYYY-MM-DD).") from error


class Command(BaseCommand):
    help = "Print the indicators of an area on a date, with targets, status and gap."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--area",
            required=True,
            help="VN, a province, district or commune code, or U<id> for a force unit",
        )
        parser.add_argument("--date", required=True, help="report date, YYYY-MM-DD")
        parser.add_argument("--children", action="store_true", help="add the areas one level down")
        parser.add_argument("--period-start", help="flow period start (default: 1 January)")
        parser.add_argument("--period-end", help="flow period end (default: the report date)")
        parser.add_argument("--format", choices=sorted(RENDERERS), default="table")

    def handle(self, *args: Any, **options: Any) -> None:
        on = parse_date(options["date"], "--date")
        start, end = (
            parse_date(options[key], f"--{key.replace('_', '-')}") if options[key] else None
            for key in ("period_start", "period_end")
        )
        window = default_window(on, start, end)
        if window.start > window.end:
            raise CommandError("--period-start: the period starts after it ends.")
        try:
            area = resolve_area(options["area"], on)
        except AreaNotFound as error:
            raise CommandError(
                f"--area: no area has the code {options['area']!r} on {on.isoformat()}."
            ) from error
        report = build_report(area=area, window=window, children=options["children"])
        self.stdout.write(RENDERERS[options["format"]](report), ending="")
