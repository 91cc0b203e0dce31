"""Print the indicator report of an area on a date as a table, CSV or JSON."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from reports.areas import AreaNotFound, resolve_area
from reports.cli import add_report_arguments, window_from_options
from reports.render import RENDERERS
from reports.report import build_report


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
        on = window.on
        try:
            area = resolve_area(options["area"], on)
        except AreaNotFound as error:
            raise CommandError(
                _("--area: no area has the code %(code)r on %(date)s.")
                % {"code": options["area"], "date": on.isoformat()}
            ) from error
        report = build_report(area=area, window=window, children=options["children"])
        self.stdout.write(RENDERERS[options["format"]](report), ending="")
