"""Every table of the indicator pages as `.xlsx` or `.csv`, from the rows the page shows.

A page builds its rows once (dicts) and its columns once (`Column`); the HTML, the workbook and
the CSV render those same rows. In the workbook numbers stay numbers and percentages are stored
as fractions with a percent format, so a spreadsheet computes with them; headers are the
translated labels the page shows.
"""

import csv
import datetime
import io
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

CSV, XLSX = "csv", "xlsx"
FORMATS = (CSV, XLSX)
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_START = ("=", "+", "-", "@")


@dataclass(frozen=True)
class Column:
    """One column: the row key, the translated header, and how its values are typed."""

    key: str
    label: str
    kind: str = "text"  # text, int, percent (a value in percent: 12.5 means 12,5 %), number, date


def table_response(
    *, name: str, columns: list[Column], rows: Iterable[dict[str, Any]], file_format: str
) -> HttpResponse:
    """Return the table as an attachment `name.xlsx` or `name.csv`."""
    if file_format == CSV:
        body, content_type = csv_bytes(columns, rows), "text/csv; charset=utf-8"
    else:
        body, content_type = xlsx_bytes(columns, rows), XLSX_TYPE
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}.{file_format}"'
    return response


def csv_bytes(columns: list[Column], rows: Iterable[dict[str, Any]]) -> bytes:
    """Write the table as UTF-8 CSV with a byte-order mark, which Excel needs for diacritics."""
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow([column.label for column in columns])
    for row in rows:
        writer.writerow([_csv_cell(row.get(column.key), column) for column in columns])
    return ("\ufeff" + text.getvalue()).encode()


def xlsx_bytes(columns: list[Column], rows: Iterable[dict[str, Any]]) -> bytes:
    """Write the table as a one-sheet workbook with typed cells."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append([column.label for column in columns])
    for row in rows:
        sheet.append([_xlsx_cell(row.get(column.key), column, book) for column in columns])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _xlsx_cell(value: Any, column: Column, book: Workbook) -> Any:
    if value is None or value == "":
        return None
    if column.kind == "percent":
        cell = WriteOnlyCell(book.worksheets[0], value=Decimal(str(value)) / 100)
        cell.number_format = "0.00%"
        return cell
    if column.kind in ("int", "number"):
        return value
    if column.kind == "date":
        return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(value)
    return _protected(str(value))


def _csv_cell(value: Any, column: Column) -> Any:
    if value is None:
        return ""
    if column.kind == "text":
        return _protected(str(value))
    return value


def _protected(text: str) -> str:
    """Keep a spreadsheet from reading a text as a formula (CSV/formula injection)."""
    return "'" + text if text.startswith(FORMULA_START) else text


__all__ = ["CSV", "FORMATS", "XLSX", "Column", "table_response"]
