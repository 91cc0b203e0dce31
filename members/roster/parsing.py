"""Turn one row's raw cells into typed values, with every error of the row named by column.

Only what one row can tell is checked here (formats, codes, dates in order, the national ID
against the birth date and sex); what needs the database or other rows comes later. Coded
values and columns are named in messages as the file's language writes them (`vocabulary`).
"""

import datetime
import functools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from members.militia_rules import Service, service_errors
from members.models import MilitiaServiceRules, Person
from members.validators import validate_national_id, validate_not_in_future
from units.models import DqtvCategory, Force, Village

from . import columns as c
from .columns import RowError
from .reading import NUL, Cell, FormulaCell, nul_refused
from .vocabulary import FORCE_CATEGORIES, Vocabulary, split_commune

MilitiaRulesOn = Callable[[datetime.date], MilitiaServiceRules | None]


ISO_DATE = re.compile(r"\A(\d{4})-(\d{2})-(\d{2})\Z")
# dd/mm/yyyy, as Vietnamese write dates; 17-05-1995 and 17.05.1995 are read alike.
DMY_DATE = re.compile(r"\A(\d{1,2})([/.-])(\d{1,2})\2(\d{4})\Z")
# Characters that make Excel or LibreOffice read a CSV cell as a formula (OWASP CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# The exporter writes an apostrophe before a text that starts with a formula character (see
# `protect`); before these ones the importer drops it again. Tab and CR are not among them:
# the importer strips them as the whitespace around a cell.
QUOTED_PREFIXES = ("=", "+", "-", "@")
# Any day up to the one before this module was loaded is past for good, whatever the server's
# time zone: only a later date needs today's date, whose lookup costs a third of a row.
SURELY_PAST = datetime.date.today() - datetime.timedelta(days=1)
POSITION = {column: index for index, column in enumerate(c.HEADERS)}
# The free-text columns stored as written, and how many characters their database column holds:
# PostgreSQL refuses a longer text (aborting the COPY), SQLite would store it whole.
MAX_LENGTHS = {
    c.FULL_NAME: Person._meta.get_field("full_name").max_length,
    c.ETHNICITY: Person._meta.get_field("ethnicity").max_length,
    c.VILLAGE: Village._meta.get_field("name").max_length,
}
REQUIRED = (
    c.NATIONAL_ID,
    c.FULL_NAME,
    c.BIRTH_DATE,
    c.SEX,
    c.COMMUNE_CODE,
    c.FORCE,
    c.CATEGORY,
    c.SERVICE_START,
)


@dataclass(slots=True)
class ParsedRow:
    number: int
    national_id: str
    full_name: str
    birth_date: datetime.date
    sex: str
    ethnicity: str
    # The commune cell holds a code, a name, or both ("Xã Chi Lăng (06001)"): one may be "".
    commune_code: str
    commune_name: str
    village: str
    force: str
    category: str
    unit: str
    start: datetime.date
    end: datetime.date | None
    party_admitted_on: datetime.date | None
    party_full_on: datetime.date | None
    party_exit_on: datetime.date | None
    party_exit_kind: str

    def personal(self) -> tuple:
        """The values every row of this person must repeat, in PERSONAL_COLUMNS order."""
        return (
            self.full_name,
            self.birth_date,
            self.sex,
            self.ethnicity,
            self.party_admitted_on,
            self.party_full_on,
            self.party_exit_on,
            self.party_exit_kind,
        )


class _Row:
    """Collect the errors of one row while converting its cells.

    Every cell is turned into text once, up front: the checks below read most columns
    several times, and a 100,000-row file makes each repeated conversion count.
    """

    __slots__ = ("cells", "errors", "number", "texts")

    def __init__(self, number: int, cells: list[Cell]) -> None:
        self.number = number
        self.cells = cells
        normalize = unicodedata.normalize
        self.texts = [
            normalize("NFC", value.strip()) if type(value) is str else _cell_text(value)
            for value in cells
        ]
        self.errors: list[RowError] = []
        # One scan of the row finds the rare rows with a cell to look at twice.
        joined = "\n".join(self.texts)
        if "'" in joined:
            self.texts = [unprotect(text) for text in self.texts]
        if NUL in joined:
            self.errors = [
                nul_refused(number, column)
                for column, text in zip(c.HEADERS, self.texts, strict=True)
                if NUL in text
            ]

    def fail(self, column: str, message: str) -> None:
        self.errors.append(RowError(self.number, column, message))

    def text(self, column: str) -> str:
        return self.texts[POSITION[column]]

    def date(self, column: str) -> datetime.date | None:
        index = POSITION[column]
        value = self.cells[index]
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        text = self.texts[index]
        return _parse_date(text) if text else None


def protect(text: str) -> str:
    """Return `text` as a roster file holds it: with an apostrophe before a formula character.

    No spreadsheet computes a cell that starts with an apostrophe. A text that already starts
    with apostrophes before =, +, -, @ gets one more, so that `unprotect` gives back `text`.
    """
    return "'" + text if text.startswith(FORMULA_PREFIXES) or _quoted(text) else text


def unprotect(text: str) -> str:
    """Drop the apostrophe `protect` put before =, +, - or @: export then import changes nothing."""
    return text[1:] if _quoted(text) else text


def _quoted(text: str) -> bool:
    return text.startswith("'") and text.lstrip("'").startswith(QUOTED_PREFIXES)


def _cell_text(value: Cell) -> str:
    """Text of a cell that is not a plain string: empty, a number or a date from a workbook."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFC", str(value).strip())


# A roster repeats a few hundred start dates and birth dates across 100,000 rows.
@functools.lru_cache(maxsize=65536)
def _parse_date(text: str) -> datetime.date | None:
    iso, dmy = ISO_DATE.match(text), DMY_DATE.match(text)
    try:
        if iso:
            return datetime.date(int(iso[1]), int(iso[2]), int(iso[3]))
        if dmy:
            return datetime.date(int(dmy[4]), int(dmy[3]), int(dmy[1]))
    except ValueError:
        return None
    return None


def parse_row(
    number: int, cells: list[Cell], words: Vocabulary, militia: MilitiaRulesOn
) -> tuple[ParsedRow | None, list[RowError]]:
    """Return the typed row, or None and every error found in it; `militia` gives the
    militia rules in force on a day (`rules_in_force`, loaded once per import)."""
    row = _Row(number, cells)
    if _refuse_formulas(row) or row.errors:
        return None, row.errors  # formulas or NUL characters: nothing more is worth reading
    for column in REQUIRED:
        if not row.text(column):
            row.fail(column, _("This column is required."))
    _check_lengths(row)
    dates = _dates(row)
    values = _codes(row, words)
    if row.errors:
        return None, row.errors
    parsed = ParsedRow(number=number, **values, **dates)
    _check_row_rules(row, parsed, words)
    _check_militia_rules(row, parsed, militia)
    return (None, row.errors) if row.errors else (parsed, [])


def _refuse_formulas(row: _Row) -> bool:
    if not any(
        isinstance(value, str) and value.startswith(FORMULA_PREFIXES) for value in row.cells
    ):
        return False  # FormulaCell is a str starting with "=": the common case stops here
    for column, value in zip(c.HEADERS, row.cells, strict=True):
        if isinstance(value, FormulaCell) or (
            isinstance(value, str) and value.startswith(FORMULA_PREFIXES)
        ):
            row.fail(
                column,
                _(
                    "The cell starts with %(char)s and would be read as a formula; formulas "
                    "are refused. Type the value itself."
                )
                % {"char": value[:1].replace("\t", "TAB").replace("\r", "CR")},
            )
    return bool(row.errors)


def _check_lengths(row: _Row) -> None:
    for column, limit in MAX_LENGTHS.items():
        if len(row.text(column)) > limit:
            row.fail(
                column,
                _("The text has %(length)s characters; this column holds at most %(limit)s.")
                % {"length": len(row.text(column)), "limit": limit},
            )


def _dates(row: _Row) -> dict:
    names = {
        c.BIRTH_DATE: "birth_date",
        c.SERVICE_START: "start",
        c.SERVICE_END: "end",
        c.PARTY_ADMITTED_ON: "party_admitted_on",
        c.PARTY_FULL_ON: "party_full_on",
        c.PARTY_EXIT_ON: "party_exit_on",
    }
    values = {}
    for column, name in names.items():
        values[name] = row.date(column)
        if values[name] is None and row.text(column):
            row.fail(
                column,
                _("%(value)s is not a date: write DD/MM/YYYY (for example 17/05/1995).")
                % {"value": row.text(column)},
            )
    return values


def _codes(row: _Row, words: Vocabulary) -> dict:
    sex = _coded(row, words, c.SEX)
    force = _coded(row, words, c.FORCE)
    category = _coded(row, words, c.CATEGORY)
    exit_kind = _coded(row, words, c.PARTY_EXIT_KIND)
    allowed = FORCE_CATEGORIES.get(force, ())
    if category and force and category not in allowed:
        row.fail(
            c.CATEGORY,
            _("%(value)s is not a category of %(force)s; write one of: %(allowed)s.")
            % {
                "value": row.text(c.CATEGORY),
                "force": words.write(c.FORCE, force),
                "allowed": words.accepted(c.CATEGORY, allowed),
            },
        )
    commune_code, commune_name = split_commune(row.text(c.COMMUNE_CODE))
    return {
        "national_id": _national_id(row),
        "full_name": row.text(c.FULL_NAME),
        "sex": sex,
        "ethnicity": row.text(c.ETHNICITY),
        "commune_code": commune_code,
        "commune_name": commune_name,
        "village": row.text(c.VILLAGE),
        "force": force,
        "category": category,
        "unit": row.text(c.UNIT),
        "party_exit_kind": exit_kind,
    }


def _national_id(row: _Row) -> str:
    national_id = row.text(c.NATIONAL_ID)
    if national_id.isdigit() and len(national_id) in (10, 11):
        # Excel stores an ID typed as a number without its leading zero; every birth-province
        # code starts with 0, so padding restores it without guessing.
        return national_id.zfill(12)
    return national_id


def _coded(row: _Row, words: Vocabulary, column: str) -> str:
    """Return the code of a coded cell (its code or its label); "" and an error if unknown."""
    text = row.text(column)
    if not text:
        return ""
    code = words.code(column, text)
    if code is None:
        row.fail(
            column,
            _("Unknown value %(value)s; write one of: %(allowed)s.")
            % {"value": text, "allowed": words.accepted(column)},
        )
        return ""
    return code


def _check_row_rules(row: _Row, parsed: ParsedRow, words: Vocabulary) -> None:
    try:
        validate_national_id(parsed.national_id, birth_date=parsed.birth_date, sex=parsed.sex)
    except ValidationError as error:
        row.fail(c.NATIONAL_ID, " ".join(error.messages))
    if parsed.end and parsed.end < parsed.start:
        row.fail(c.SERVICE_END, _("The service ends before it starts."))
    if parsed.force == Force.SELF_DEFENCE and parsed.category == DqtvCategory.STANDING:
        row.fail(c.CATEGORY, _("Only the militia has a standing force."))
    if parsed.start < parsed.birth_date:
        row.fail(c.SERVICE_START, _("The service starts before the birth date."))
    if parsed.birth_date > SURELY_PAST:
        _check_not_in_future(row, c.BIRTH_DATE, parsed.birth_date)
    _check_party(row, parsed, words)


# The service fields the militia rules name, and the columns that hold them in a file.
MILITIA_COLUMNS = {"start": c.SERVICE_START, "end": c.SERVICE_END}


def _check_militia_rules(row: _Row, parsed: ParsedRow, militia: MilitiaRulesOn) -> None:
    """Ages and terms of militia and self-defence (Law 48/2019 art. 8), as entry checks them.

    A file has no column for a volunteer or an extension: such a record is entered on its
    person's page."""
    if parsed.force == Force.RESERVE:
        return
    service = Service(
        force=parsed.force,
        category=parsed.category,
        start=parsed.start,
        end=parsed.end,
        birth=parsed.birth_date,
        sex=parsed.sex,
    )
    for field, message in service_errors(service, militia).items():
        row.fail(MILITIA_COLUMNS.get(field, c.SERVICE_START), message)


def _check_not_in_future(row: _Row, column: str, day: datetime.date) -> None:
    # The model field's own validator: the form, the admin and the roster say the same.
    try:
        validate_not_in_future(day)
    except ValidationError as error:
        row.fail(column, " ".join(error.messages))


def _check_party(row: _Row, parsed: ParsedRow, words: Vocabulary) -> None:
    admitted = parsed.party_admitted_on
    if admitted is None:
        for column in (c.PARTY_FULL_ON, c.PARTY_EXIT_ON, c.PARTY_EXIT_KIND):
            if row.text(column):
                row.fail(
                    column,
                    _("This column needs the admission date, in the column %(column)s.")
                    % {"column": words.names[c.PARTY_ADMITTED_ON]},
                )
        return
    later = ((c.PARTY_FULL_ON, parsed.party_full_on), (c.PARTY_EXIT_ON, parsed.party_exit_on))
    for column, day in later:
        if day and day < admitted:
            row.fail(column, _("This date is before the admission decision."))
    if bool(parsed.party_exit_on) != bool(parsed.party_exit_kind):
        row.fail(c.PARTY_EXIT_KIND, _("An exit needs both its date and its kind."))
