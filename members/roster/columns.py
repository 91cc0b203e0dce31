"""The roster file's columns and the errors an import reports against them.

One row is one service record; the personal and party columns repeat on every row of a person.
"""

from dataclasses import dataclass

NATIONAL_ID = "national_id"
FULL_NAME = "full_name"
BIRTH_DATE = "birth_date"
SEX = "sex"
ETHNICITY = "ethnicity"
COMMUNE_CODE = "commune_code"
VILLAGE = "village"
FORCE = "force"
CATEGORY = "category"
UNIT = "unit"
SERVICE_START = "service_start"
SERVICE_END = "service_end"
PARTY_ADMITTED_ON = "party_admitted_on"
PARTY_FULL_ON = "party_full_on"
PARTY_EXIT_ON = "party_exit_on"
PARTY_EXIT_KIND = "party_exit_kind"

HEADERS: tuple[str, ...] = (
    NATIONAL_ID,
    FULL_NAME,
    BIRTH_DATE,
    SEX,
    ETHNICITY,
    COMMUNE_CODE,
    VILLAGE,
    FORCE,
    CATEGORY,
    UNIT,
    SERVICE_START,
    SERVICE_END,
    PARTY_ADMITTED_ON,
    PARTY_FULL_ON,
    PARTY_EXIT_ON,
    PARTY_EXIT_KIND,
)

# The columns that describe the person rather than one service record: they must agree on
# every row of the same national ID.
PERSONAL_COLUMNS: tuple[str, ...] = (
    FULL_NAME,
    BIRTH_DATE,
    SEX,
    ETHNICITY,
    PARTY_ADMITTED_ON,
    PARTY_FULL_ON,
    PARTY_EXIT_ON,
    PARTY_EXIT_KIND,
)

# Row number 1 is the header line, as a spreadsheet shows it; 0 means "the whole file".
HEADER_ROW = 1
WHOLE_FILE = 0


@dataclass(frozen=True, slots=True)
class RowError:
    """One refusal: where (row as the spreadsheet numbers it, column) and why."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        if self.row == WHOLE_FILE:
            return self.message
        return f"{self.row}:{self.column}: {self.message}" if self.column else self.message


class RosterFileError(Exception):
    """The file as a whole cannot be read: wrong type, encoding, size, or headers."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__("; ".join(str(error) for error in errors))
        self.errors = errors
