"""Print the series of one indicator for an area, year by year or month by month."""

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from reports import selectors
from reports.cli import parse_date, read_or_fail, system_reader
from reports.render import csv_text, table_text
from reports.trends import COLUMNS, trend_rows
from targets.indicators import Indicator

FORMATS = {
    "json": lambda series: json.dumps(series, ensure_ascii=False, indent=2),
    "csv": lambda series: csv_text(trend_rows(series), COLUMNS),
    "table": lambda series: table_text(trend_rows(series), COLUMNS),
}


class Command(BaseCommand):
    help = "Print one indicator of an area over time, reaching back across the 2025 reform."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--area", required=True, help="VN, a province, district or commune code (on --to)"
        )
        parser.add_argument("--indicator", required=True, choices=sorted(Indicator.values))
        parser.add_argument("--from", dest="first", required=True, help="first day, YYYY-MM-DD")
        parser.add_argument("--to", dest="last", required=True, help="last day, YYYY-MM-DD")
        parser.add_argument("--step", choices=selectors.STEPS, default="year")
        parser.add_argument("--format", choices=sorted(FORMATS), default="table")

    def handle(self, *args: Any, **options: Any) -> None:
        first = parse_date(options["first"], "--from")
        last = parse_date(options["last"], "--to")
        series = read_or_fail(
            lambda: selectors.indicator_trend(
                actor=system_reader(),
                area_code=options["area"],
                code=options["indicator"],
                first=first,
                last=last,
                step=options["step"],
            ),
            not_found=_("--area: no area has the code %(code)s on %(date)s.")
            % {"code": options["area"], "date": last.isoformat()},
            refused={
                "series_reversed": _("--from: the series starts after it ends."),
                "force_unit": _("--area: trends are for administrative areas, not force units."),
            },
        )
        self.stdout.write(FORMATS[options["format"]](series), ending="")
