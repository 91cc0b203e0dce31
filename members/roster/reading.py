"""Open a roster file and stream its rows, refusing what is not a roster before parsing it.

Rows are yielded one at a time (openpyxl read-only mode, csv reader): a 100,000-row file is
never held in memory, and nothing here touches the database. The header line decides the
file's language: Vietnamese (the template's) or English (the first format's); one line may not
mix them.
"""

import codecs
import csv
import difflib
import io
import unicodedata
import zipfile
from collections.abc import Iterator
from typing import BinaryIO

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from .columns import (
    EN,
    HEADER_ALIASES,
    HEADER_NAMES,
    HEADER_ROW,
    HEADERS,
    LANGUAGES,
    VI,
    WHOLE_FILE,
    RosterFileError,
    RowError,
)
from .vocabulary import fold

# Large enough for a province's 100,000-row roster as CSV, far below what a server can parse.
DEFAULT_MAX_BYTES = 16 * 1024 * 1024
XLSX_MAGIC = b"PK\x03\x04"
# Legacy .xls and other OLE documents, PDF, PNG, JPEG, GIF: common wrong uploads that a text
# check alone would only call "not UTF-8".
OTHER_MAGIC = (b"\xd0\xcf\x11\xe0", b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8")
# PostgreSQL cannot store it in a text column and SQLite would store it unseen: refused
# wherever it stands, naming its row.
NUL = "\x00"

Cell = str | int | float | object | None
RawRow = tuple[int, list[Cell]]
# Per language: a header as compared (folded) → its column key.
HEADER_KEYS = {
    language: {
        **{fold(name): key for key, name in HEADER_NAMES[language].items()},
        **{fold(alias): key for alias, key in HEADER_ALIASES[language].items()},
    }
    for language in LANGUAGES
}


def max_bytes() -> int:
    return getattr(settings, "ROSTER_IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES)


def file_refused(message: str) -> RosterFileError:
    return RosterFileError([RowError(WHOLE_FILE, "", message)])


def check_size(size: int) -> None:
    """Refuse an empty file or one over the limit, before anything reads it."""
    if size == 0:
        raise file_refused(_("The file is empty."))
    if size > max_bytes():
        raise file_refused(
            _("The file is %(size)s MB; the limit is %(limit)s MB. Split it by commune.")
            % {"size": round(size / 1_048_576, 1), "limit": round(max_bytes() / 1_048_576, 1)}
        )


def file_size(source: BinaryIO) -> int:
    source.seek(0, io.SEEK_END)
    size = source.tell()
    source.seek(0)
    return size


def read_rows(source: BinaryIO) -> tuple[str, Iterator[RawRow]]:
    """Read the header line of `source`; return the file's language and its data rows.

    The rows come as (row number, cells in HEADERS order), blank rows left out.
    """
    check_size(file_size(source))
    head = source.read(4096)
    source.seek(0)
    if head.startswith(XLSX_MAGIC):
        rows = _xlsx_rows(source)
    elif head.startswith(OTHER_MAGIC) or head.count(b"\x00") * 8 > len(head):
        # UTF-16 and binary files are full of NUL bytes; a stray one in a CSV is refused later,
        # with its row and column.
        raise file_refused(_("This is not a roster file: save it as .xlsx or as CSV UTF-8."))
    else:
        rows = _csv_rows(source)
    try:
        language, positions = _read_header(next(rows, None))
    except RosterFileError:
        rows.close()  # closes the workbook now rather than when collected
        raise
    return language, _data_rows(rows, positions)


def _read_header(header: list[Cell] | None) -> tuple[str, list[int]]:
    if header is None:
        raise file_refused(_("The file is empty."))
    if any(isinstance(cell, str) and NUL in cell for cell in header):
        raise RosterFileError([nul_refused(HEADER_ROW, "")])
    return _header_positions(header)


def _data_rows(rows: Iterator[list[Cell]], positions: list[int]) -> Iterator[RawRow]:
    found = False
    # A file with the columns in template order (the usual case) needs no reordering.
    in_order = positions == list(range(len(HEADERS)))
    for number, cells in enumerate(rows, start=HEADER_ROW + 1):
        # any() first: cheap, and only a falsy row can be blank (0 is falsy but not blank).
        if not any(cells) and all(cell is None or cell == "" for cell in cells):
            continue  # Excel keeps blank formatted lines at the end of a sheet
        found = True
        if in_order and len(cells) == len(HEADERS):
            yield number, cells
        else:
            yield number, [cells[i] if i < len(cells) else None for i in positions]
    if not found:
        raise file_refused(_("The file has a header line but no data rows."))


def _header_positions(header: list[Cell]) -> tuple[str, list[int]]:
    """Return the file's language and each column's position, in HEADERS order.

    The language is the one most of the names belong to. Refuse unknown, repeated or missing
    columns, and a column named in the other language, naming each in the file's language.
    """
    names = [
        unicodedata.normalize("NFC", str(cell).strip()) if cell is not None else ""
        for cell in header
    ]
    while names and not names[-1]:
        names.pop()
    folded = [fold(name) for name in names]
    counts = {lang: sum(name in HEADER_KEYS[lang] for name in folded) for lang in LANGUAGES}
    language = EN if counts[EN] > counts[VI] else VI
    keys = [HEADER_KEYS[language].get(name) for name in folded]
    errors = _header_errors(names, keys, language)
    if errors:
        raise RosterFileError(errors)
    return language, [keys.index(key) for key in HEADERS]


def _header_errors(names: list[str], keys: list[str | None], language: str) -> list[RowError]:
    other = VI if language == EN else EN
    # A column named in the other language is refused once, as such, and not also as missing.
    foreign = [
        HEADER_KEYS[other].get(fold(name)) if key is None else None
        for name, key in zip(names, keys, strict=True)
    ]
    errors = [
        _unknown_header(name, language, keys, foreign_key)
        for name, key, foreign_key in zip(names, keys, foreign, strict=True)
        if key is None
    ]
    headers = HEADER_NAMES[language]
    twice, missing = _("The column %(name)s appears twice."), _("The column %(name)s is missing.")
    errors += [
        RowError(HEADER_ROW, headers[key], twice % {"name": headers[key]})
        for key in HEADERS
        if keys.count(key) > 1
    ]
    errors += [
        RowError(HEADER_ROW, headers[key], missing % {"name": headers[key]})
        for key in HEADERS
        if key not in keys and key not in foreign
    ]
    return errors


def _unknown_header(
    name: str, language: str, keys: list[str | None], foreign_key: str | None
) -> RowError:
    headers = HEADER_NAMES[language]
    if foreign_key is not None:
        message = _(
            "%(name)s is a column name of the other language; in this file write %(expected)s "
            "(one language per header line, as in the template)."
        ) % {"name": name, "expected": headers[foreign_key]}
        return RowError(HEADER_ROW, name, message)
    missing = [headers[key] for key in HEADERS if key not in keys]
    close = difflib.get_close_matches(name, missing, n=1)
    if close:
        message = _("Unknown column %(name)s: did you mean %(expected)s?") % {
            "name": name,
            "expected": close[0],
        }
    else:
        message = _("Unknown column %(name)s.") % {"name": name}
    return RowError(HEADER_ROW, name or "?", message)


def _xlsx_rows(source: BinaryIO) -> Iterator[list[Cell]]:
    # ElementTree's ParseError and lxml's XMLSyntaxError, whichever openpyxl reads with, are
    # SyntaxErrors: a character XML forbids (NUL above all) or broken XML.
    try:
        # data_only=False keeps formulas as formulas, so that they can be refused.
        book = load_workbook(source, read_only=True, data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, SyntaxError) as error:
        raise file_refused(
            _("This is not a readable .xlsx workbook: save it again from Excel or as CSV UTF-8.")
        ) from error
    number = 0
    try:
        # The sheet is parsed as it is read: every row before the faulty one has been yielded.
        for number, row in enumerate(book.worksheets[0].iter_rows(), start=1):  # noqa: B007
            yield [_xlsx_value(cell) for cell in row]
    except SyntaxError as error:
        raise RosterFileError([_unreadable_row(number + 1)]) from error
    finally:
        book.close()


def _unreadable_row(number: int) -> RowError:
    return RowError(
        number,
        "",
        _(
            "Row %(row)s of the workbook cannot be read: it holds a character a workbook may "
            "not contain, such as NUL. Type that row again, or save the file as CSV UTF-8."
        )
        % {"row": number},
    )


def nul_refused(number: int, column: str) -> RowError:
    """Refuse a NUL character in row `number` (and `column`, when the column is known)."""
    return RowError(
        number,
        column,
        _(
            "Row %(row)s holds a NUL character (an invisible character of code 0), which "
            "cannot be stored: type the value again."
        )
        % {"row": number},
    )


def _xlsx_value(cell: object) -> Cell:
    if getattr(cell, "data_type", None) == "f":
        return FormulaCell(str(cell.value))
    return getattr(cell, "value", None)


class FormulaCell(str):
    """A cell Excel would compute: refused, whatever it computes (formula injection)."""


def _csv_rows(source: BinaryIO) -> Iterator[list[Cell]]:
    # utf-8-sig drops the BOM Excel writes; strict errors refuse cp1258 or latin-1 files.
    text = codecs.getreader("utf-8-sig")(source, errors="strict")
    lines = _decoded_lines(text)
    first = next(lines, None)
    if first is None:
        return
    delimiter = ";" if first.count(";") > first.count(",") else ","
    yield from csv.reader(_chain(first, lines), delimiter=delimiter)


def _decoded_lines(text: io.TextIOBase) -> Iterator[str]:
    line_number = 0
    try:
        for line_number, line in enumerate(text, start=1):  # noqa: B007
            yield line
    except UnicodeDecodeError as error:
        raise RosterFileError(
            [
                RowError(
                    line_number + 1,
                    "",
                    _(
                        "The file is not UTF-8 text (line %(line)s): in Excel choose "
                        "Save As, then CSV UTF-8."
                    )
                    % {"line": line_number + 1},
                )
            ]
        ) from error


def _chain(first: str, rest: Iterator[str]) -> Iterator[str]:
    yield first
    yield from rest
