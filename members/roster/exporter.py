"""Write roster files: the export of the actor's area and the empty template.

An export re-imports to the same data: one row per service record, each carrying the person's
latest party record (the one a re-import matches by admission date).
"""

import csv
import datetime
from collections.abc import Iterable, Iterator
from typing import IO

from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import OuterRef, QuerySet, Subquery
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from members.models import PartyRecord, ServiceRecord
from members.services.audit import person_reads_log

from .columns import HEADERS
from .parsing import protect

CSV, XLSX = "csv", "xlsx"
CHUNK = 2000
TEXT_FORMAT = "@"
DATE_FORMAT = "yyyy-mm-dd"
READ_PURPOSE = "roster_export"


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
    for record in records:
        person = record.person
        yield [
            person.national_id or "",
            person.full_name,
            person.birth_date,
            person.sex,
            person.ethnicity,
            record.commune.code,
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


def csv_text(value: object) -> str:
    """Render a cell for CSV; a leading formula character is quoted so no program computes it."""
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return protect(str(value))


def write_csv(out: IO[str], rows: Iterable[list]) -> None:
    # The BOM makes Excel open the file as UTF-8; the importer accepts it with or without.
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADERS)
    for row in rows:
        writer.writerow([csv_text(value) for value in row])


def write_xlsx(out: IO[bytes], rows: Iterable[list]) -> None:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("roster")
    sheet.append(list(HEADERS))
    for row in rows:
        sheet.append([_xlsx_cell(sheet, value) for value in row])
    book.save(out)


def _xlsx_cell(sheet: object, value: object) -> WriteOnlyCell:
    if isinstance(value, datetime.date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = DATE_FORMAT
        return cell
    text = "" if value is None else str(value)
    # Text cells, never numbers: a national ID keeps its leading zero and nothing is computed.
    cell = WriteOnlyCell(sheet, value=protect(text))
    cell.data_type = "s"
    cell.number_format = TEXT_FORMAT
    return cell
