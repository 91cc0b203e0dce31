"""Print the indicator report of an area on a date as a table, CSV or JSON."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from reports import selectors
from reports.cli import (
    add_report_arguments,
    period_messages,
    read_or_fail,
    system_reader,
    window_from_options,
)
from reports.render import RENDERERS


class Command(BaseCommand):
    help = "Print the indicators of an area on a date, with targets, status and gap."

    def add_arguments(self, parser: CommandParser) -> None:
        add_report_arguments(
            parser,
            area_help="VN, a province, district or commune code, or U<id> for a force unit",
            period_what="flow period",
            formats=list(RENDERERS),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        window = window_from_options(options)
        report = read_or_fail(
            lambda: selectors.indicator_report(
                actor=system_reader(),
                area_code=options["area"],
                window=window,
                children=options["children"],
            ),
            not_found=_("--area: no area has the code %(code)r on %(date)s.")
            % {"code": options["area"], "date": window.on.isoformat()},
            refused=period_messages(),
        )
        self.stdout.write(RENDERERS[options["format"]](report), ending="")
