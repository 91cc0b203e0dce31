"""Write roster files: the export of the actor's area and the empty template.

An export re-imports to the same data: one row per service record, each carrying the person's
latest party record (the one a re-import matches by admission date). Files are Vietnamese by
default (headers, value labels, dd/mm/yyyy, the commune as "Xã Chi Lăng (06001)"); the first,
English format (keys, codes, ISO dates, commune codes) is still written on request.
"""

import csv
import datetime
from collections.abc import Iterable, Iterator, Sequence
from typing import IO

from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from members.models import PartyRecord, ServiceRecord
from members.services.audit import person_reads_log
from units.models import Commune

from . import columns as c
from .parsing import POSITION, protect
from .vocabulary import CHOICES, FILE_LOCALE, XLSX_DATE_FORMATS, Vocabulary, vocabulary

CSV, XLSX = "csv", "xlsx"
CHUNK = 2000
TEXT_FORMAT = "@"
READ_PURPOSE = "roster_export"
SHEET_TITLES = {c.VI: "Danh sách", c.EN: "roster"}
LISTS_TITLE = "Danh mục"
# A drop-down of communes longer than this helps nobody (a national admin's 3,000): left out.
MAX_LISTED_COMMUNES = 1000
# Excel's last row: a drop-down covers every row a cadre may add.
LAST_ROW = 1_048_576
CODED = tuple((POSITION[column], column) for column in CHOICES)
COMMUNE = POSITION[c.COMMUNE_CODE]
COLUMN_WIDTH = 20


def roster_queryset(*, actor: AbstractBaseUser) -> QuerySet[ServiceRecord]:
    """Return the service records of the actor's area, with the person's latest party record."""
    latest = PartyRecord.objects.filter(person=OuterRef("person")).order_by("-admitted_on")
    party = {
        name: Subquery(latest.values(name)[:1])
        for name in ("admitted_on", "full_member_on", "exit_on", "exit_kind")
    }
    return (
        ServiceRecord.objects.visible_to(actor)
        .select_related("person", "commune", "village", "unit")
        .annotate(**{f"party_{name}": value for name, value in party.items()})
        .order_by("person__national_id", "person_id", "start", "force")
    )


def roster_rows(records: Iterable[ServiceRecord]) -> Iterator[list]:
    """Yield each record's stored values in HEADERS order; the commune as its Commune."""
    for record in records:
        person = record.person
        yield [
            person.national_id or "",
            person.full_name,
            person.birth_date,
            person.sex,
            person.ethnicity,
            record.commune,
            record.village.name if record.village else "",
            record.force,
            record.category,
            record.unit.name if record.unit else "",
            record.start,
            record.end,
            record.party_admitted_on,
            record.party_full_member_on,
            record.party_exit_on,
            record.party_exit_kind or "",
        ]


def logged_rows(*, actor: AbstractBaseUser) -> Iterator[list]:
    """Yield the export's rows, recording each person read (DOMAIN.md §8), one insert a chunk."""
    logged: set[int] = set()
    pending: list[int] = []
    for record in roster_queryset(actor=actor).iterator(chunk_size=CHUNK):
        if record.person_id not in logged:
            logged.add(record.person_id)
            pending.append(record.person_id)
        if len(pending) >= CHUNK:
            person_reads_log(reader=actor, person_ids=pending, purpose=READ_PURPOSE)
            pending = []
        yield from roster_rows([record])
    person_reads_log(reader=actor, person_ids=pending, purpose=READ_PURPOSE)


def commune_choices(*, actor: AbstractBaseUser) -> list[str]:
    """Return the communes of the actor's area valid today, as the file writes them.

    Empty when there are too many for a drop-down list.
    """
    communes = (
        Commune.objects.visible_to(actor)
        .valid_on(timezone.localdate())
        .order_by("name", "code")
        .values_list("name", "code")[: MAX_LISTED_COMMUNES + 1]
    )
    listed = [commune_text(name, code, c.VI) for name, code in communes]
    return listed if len(listed) <= MAX_LISTED_COMMUNES else []


def commune_text(name: str, code: str, language: str) -> str:
    """Write a commune as a file of `language` does: the importer reads both forms back."""
    return f"{name} ({code})" if language == c.VI else code


def file_values(row: list, words: Vocabulary) -> list:
    """Turn a row of stored values into the values a file of `words.language` holds."""
    values = list(row)
    for index, column in CODED:
        if values[index]:
            values[index] = words.write(column, values[index])
    commune = values[COMMUNE]
    if isinstance(commune, Commune):
        values[COMMUNE] = commune_text(commune.name, commune.code, words.language)
    return values


def headers(language: str) -> list[str]:
    names = c.HEADER_NAMES[language]
    return [names[key] for key in c.HEADERS]


def csv_text(value: object, words: Vocabulary) -> str:
    """Render a cell for CSV; a leading formula character is quoted so no program computes it."""
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return words.date(value)
    return protect(str(value))


def write_csv(out: IO[str], rows: Iterable[list], *, language: str = c.VI) -> None:
    words = vocabulary(language)
    # The BOM makes Excel open the file as UTF-8; the importer accepts it with or without.
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(headers(language))
    for row in rows:
        writer.writerow([csv_text(value, words) for value in file_values(row, words)])


def write_xlsx(
    out: IO[bytes], rows: Iterable[list], *, language: str = c.VI, communes: Sequence[str] = ()
) -> None:
    """Write `rows` as a workbook of `language`.

    A Vietnamese workbook gets drop-down lists for the coded columns and for `communes`, kept
    on a hidden second sheet, and text columns, so that Excel keeps what a cadre types.
    """
    words = vocabulary(language)
    book = Workbook(write_only=True)
    sheet = book.create_sheet(SHEET_TITLES[language])
    for index in range(1, len(c.HEADERS) + 1):
        column = sheet.column_dimensions[get_column_letter(index)]
        column.width = COLUMN_WIDTH
        if language == c.VI:
            # What a cadre types stays as typed: an ID or a code keeps its leading zeros, and
            # 05/06/1995 stays the 5th of June on a computer whose Excel reads month first.
            column.number_format = TEXT_FORMAT
    sheet.freeze_panes = "A2"
    if language == c.VI:
        _add_lists(book, sheet, words, communes)
    sheet.append(headers(language))
    date_format = XLSX_DATE_FORMATS[language]
    for row in rows:
        sheet.append([_xlsx_cell(sheet, value, date_format) for value in file_values(row, words)])
    book.save(out)


def _add_lists(book: Workbook, sheet: object, words: Vocabulary, communes: Sequence[str]) -> None:
    """Put each list on the hidden sheet and a drop-down on its column of `sheet`.

    A list is referred to by its cells, not written in the rule: some labels hold a comma, the
    separator of an inline list, and Excel caps an inline list at 255 characters.
    """
    lists = {column: list(words.written[column].values()) for column, _enums in CHOICES.items()}
    if communes:
        lists[c.COMMUNE_CODE] = list(communes)
    holder = book.create_sheet(LISTS_TITLE)
    holder.sheet_state = "hidden"
    holder.append([words.names[column] for column in lists])
    for values in _columns_to_rows(list(lists.values())):
        holder.append(values)
    with translation.override(FILE_LOCALE):
        for number, (column, values) in enumerate(lists.items(), start=1):
            sheet.data_validations.append(_validation(column, number, len(values)))


def _columns_to_rows(columns: list[list[str]]) -> Iterator[list[str | None]]:
    for index in range(max(len(values) for values in columns)):
        yield [values[index] if index < len(values) else None for values in columns]


def _validation(column: str, list_number: int, length: int) -> DataValidation:
    letter = get_column_letter(list_number)
    strict = column != c.COMMUNE_CODE
    validation = DataValidation(
        type="list",
        formula1=f"'{LISTS_TITLE}'!${letter}$2:${letter}${length + 1}",
        allow_blank=True,
        showErrorMessage=True,
        # A commune may also be written by name or code: the list only suggests.
        errorStyle="stop" if strict else "warning",
        error=_("Choose a value from the list.")
        if strict
        else _("Choose a commune from the list, or write its name or its five-digit code."),
    )
    target = get_column_letter(POSITION[column] + 1)
    validation.add(f"{target}2:{target}{LAST_ROW}")
    return validation


def _xlsx_cell(sheet: object, value: object, date_format: str) -> WriteOnlyCell:
    if isinstance(value, datetime.date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = date_format
        return cell
    text = "" if value is None else str(value)
    # Text cells, never numbers: a national ID keeps its leading zero and nothing is computed.
    cell = WriteOnlyCell(sheet, value=protect(text))
    cell.data_type = "s"
    cell.number_format = TEXT_FORMAT
    return cell
