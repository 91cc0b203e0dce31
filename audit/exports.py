"""The audit lists as `.xlsx` or `.csv`: the same rows the page shows, every one the filters keep.

Files are bounded by the lists' `ROW_LIMIT` and built in a spooled file (in memory while small,
on disk beyond), so the reads they record are written in the request's transaction, with the
file. Times are Vietnam's local time: in the workbook as date-time cells shown dd/mm/yyyy hh:mm,
in the CSV as ISO text. Texts that a spreadsheet would compute are quoted.
"""

import csv
import datetime
import io
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.http import FileResponse, HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from members.roster.parsing import protect

CSV, XLSX = "csv", "xlsx"
FORMATS = (CSV, XLSX)
WHEN_FORMAT = "dd/mm/yyyy hh:mm:ss"
SPOOL_BYTES = 8 * 1024 * 1024


@dataclass(frozen=True)
class Column:
    """One column: the attribute of the row it shows and its translated header."""

    key: str
    label: str


def file_response(
    *, name: str, columns: list[Column], rows: Iterable[Any], file_format: str
) -> HttpResponse:
    """Return the rows as the attachment `name.csv` or `name.xlsx`."""
    table = ([_value(row, column) for column in columns] for row in rows)
    headers = [str(column.label) for column in columns]
    if file_format == CSV:
        text = io.StringIO()
        # The byte-order mark makes Excel read the file as UTF-8 (Vietnamese diacritics).
        text.write("\ufeff")
        writer = csv.writer(text, lineterminator="\r\n")
        writer.writerow(headers)
        writer.writerows([_csv_cell(value) for value in row] for row in table)
        response = HttpResponse(text.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    out = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 - FileResponse closes it
    _write_xlsx(out, headers, table)
    out.seek(0)
    return FileResponse(out, as_attachment=True, filename=f"{name}.xlsx")


def _value(row: Any, column: Column) -> Any:
    value = getattr(row, column.key)
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        # Spreadsheets know no time zones: write the local time the page shows.
        return timezone.localtime(value).replace(tzinfo=None)
    return value


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    return protect(str(value))


def _write_xlsx(out: Any, headers: list[str], table: Iterable[list[Any]]) -> None:
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(headers)
    for row in table:
        sheet.append([_xlsx_cell(sheet, value) for value in row])
    book.save(out)


def _xlsx_cell(sheet: Any, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = WHEN_FORMAT
        return cell
    cell = WriteOnlyCell(sheet, value=protect(str(value)))
    cell.data_type = "s"
    return cell
