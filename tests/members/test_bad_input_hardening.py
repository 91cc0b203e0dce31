"""Bad input refused on every path: NUL characters in a roster, dates in the future, the
exporter's protective apostrophe, and a taken national ID that must not tell where it is taken.

These run on whichever database DATABASE_URL names; the NUL tests matter most on PostgreSQL,
which cannot store a NUL in a text column.
"""

import datetime
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import Workbook

from members.models import AdmissionCase, AdmissionStep, Person, ServiceRecord, Stage
from members.roster.columns import HEADERS
from members.roster.exporter import logged_rows, write_csv, write_xlsx
from members.services import admission_case_close, admission_case_open, admission_step_record
from members.services.people import person_create
from members.validators import validate_not_in_future
from tests.conftest import client_for
from tests.members import roster_support
from tests.members.factories import CandidateFactory, PersonFactory, ServiceRecordFactory
from tests.members.roster_support import csv_bytes, messages, national_id, row, run
from tests.units.factories import CommuneFactory, ProvinceFactory

pytestmark = pytest.mark.django_db

cadre = roster_support.cadre
commune = roster_support.commune
province = roster_support.province


@pytest.fixture
def faraway(db):
    # Codes given, not drawn from the factories' sequences, which can reach the "20" above.
    return CommuneFactory(province=ProvinceFactory(code="91"), code="91001", name="Xã Xa Xôi")


FUTURE_BIRTH = {
    "birth_date": "2090-01-01",
    "national_id": national_id(1, year=2090),
    "service_start": "2110-01-01",
}


def tomorrow() -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=1)


def where(report) -> list[tuple[int, str]]:
    return [(number, column) for number, column, _message in messages(report)]


def assert_nothing_written() -> None:
    assert (Person.objects.count(), ServiceRecord.objects.count()) == (0, 0)


def codes(error: ValidationError) -> dict[str, list[str]]:
    return {name: [item.code for item in items] for name, items in error.error_dict.items()}


# NUL characters in a roster file


def many_rows(count: int, **last: str) -> list[dict]:
    """`count` rows of distinct people, the last one with `last`: well past the first 4 KB."""
    return [row("06001", serial) for serial in range(1, count)] + [row("06001", count, **last)]


@pytest.mark.parametrize("dry_run", [False, True])
def test_nul_in_a_csv_cell_after_the_first_4_kb_is_refused_naming_row_and_column(
    commune, cadre, dry_run
):
    content = csv_bytes(many_rows(60, full_name="Nguyễn\x00Văn"))
    assert len(content) > 4096 and content.index(b"\x00") > 4096
    report = run(content, actor=cadre, dry_run=dry_run)
    assert where(report) == [(61, "full_name")]
    assert "NUL" in messages(report)[0][2]
    assert_nothing_written()


def test_stray_nul_in_the_first_rows_of_a_csv_names_its_row_and_column(commune, cadre):
    report = run(csv_bytes([row("06001", village="Thôn\x00Đông")]), actor=cadre)
    assert where(report) == [(2, "village")]
    assert_nothing_written()


def test_nul_in_the_csv_header_is_refused_naming_the_header_row(commune, cadre):
    headers = ("national_id\x00", *HEADERS[1:])
    report = run(csv_bytes([row("06001")], headers=headers), actor=cadre)
    assert where(report) == [(1, "")]
    assert "NUL" in messages(report)[0][2]


def test_utf16_file_is_still_refused_as_not_a_roster_file(commune, cadre):
    report = run(csv_bytes([row("06001")]).decode().encode("utf-16-le"), actor=cadre)
    assert "not a roster file" in messages(report)[0][2]


def xlsx_with(rows: list[dict], marker: object, replacement: bytes) -> bytes:
    """A workbook of `rows` whose XML has `marker` replaced by raw `replacement` bytes."""
    book = Workbook()
    sheet = book.active
    sheet.append(list(HEADERS))
    for values in rows:
        sheet.append([values.get(header, "") for header in HEADERS])
    out = io.BytesIO()
    book.save(out)
    source = zipfile.ZipFile(io.BytesIO(out.getvalue()))
    patched = io.BytesIO()
    with zipfile.ZipFile(patched, "w") as target:
        for name in source.namelist():
            target.writestr(name, source.read(name).replace(str(marker).encode(), replacement))
    return patched.getvalue()


def test_nul_in_a_workbook_row_is_refused_naming_the_row(commune, cadre):
    # A number is written in the sheet itself: the NUL lands in row 4's own XML.
    rows = [row("06001", 1), row("06001", 2), row("06001", 3, ethnicity=987654321)]
    report = run(xlsx_with(rows, 987654321, b"98\x0054321"), actor=cadre)
    assert where(report) == [(4, "")]
    assert "NUL" in messages(report)[0][2]
    assert_nothing_written()


def test_nul_in_a_workbook_text_cell_is_refused_naming_the_row(commune, cadre):
    rows = [row("06001", 1, full_name="MARKER-NAME")]
    report = run(xlsx_with(rows, "MARKER-NAME", b"Nguy\x00n"), actor=cadre)
    assert where(report) == [(2, "")]
    assert_nothing_written()


def test_nul_in_a_workbook_part_read_on_opening_is_refused(commune, cadre):
    # Excel keeps the texts of cells in a part read on opening, as the sheet names are.
    report = run(xlsx_with([row("06001")], 'name="Sheet"', b'name="She\x00et"'), actor=cadre)
    assert "not a readable .xlsx workbook" in messages(report)[0][2]
    assert_nothing_written()


# Dates that cannot be in the future


def test_today_is_not_in_the_future():
    validate_not_in_future(timezone.localdate())


def test_tomorrow_is_refused_as_in_the_future():
    with pytest.raises(ValidationError) as refused:
        validate_not_in_future(tomorrow())
    assert refused.value.code == "date_in_future"


def test_person_born_in_the_future_is_refused_by_the_service(commune, cadre):
    person = Person(
        full_name="Nguyễn Văn An", birth_date=tomorrow(), sex="male", residence_commune=commune
    )
    with pytest.raises(ValidationError) as refused:
        person_create(actor=cadre, person=person)
    assert codes(refused.value) == {"birth_date": ["date_in_future"]}
    assert Person.objects.count() == 0


def person_form_data(commune, **fields: str) -> dict[str, str]:
    """What the person page posts for a person without records."""
    data = {
        "full_name": "Nguyễn Văn Bình",
        "birth_date": "17/05/1995",
        "sex": "male",
        "ethnicity": "Kinh",
        "military_training": "none",
        "residence_commune": str(commune.pk),
        **fields,
    }
    for prefix in ("services", "posts", "party_records"):
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    return data


def test_person_form_shows_a_future_birth_date_beside_the_field(commune, cadre):
    data = person_form_data(commune, birth_date="01/01/2090")
    response = client_for(cadre).post(reverse("members:person_create"), data)
    assert list(response.context["form"].errors) == ["birth_date"]
    assert Person.objects.count() == 0


def test_roster_row_born_in_the_future_is_refused_naming_the_birth_date(commune, cadre):
    report = run(csv_bytes([row("06001", **FUTURE_BIRTH)]), actor=cadre)
    assert where(report) == [(2, "birth_date")]
    assert_nothing_written()


def test_case_opened_in_the_future_is_refused(national_admin):
    person = CandidateFactory()
    with pytest.raises(ValidationError) as refused:
        admission_case_open(
            person=person,
            commune=person.residence_commune,
            actor=national_admin,
            opened_on=tomorrow(),
        )
    assert codes(refused.value) == {"opened_on": ["date_in_future"]}
    assert AdmissionCase.objects.count() == 0


def open_case(actor) -> AdmissionCase:
    person = CandidateFactory()
    return admission_case_open(
        person=person,
        commune=person.residence_commune,
        actor=actor,
        opened_on=datetime.date(2023, 9, 4),
    )


def test_step_dated_in_the_future_is_refused(national_admin):
    case = open_case(national_admin)
    with pytest.raises(ValidationError) as refused:
        admission_step_record(
            case=case, stage=Stage.AWARENESS_COURSE, done_on=tomorrow(), actor=national_admin
        )
    assert codes(refused.value) == {"done_on": ["date_in_future"]}
    assert AdmissionStep.objects.count() == 1


def test_case_closed_in_the_future_is_refused(national_admin):
    case = open_case(national_admin)
    with pytest.raises(ValidationError) as refused:
        admission_case_close(
            case=case, outcome="stopped", on=tomorrow(), reason="Dừng", actor=national_admin
        )
    assert codes(refused.value) == {"on": ["date_in_future"]}
    case.refresh_from_db()
    assert (case.outcome, case.outcome_on) == ("", None)


# The exporter's protective apostrophe


FORMULA_LIKE_NAMES = ["=Nguyễn", "-Lan", "@Mai", "+Bình", "'=Trần", "O'Neil"]


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_export_then_import_keeps_names_starting_with_formula_characters(
    commune, cadre, file_format
):
    for serial, name in enumerate(FORMULA_LIKE_NAMES, start=1):
        person = PersonFactory(
            full_name=name, national_id=national_id(serial), residence_commune=commune
        )
        ServiceRecordFactory(person=person, start=roster_support.START)
    out = io.StringIO() if file_format == "csv" else io.BytesIO()
    (write_csv if file_format == "csv" else write_xlsx)(out, logged_rows(actor=cadre))
    content = out.getvalue()
    Person.objects.all().delete()
    report = run(content.encode() if file_format == "csv" else content, actor=cadre)
    assert report.ok, messages(report)
    assert sorted(Person.objects.values_list("full_name", flat=True)) == sorted(FORMULA_LIKE_NAMES)


def test_apostrophe_not_before_a_formula_character_is_kept(commune, cadre):
    run(csv_bytes([row("06001", full_name="'Lan")]), actor=cadre)
    assert Person.objects.get().full_name == "'Lan"


# A taken national ID: the same refusal inside and outside the actor's area


def refusal(actor, taken: Person, commune) -> tuple[list[str], list[str]]:
    person = Person(
        full_name="Lê Thị Hoa",
        birth_date=taken.birth_date,
        sex=taken.sex,
        national_id=taken.national_id,
        residence_commune=commune,
    )
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        person_create(actor=actor, person=person)
    errors = refused.value.error_dict["national_id"]
    return [error.message for error in errors], [error.code for error in errors]


def test_service_refuses_an_id_taken_outside_the_area_as_one_taken_inside(commune, faraway, cadre):
    inside = PersonFactory(residence_commune=commune)
    outside = PersonFactory(residence_commune=faraway)
    assert refusal(cadre, outside, commune) == refusal(cadre, inside, commune)


def test_person_form_refuses_an_id_taken_outside_the_area_as_one_taken_inside(
    commune, faraway, cadre
):
    answers = []
    for home in (commune, faraway):
        taken = PersonFactory(residence_commune=home)
        data = person_form_data(
            commune,
            birth_date=taken.birth_date.strftime("%d/%m/%Y"),
            national_id=taken.national_id,
            confirm_duplicate="on",
        )
        response = client_for(cadre).post(reverse("members:person_create"), data)
        answers.append(response.context["form"].errors.as_data())
    inside, outside = answers
    assert [(e.message, e.code) for e in outside["national_id"]] == [
        (e.message, e.code) for e in inside["national_id"]
    ]


def test_roster_refuses_an_id_taken_outside_the_area_with_the_services_words(
    commune, faraway, cadre
):
    outside = PersonFactory(national_id=national_id(1), residence_commune=faraway)
    report = run(csv_bytes([row("06001")]), actor=cadre)
    service_words = refusal(cadre, outside, commune)[0]
    assert [(number, column, [message]) for number, column, message in messages(report)] == [
        (2, "national_id", service_words)
    ]


# Texts longer than their database column


@pytest.mark.parametrize("column", ["full_name", "ethnicity", "village"])
def test_roster_text_longer_than_its_column_is_refused_naming_it(commune, cadre, column):
    limit = {"full_name": 120, "ethnicity": 40, "village": 120}[column]
    report = run(csv_bytes([row("06001", **{column: "A" * (limit + 1)})]), actor=cadre)
    assert where(report) == [(2, column)]
    assert_nothing_written()


def test_roster_text_as_long_as_its_column_is_stored(commune, cadre):
    report = run(csv_bytes([row("06001", full_name="A" * 120)]), actor=cadre)
    assert report.ok, messages(report)
    assert len(Person.objects.get().full_name) == 120
