"""The 12-digit national ID: format, birth province, century-and-sex digit, birth year."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from vietnamadminunits.database import get_data

from members.models import Sex
from members.validators import (
    BIRTH_PROVINCE_CODES,
    FEMALE,
    MALE,
    century_sex_digit,
    validate_national_id,
)
from tests.members.factories import PersonFactory
from tests.units.factories import CommuneFactory

BORN_1995 = datetime.date(1995, 5, 17)
BORN_2004 = datetime.date(2004, 2, 29)


def error_code(national_id: str, *, birth_date=BORN_1995, sex=MALE) -> str:
    with pytest.raises(ValidationError) as error:
        validate_national_id(national_id, birth_date=birth_date, sex=sex)
    return error.value.code


# Format


def test_twelve_digit_id_matching_the_person_is_accepted():
    validate_national_id("020095000123", birth_date=BORN_1995, sex=MALE)


@pytest.mark.parametrize(
    "national_id",
    [
        "02009500012",
        "0200950001234",
        "02009500012a",
        "020 95000123",
        "０２００９５０００１２３",
        "",
    ],
    ids=["11-digits", "13-digits", "letter", "space", "full-width-digits", "empty"],
)
def test_id_not_made_of_12_ascii_digits_is_rejected(national_id):
    assert error_code(national_id) == "national_id_format"


def test_id_with_a_trailing_newline_is_rejected():
    assert error_code("020095000123\n") == "national_id_format"


# Birth province


def test_there_are_63_birth_province_codes():
    assert len(BIRTH_PROVINCE_CODES) == 63


def test_birth_province_codes_are_the_63_legacy_province_codes_zero_padded():
    legacy = get_data(["provinceCode"], "admin_units_legacy")

    assert {f"{int(row['provinceCode']):03d}" for row in legacy} == BIRTH_PROVINCE_CODES


@pytest.mark.parametrize("code", ["000", "003", "097", "100", "999"])
def test_id_starting_with_a_code_that_is_no_province_is_rejected(code):
    assert error_code(f"{code}095000123") == "national_id_province"


@pytest.mark.parametrize("code", ["001", "079", "096"])
def test_id_starting_with_a_province_code_is_accepted(code):
    validate_national_id(f"{code}095000123", birth_date=BORN_1995, sex=MALE)


def test_province_is_checked_without_birth_date_or_sex():
    with pytest.raises(ValidationError) as error:
        validate_national_id("097095000123", birth_date=None, sex=None)

    assert error.value.code == "national_id_province"


def test_century_and_year_are_not_checked_without_birth_date():
    validate_national_id("020999000123", birth_date=None, sex=MALE)


# Century and sex (4th digit)


@pytest.mark.parametrize(
    ("birth_date", "sex", "digit"),
    [
        (BORN_1995, MALE, 0),
        (BORN_1995, FEMALE, 1),
        (BORN_2004, MALE, 2),
        (BORN_2004, FEMALE, 3),
        (datetime.date(1900, 1, 1), FEMALE, 1),
        (datetime.date(1999, 12, 31), MALE, 0),
        (datetime.date(2000, 1, 1), MALE, 2),
        (datetime.date(2100, 1, 1), FEMALE, 5),
    ],
)
def test_century_sex_digit_follows_century_and_sex(birth_date, sex, digit):
    assert century_sex_digit(birth_date=birth_date, sex=sex) == digit


@pytest.mark.parametrize(
    ("national_id", "birth_date", "sex"),
    [
        ("020095000123", BORN_1995, MALE),
        ("020195000123", BORN_1995, FEMALE),
        ("020204000123", BORN_2004, MALE),
        ("020304000123", BORN_2004, FEMALE),
    ],
    ids=["1900s-male", "1900s-female", "2000s-male", "2000s-female"],
)
def test_id_with_the_right_century_sex_digit_is_accepted(national_id, birth_date, sex):
    validate_national_id(national_id, birth_date=birth_date, sex=sex)


@pytest.mark.parametrize(
    ("national_id", "birth_date", "sex"),
    [
        ("020195000123", BORN_1995, MALE),
        ("020095000123", BORN_1995, FEMALE),
        ("020304000123", BORN_2004, MALE),
        ("020204000123", BORN_2004, FEMALE),
        ("020004000123", BORN_2004, MALE),
        ("020295000123", BORN_1995, MALE),
    ],
    ids=[
        "1900s-male-as-female",
        "1900s-female-as-male",
        "2000s-male-as-female",
        "2000s-female-as-male",
        "2000s-male-as-1900s",
        "1900s-male-as-2000s",
    ],
)
def test_id_with_a_wrong_century_sex_digit_is_rejected(national_id, birth_date, sex):
    assert error_code(national_id, birth_date=birth_date, sex=sex) == "national_id_century_sex"


def test_birth_year_before_1900_is_rejected():
    code = error_code("020099000123", birth_date=datetime.date(1899, 12, 31))

    assert code == "national_id_century"


# Birth year (5th and 6th digits)


@pytest.mark.parametrize(
    ("national_id", "birth_date"),
    [
        ("020096000123", BORN_1995),
        ("020059000123", BORN_1995),
        ("020205000123", BORN_2004),
        ("020240000123", BORN_2004),
    ],
)
def test_id_with_other_birth_year_digits_is_rejected(national_id, birth_date):
    assert error_code(national_id, birth_date=birth_date) == "national_id_birth_year"


def test_birth_year_2000_is_written_00():
    validate_national_id("020200000123", birth_date=datetime.date(2000, 7, 1), sex=MALE)


# Person.full_clean


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("national_id", "code"),
    [
        ("02009500012", "national_id_format"),
        ("097095000123", "national_id_province"),
        ("020195000123", "national_id_century_sex"),
        ("020096000123", "national_id_birth_year"),
    ],
)
def test_person_full_clean_reports_a_wrong_national_id_on_that_field(national_id, code):
    person = PersonFactory.build(
        national_id=national_id,
        birth_date=BORN_1995,
        sex=Sex.MALE,
        residence_commune=CommuneFactory(),
    )

    with pytest.raises(ValidationError) as error:
        person.full_clean()

    assert [e.code for e in error.value.error_dict["national_id"]] == [code]


@pytest.mark.django_db
def test_person_full_clean_accepts_a_matching_national_id():
    person = PersonFactory.build(
        national_id="020195000123",
        birth_date=BORN_1995,
        sex=Sex.FEMALE,
        residence_commune=CommuneFactory(),
    )

    person.full_clean()


@pytest.mark.django_db
def test_person_full_clean_turns_an_empty_national_id_into_none():
    person = PersonFactory.build(national_id="", residence_commune=CommuneFactory())

    person.full_clean()

    assert person.national_id is None
