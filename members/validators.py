"""Structure of the 12-digit national ID (số định danh cá nhân / CCCD).

Digits 1–3: province of birth registration (the legacy 2-digit province code, zero-padded);
digit 4: century and sex (0/1 = 1900s male/female, 2/3 = 2000s, … up to 8/9 = 2200s);
digits 5–6: the last two digits of the birth year; digits 7–12: a serial number.
"""

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

# \A and \Z, not ^ and $: "$" also matches before a trailing newline (Python and SQLite).
NATIONAL_ID_PATTERN = r"\A[0-9]{12}\Z"

# The 63 province codes in force when national IDs were issued (Decree 137/2015, Circular
# 07/2016/TT-BCA); a person's ID keeps its birth province code after the 2025 reform.
BIRTH_PROVINCE_CODES = frozenset(
    {
        "001",
        "002",
        "004",
        "006",
        "008",
        "010",
        "011",
        "012",
        "014",
        "015",
        "017",
        "019",
        "020",
        "022",
        "024",
        "025",
        "026",
        "027",
        "030",
        "031",
        "033",
        "034",
        "035",
        "036",
        "037",
        "038",
        "040",
        "042",
        "044",
        "045",
        "046",
        "048",
        "049",
        "051",
        "052",
        "054",
        "056",
        "058",
        "060",
        "062",
        "064",
        "066",
        "067",
        "068",
        "070",
        "072",
        "074",
        "075",
        "077",
        "079",
        "080",
        "082",
        "083",
        "084",
        "086",
        "087",
        "089",
        "091",
        "092",
        "093",
        "094",
        "095",
        "096",
    }
)

MALE, FEMALE = "male", "female"


def century_sex_digit(*, birth_date: datetime.date, sex: str) -> int:
    """Return the 4th digit a person born on `birth_date` with `sex` must have."""
    century_index = (birth_date.year - 1900) // 100
    return century_index * 2 + (1 if sex == FEMALE else 0)


def validate_national_id(
    national_id: str, *, birth_date: datetime.date | None, sex: str | None
) -> None:
    """Raise ValidationError naming what is wrong with `national_id` for this person."""
    if not re.search(NATIONAL_ID_PATTERN, national_id):
        raise ValidationError(
            _("The national ID must have exactly 12 digits."), code="national_id_format"
        )
    if national_id[:3] not in BIRTH_PROVINCE_CODES:
        raise ValidationError(
            _("The national ID starts with %(code)s, which is not a province code.")
            % {"code": national_id[:3]},
            code="national_id_province",
        )
    if birth_date is None or not sex:
        return
    if not 1900 <= birth_date.year < 2400:
        raise ValidationError(
            _("The birth year %(year)s cannot be encoded in a national ID.")
            % {"year": birth_date.year},
            code="national_id_century",
        )
    expected = century_sex_digit(birth_date=birth_date, sex=sex)
    if int(national_id[3]) != expected:
        raise ValidationError(
            _(
                "The national ID's 4th digit is %(found)s, but a person of this sex born in "
                "%(year)s must have %(expected)s."
            )
            % {"found": national_id[3], "year": birth_date.year, "expected": expected},
            code="national_id_century_sex",
        )
    if national_id[4:6] != f"{birth_date.year % 100:02d}":
        raise ValidationError(
            _("The national ID's 5th and 6th digits must be the birth year's last two: %(yy)s.")
            % {"yy": f"{birth_date.year % 100:02d}"},
            code="national_id_birth_year",
        )


def validate_not_in_future(value: datetime.date | None) -> None:
    """Refuse a date after today: a birth, an admission step or a case's outcome has happened.

    Planned dates (the end of a service record or a post) may lie ahead and do not use this.
    "Today" is the local day (Asia/Ho_Chi_Minh), as everywhere the product speaks of dates.
    """
    today = timezone.localdate()
    if value is not None and value > today:
        raise ValidationError(
            _("This date (%(date)s) is after today (%(today)s): it cannot be in the future."),
            code="date_in_future",
            params={
                "date": date_format(value, "SHORT_DATE_FORMAT"),
                "today": date_format(today, "SHORT_DATE_FORMAT"),
            },
        )
