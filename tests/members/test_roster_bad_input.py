"""Roster import: each bad input is refused naming its row, column and rule; nothing is written."""

import pytest
from django.test import override_settings

from members.models import Person, ServiceRecord
from members.roster.columns import HEADERS
from tests.members import roster_support
from tests.members.factories import PersonFactory, ServiceRecordFactory
from tests.members.roster_support import csv_bytes, messages, national_id, row, run, xlsx_bytes
from tests.units.factories import CommuneFactory

pytestmark = pytest.mark.django_db

# Shared fixtures, bound here so that pytest finds them in this module.
cadre = roster_support.cadre
commune = roster_support.commune
province = roster_support.province


def where(report) -> list[tuple[int, str]]:
    return [(number, column) for number, column, _message in messages(report)]


def assert_nothing_written() -> None:
    assert (Person.objects.count(), ServiceRecord.objects.count()) == (0, 0)


def test_cp1258_csv_is_refused_as_not_utf8(commune, cadre):
    report = run(csv_bytes([row("06001", full_name="Lê Văn Hà")], encoding="cp1258"), actor=cadre)
    assert "UTF-8" in messages(report)[0][2]
    assert_nothing_written()


def test_utf8_csv_with_bom_is_read(commune, cadre):
    report = run(b"\xef\xbb\xbf" + csv_bytes([row("06001")]), actor=cadre)
    assert report.ok, messages(report)


def test_misspelt_header_names_the_expected_one(commune, cadre):
    headers = tuple("birth_dat" if h == "birth_date" else h for h in HEADERS)
    report = run(csv_bytes([row("06001")], headers=headers), actor=cadre)
    assert "did you mean birth_date" in " ".join(m for _r, _c, m in messages(report))


def test_missing_header_is_named(commune, cadre):
    headers = tuple(h for h in HEADERS if h != "service_start")
    report = run(csv_bytes([row("06001")], headers=headers), actor=cadre)
    assert where(report) == [(1, "service_start")]


def test_empty_file_is_refused(commune, cadre):
    report = run(b"", actor=cadre)
    assert (report.ok, where(report)) == (False, [(0, "")])


def test_header_without_rows_is_refused(commune, cadre):
    report = run(csv_bytes([]), actor=cadre)
    assert "no data rows" in messages(report)[0][2]


def test_bad_date_names_row_and_column(commune, cadre):
    report = run(
        csv_bytes([row("06001"), row("06001", 2, service_start="31/02/2025")]), actor=cadre
    )
    assert where(report) == [(3, "service_start")]
    assert_nothing_written()


def test_end_before_start_is_refused(commune, cadre):
    report = run(csv_bytes([row("06001", service_end="2025-07-31")]), actor=cadre)
    assert where(report) == [(2, "service_end")]


def test_unknown_commune_code_is_refused(commune, cadre):
    report = run(csv_bytes([row("99999")]), actor=cadre)
    assert where(report) == [(2, "commune_code")]


def test_commune_code_not_valid_on_the_service_date_is_refused(commune, cadre):
    report = run(csv_bytes([row("06001", service_start="2024-01-01")]), actor=cadre)
    assert "2024" in messages(report)[0][2] or "01/01" in messages(report)[0][2]
    assert where(report) == [(2, "commune_code")]


def test_reused_code_resolves_to_the_commune_valid_on_the_date(commune):
    legacy = CommuneFactory(
        code="06001", name="Thị trấn Cũ", province=commune.province, valid_from=None
    )
    legacy.valid_to = commune.valid_from.replace(day=1, month=6)
    legacy.save()
    report = run(csv_bytes([row("06001", service_start="2024-01-01", service_end="2024-12-31")]))
    assert report.ok, messages(report)
    assert ServiceRecord.objects.get().commune == legacy


def test_national_id_of_eleven_letters_is_refused(commune, cadre):
    report = run(csv_bytes([row("06001", national_id="02009500000A")]), actor=cadre)
    assert where(report) == [(2, "national_id")]


def test_national_id_contradicting_sex_is_refused(commune, cadre):
    report = run(csv_bytes([row("06001", sex="female")]), actor=cadre)
    assert "4th digit" in messages(report)[0][2]


def test_national_id_contradicting_birth_year_is_refused(commune, cadre):
    report = run(csv_bytes([row("06001", birth_date="1996-05-17")]), actor=cadre)
    assert where(report) == [(2, "national_id")]


def test_same_person_with_two_birth_dates_is_refused(commune, cadre):
    rows = [
        row("06001", service_end="2025-12-31"),
        row("06001", birth_date="1995-06-01", service_start="2026-01-01"),
    ]
    report = run(csv_bytes(rows), actor=cadre)
    assert where(report) == [(3, "birth_date")]


def test_overlapping_rows_in_the_file_are_refused(commune, cadre):
    rows = [
        row("06001"),
        row("06001", force="reserve", category="officer", service_start="2026-01-01"),
    ]
    report = run(csv_bytes(rows), actor=cadre)
    assert where(report) == [(3, "service_start")]
    assert_nothing_written()


def test_row_overlapping_a_stored_record_is_refused(commune, cadre):
    person = PersonFactory(national_id=national_id(1), residence_commune=commune)
    ServiceRecordFactory(
        person=person, commune=commune, start="2025-07-01", force="reserve", category="officer"
    )
    report = run(csv_bytes([row("06001")]), actor=cadre)
    assert "may not overlap" in messages(report)[0][2]
    assert ServiceRecord.objects.count() == 1


def test_unknown_force_is_refused(commune, cadre):
    report = run(csv_bytes([row("06001", force="navy")]), actor=cadre)
    assert where(report) == [(2, "force")]


def test_category_of_another_force_is_refused(commune, cadre):
    report = run(csv_bytes([row("06001", category="officer")]), actor=cadre)
    assert where(report) == [(2, "category")]


@pytest.mark.parametrize("prefix", ["=", "+", "-", "@"])
def test_csv_cell_starting_like_a_formula_is_refused(commune, cadre, prefix):
    report = run(csv_bytes([row("06001", full_name=prefix + "HYPERLINK(1)")]), actor=cadre)
    assert where(report) == [(2, "full_name")]


def test_xlsx_formula_is_refused(commune, cadre):
    content = xlsx_bytes([row("06001")], formulas={(2, "ethnicity"): '=CONCAT("Ki","nh")'})
    report = run(content, actor=cadre)
    assert where(report) == [(2, "ethnicity")]
    assert_nothing_written()


def test_valid_xlsx_is_imported(commune, cadre):
    report = run(xlsx_bytes([row("06001")]), actor=cadre)
    assert report.ok, messages(report)


def test_file_over_the_size_limit_is_refused_before_parsing(commune, cadre):
    content = csv_bytes([row("06001")]) + b"x" * (20 * 1024 * 1024)
    report = run(content, actor=cadre)
    assert "limit" in messages(report)[0][2]


@override_settings(ROSTER_IMPORT_MAX_BYTES=100)
def test_size_limit_comes_from_settings(commune, cadre):
    report = run(csv_bytes([row("06001")]), actor=cadre)
    assert "limit" in messages(report)[0][2]


def test_image_is_refused_as_not_a_spreadsheet(commune, cadre):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64
    report = run(png, actor=cadre)
    assert "not a roster file" in messages(report)[0][2]


def test_zip_that_is_not_a_workbook_is_refused(commune, cadre):
    report = run(b"PK\x03\x04" + b"\x00" * 100, actor=cadre)
    assert ".xlsx" in messages(report)[0][2]
