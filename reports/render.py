"""Render a built report as JSON, CSV or a text table; CSV and table show the same rows."""

import csv
import io
import json
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

# Headings are marked for translation here and translated when the table is drawn.
COLUMNS = [
    ("area_code", gettext_noop("Area code")),
    ("area_name", gettext_noop("Area")),
    ("level", gettext_noop("Level")),
    ("code", gettext_noop("Indicator code")),
    ("name", gettext_noop("Indicator")),
    ("unit", gettext_noop("Unit")),
    ("numerator", gettext_noop("Numerator")),
    ("denominator", gettext_noop("Denominator")),
    ("value", gettext_noop("Value")),
    ("directive", gettext_noop("Directive")),
    ("bound", gettext_noop("Bound")),
    ("lower", gettext_noop("Lower")),
    ("upper", gettext_noop("Upper")),
    ("deadline", gettext_noop("Deadline")),
    ("status", gettext_noop("Status")),
    ("gap", gettext_noop("Gap")),
    ("room", gettext_noop("Room")),
]


def report_rows(report: dict[str, Any]) -> list[dict[str, Any]]:
    """Flatten the report into one row per area and indicator, the area first."""
    sections = [report, *report.get("children", [])]
    return [
        _row(section["area"], indicator)
        for section in sections
        for indicator in section["indicators"]
    ]


def _row(area: dict[str, str], indicator: dict[str, Any]) -> dict[str, Any]:
    target = indicator["target"] or {}
    row = {"area_code": area["code"], "area_name": area["name"], "level": area["level"]}
    row.update({key: indicator[key] for key in ("code", "name", "unit", "numerator")})
    row.update({key: indicator[key] for key in ("denominator", "value", "status", "gap")})
    row.update({key: target.get(key) for key in ("directive", "bound", "lower", "upper")})
    row.update(deadline=target.get("deadline"), room=indicator["room"])
    return row


def render_json(report: dict[str, Any]) -> str:
    return json.dumps(report, ensure_ascii=False, indent=2)


def render_csv(report: dict[str, Any]) -> str:
    return csv_text(report_rows(report), COLUMNS)


def render_table(report: dict[str, Any]) -> str:
    return table_text(report_rows(report), COLUMNS)


def csv_text(rows: list[dict[str, Any]], columns: list[tuple[str, str]]) -> str:
    """Write `rows` as CSV with the column keys as the header line."""
    buffer = io.StringIO()
    # Rows may carry keys the columns do not show (such as "suppressed" for aggregate readers).
    writer = csv.DictWriter(
        buffer, fieldnames=[key for key, _label in columns], extrasaction="ignore"
    )
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def table_text(rows: list[dict[str, Any]], columns: list[tuple[str, str]]) -> str:
    """Lay `rows` out in aligned columns under translated headings."""
    header = [_(label) for _key, label in columns]
    body = [[_cell(row[key]) for key, _label in columns] for row in rows]
    widths = [max(len(line[i]) for line in [header, *body]) for i in range(len(columns))]
    return "\n".join(_line(line, widths) for line in [header, *body]) + "\n"


def _line(cells: list[str], widths: list[int]) -> str:
    return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip()


def _cell(value: Any) -> str:
    return "" if value is None else str(value)


RENDERERS = {"json": render_json, "csv": render_csv, "table": render_table}
