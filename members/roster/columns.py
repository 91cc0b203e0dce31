"""The roster file's columns, their headers in each language, and the errors an import reports.

One row is one service record; the personal and party columns repeat on every row of a person.
A column is known in the code by its key, which is also its English header. A file is written
in Vietnamese (the template and the export) or in English (the first format, which REST
clients and saved files still use); its header line tells which, and errors name columns in
the file's own language.
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

EN, VI = "en", "vi"
LANGUAGES = (VI, EN)

# The Vietnamese headers are part of the file format, like the English keys: fixed words rather
# than translations, so that the file is Vietnamese whatever the reader's language and no edit
# of a translation can stop a saved file from importing.
VI_HEADERS: dict[str, str] = {
    NATIONAL_ID: "Số định danh cá nhân",
    FULL_NAME: "Họ và tên",
    BIRTH_DATE: "Ngày sinh",
    SEX: "Giới tính",
    ETHNICITY: "Dân tộc",
    COMMUNE_CODE: "Xã/phường",
    VILLAGE: "Thôn/tổ dân phố",
    FORCE: "Lực lượng",
    CATEGORY: "Thành phần",
    UNIT: "Đơn vị",
    SERVICE_START: "Từ ngày",
    SERVICE_END: "Đến ngày",
    PARTY_ADMITTED_ON: "Ngày kết nạp",
    PARTY_FULL_ON: "Ngày chính thức",
    PARTY_EXIT_ON: "Ngày ra khỏi Đảng",
    PARTY_EXIT_KIND: "Hình thức ra khỏi Đảng",
}
# Column key → header, per language.
HEADER_NAMES: dict[str, dict[str, str]] = {EN: {key: key for key in HEADERS}, VI: VI_HEADERS}
# Other headers read as a column: the short form the first Vietnamese lists used.
HEADER_ALIASES: dict[str, dict[str, str]] = {EN: {}, VI: {"Hình thức": PARTY_EXIT_KIND}}

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
