"""Print the admission pipeline of an area on a date as a table, CSV or JSON."""

import json
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
from reports.pipeline import COLUMNS, pipeline_rows
from reports.render import csv_text, table_text

FORMATS = {
    "json": lambda pipeline: json.dumps(pipeline, ensure_ascii=False, indent=2),
    "csv": lambda pipeline: csv_text(pipeline_rows(pipeline), COLUMNS),
    "table": lambda pipeline: table_text(pipeline_rows(pipeline), COLUMNS),
}


class Command(BaseCommand):
    help = "Print admission cases by stage, closed and overdue cases, and stage conversion."

    def add_arguments(self, parser: CommandParser) -> None:
        add_report_arguments(
            parser,
            area_help="VN, or a province, district or commune code",
            period_what="conversion period",
            formats=list(FORMATS),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        window = window_from_options(options)
        pipeline = read_or_fail(
            lambda: selectors.admission_pipeline(
                actor=system_reader(),
                area_code=options["area"],
                window=window,
                children=options["children"],
            ),
            not_found=_("--area: no area has the code %(code)s on %(date)s.")
            % {"code": options["area"], "date": window.on.isoformat()},
            refused={
                **period_messages(),
                "force_unit": _("--area: a force unit has no admission cases; give its commune."),
            },
        )
        self.stdout.write(FORMATS[options["format"]](pipeline), ending="")
