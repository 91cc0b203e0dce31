"""Vietnamese roster files: headers, value labels, dd/mm/yyyy dates and communes by name.

The English format (keys, codes, ISO dates, commune codes) stays accepted; a file's header line
decides its language, and errors name columns and accepted values in that language.
"""

import csv
import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from members.models import PartyRecord, Person, ServiceRecord
from members.roster.exporter import commune_choices, logged_rows, write_csv, write_xlsx
from members.roster.vocabulary import CHOICES, vocabulary
from tests.api.conftest import token_client
from tests.members import roster_support
from tests.members.factories import PersonFactory, ServiceRecordFactory
from tests.members.roster_support import (
    VI_HEADERS,
    csv_bytes,
    messages,
    national_id,
    row,
    run,
    vi_csv,
    vi_row,
    xlsx_bytes,
)
from tests.units.factories import CommuneFactory, CommuneLineageFactory, DistrictFactory
from units.models import Commune

pytestmark = pytest.mark.django_db

# Shared fixtures, bound here so that pytest finds them in this module.
cadre = roster_support.cadre
commune = roster_support.commune
faraway = roster_support.faraway
neighbour = roster_support.neighbour
province = roster_support.province
provincial_staff = roster_support.provincial_staff

# Two people as a cadre writes them: one militia member who joined the party and left it, then
# served in the reserve; one woman in the self-defence force.
VI_PEOPLE = [
    vi_row(
        "Xã Chi Lăng",
        service_end="31/12/2025",
        party_admitted_on="01/09/2025",
        party_full_on="01/09/2026",
        party_exit_on="15/10/2026",
        party_exit_kind="Xóa tên",
    ),
    vi_row(
        "Xã Chi Lăng",
        force="Dự bị động viên",
        category="Hạ sĩ quan, binh sĩ dự bị hạng một",
        service_start="01/01/2026",
        party_admitted_on="01/09/2025",
        party_full_on="01/09/2026",
        party_exit_on="15/10/2026",
        party_exit_kind="Xóa tên",
    ),
    vi_row(
        "06001",
        2,
        national_id=national_id(2, female=True),
        sex="Nữ",
        force="Tự vệ",
        category="Cơ động",
    ),
]
EN_PEOPLE = [
    row(
        "06001",
        service_end="2025-12-31",
        party_admitted_on="2025-09-01",
        party_full_on="2026-09-01",
        party_exit_on="2026-10-15",
        party_exit_kind="struck_off",
    ),
    row(
        "06001",
        force="reserve",
        category="nco_soldier_1",
        service_start="2026-01-01",
        party_admitted_on="2025-09-01",
        party_full_on="2026-09-01",
        party_exit_on="2026-10-15",
        party_exit_kind="struck_off",
    ),
    row(
        "06001",
        2,
        national_id=national_id(2, female=True),
        sex="female",
        force="self_defence",
        category="mobile",
    ),
]


def where(report) -> list[tuple[int, str]]:
    return [(number, column) for number, column, _message in messages(report)]


def only_message(report) -> str:
    (found,) = messages(report)
    return found[2]


def assert_nothing_written() -> None:
    assert (Person.objects.count(), ServiceRecord.objects.count()) == (0, 0)


# A file of each language


def test_vietnamese_file_creates_the_records_it_describes(commune, cadre):
    report = run(vi_csv(VI_PEOPLE), actor=cadre)
    assert report.ok, messages(report)
    services = ServiceRecord.objects.order_by("person__national_id", "start")
    assert [
        (s.person.sex, s.force, s.category, s.start.isoformat(), s.commune.code) for s in services
    ] == [
        ("male", "militia", "in_place", "2025-08-01", "06001"),
        ("male", "reserve", "nco_soldier_1", "2026-01-01", "06001"),
        ("female", "self_defence", "mobile", "2025-08-01", "06001"),
    ]


def test_vietnamese_party_columns_create_the_party_record(commune, cadre):
    run(vi_csv(VI_PEOPLE), actor=cadre)
    party = PartyRecord.objects.get()
    assert (party.admitted_on, party.full_member_on, party.exit_on, party.exit_kind) == (
        datetime.date(2025, 9, 1),
        datetime.date(2026, 9, 1),
        datetime.date(2026, 10, 15),
        "struck_off",
    )


def test_english_file_with_codes_is_still_imported(commune, cadre):
    report = run(csv_bytes(EN_PEOPLE), actor=cadre)
    assert (report.ok, report.created) == (True, 3), messages(report)


def test_vietnamese_file_of_the_people_of_an_english_file_changes_nothing(commune, cadre):
    run(csv_bytes(EN_PEOPLE), actor=cadre)
    report = run(vi_csv(VI_PEOPLE), actor=cadre)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 3), messages(report)


def test_english_file_of_the_people_of_a_vietnamese_file_changes_nothing(commune, cadre):
    run(vi_csv(VI_PEOPLE), actor=cadre)
    report = run(csv_bytes(EN_PEOPLE), actor=cadre)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 3), messages(report)


def test_vietnamese_workbook_with_real_date_cells_is_imported(commune, cadre):
    values = vi_row("Xã Chi Lăng")
    values["birth_date"] = datetime.date(1995, 5, 17)
    values["service_start"] = datetime.datetime(2025, 8, 1)
    report = run(xlsx_bytes([values], names=VI_HEADERS), actor=cadre)
    assert report.ok, messages(report)
    assert Person.objects.get().birth_date == datetime.date(1995, 5, 17)


def test_short_header_for_the_exit_kind_is_accepted(commune, cadre):
    names = {**VI_HEADERS, "party_exit_kind": "Hình thức"}
    report = run(csv_bytes(VI_PEOPLE, names=names), actor=cadre)
    assert report.ok, messages(report)


def test_headers_are_read_whatever_their_case_and_spacing(commune, cadre):
    names = {key: f" {name.upper()} " for key, name in VI_HEADERS.items()}
    report = run(csv_bytes([vi_row("Xã Chi Lăng")], names=names), actor=cadre)
    assert report.ok, messages(report)


# Headers


def test_misspelt_vietnamese_header_names_the_expected_one(commune, cadre):
    names = {**VI_HEADERS, "birth_date": "Ngày sinhh"}
    report = run(csv_bytes([vi_row("06001")], names=names), actor=cadre)
    assert (1, "Ngày sinhh", "Unknown column Ngày sinhh: did you mean Ngày sinh?") in messages(
        report
    )


def test_missing_vietnamese_header_is_named_in_vietnamese(commune, cadre):
    headers = tuple(key for key in VI_HEADERS if key != "service_start")
    report = run(csv_bytes([vi_row("06001")], headers=headers, names=VI_HEADERS), actor=cadre)
    assert where(report) == [(1, "Từ ngày")]


def test_header_line_mixing_languages_is_refused_naming_the_column(commune, cadre):
    names = {**VI_HEADERS, "force": "force"}
    report = run(csv_bytes([vi_row("06001")], names=names), actor=cadre)
    assert where(report) == [(1, "force")]
    assert "write Lực lượng" in only_message(report)


# Value labels


@pytest.mark.parametrize(
    ("force", "category", "code"),
    [
        ("Dân quân", "Tại chỗ", "militia"),
        ("dân quân", "tại  chỗ", "militia"),
        ("Tự vệ", "Cơ động", "self_defence"),
        ("Dự bị động viên", "Sĩ quan dự bị", "reserve"),
        ("militia", "in_place", "militia"),
    ],
)
def test_force_is_read_from_its_label_or_its_code(commune, cadre, force, category, code):
    report = run(vi_csv([vi_row("06001", force=force, category=category)]), actor=cadre)
    assert report.ok, messages(report)
    assert ServiceRecord.objects.get().force == code


def test_unknown_label_is_refused_listing_the_labels(commune, cadre):
    report = run(vi_csv([vi_row("06001", force="Dân phòng")]), actor=cadre)
    assert where(report) == [(2, "Lực lượng")]
    assert only_message(report) == (
        "Unknown value Dân phòng; write one of: Dân quân, Tự vệ, Dự bị động viên."
    )
    assert_nothing_written()


def test_unknown_code_in_an_english_file_lists_the_codes(commune, cadre):
    report = run(csv_bytes([row("06001", force="navy")]), actor=cadre)
    assert only_message(report) == (
        "Unknown value navy; write one of: militia, self_defence, reserve."
    )


def test_category_of_another_force_lists_the_categories_of_the_force(commune, cadre):
    values = vi_row("06001", force="Dự bị động viên", category="Tại chỗ")
    report = run(vi_csv([values]), actor=cadre)
    head, listed = only_message(report).split("; write one of: ")
    assert where(report) == [(2, "Thành phần")]
    assert head == "Tại chỗ is not a category of Dự bị động viên"
    assert listed.startswith("Sĩ quan dự bị, Quân nhân chuyên nghiệp dự bị, ")
    assert "Tại chỗ" not in listed


def test_unknown_sex_is_refused_listing_nam_and_nu(commune, cadre):
    report = run(vi_csv([vi_row("06001", sex="Trai")]), actor=cadre)
    assert only_message(report) == "Unknown value Trai; write one of: Nam, Nữ."


@pytest.mark.parametrize("column", list(CHOICES))
def test_each_label_of_a_column_names_one_code(column):
    written = vocabulary("vi").written[column]
    folded = {" ".join(label.split()).casefold() for label in written.values()}
    assert len(folded) == len(written)


# Dates


@pytest.mark.parametrize("text", ["17/05/1995", "17/5/1995", "17-05-1995", "1995-05-17"])
def test_birth_date_is_read_day_first(commune, cadre, text):
    run(vi_csv([vi_row("06001", birth_date=text)]), actor=cadre)
    assert Person.objects.get().birth_date == datetime.date(1995, 5, 17)


def test_impossible_date_is_refused_naming_row_column_and_format(commune, cadre):
    rows = [vi_row("06001"), vi_row("06001", 2, service_start="31/02/2026")]
    report = run(vi_csv(rows), actor=cadre)
    assert where(report) == [(3, "Từ ngày")]
    assert "DD/MM/YYYY" in only_message(report)
    assert_nothing_written()


def test_month_first_date_is_refused(commune, cadre):
    report = run(vi_csv([vi_row("06001", birth_date="05/17/1995")]), actor=cadre)
    assert where(report) == [(2, "Ngày sinh")]


def test_disagreeing_rows_show_the_earlier_value_as_the_file_writes_it(commune, cadre):
    rows = [
        vi_row("06001", service_end="31/12/2025"),
        vi_row("06001", birth_date="01/06/1995", service_start="01/01/2026"),
    ]
    report = run(vi_csv(rows), actor=cadre)
    assert "17/05/1995" in only_message(report)


# Communes by name or by code


@pytest.mark.parametrize(
    "text", ["Xã Chi Lăng", "Chi Lăng", "xã chi lăng", "Xa Chi Lang", "  Chi  Lang ", "06001"]
)
def test_commune_is_found_by_name_or_code(commune, cadre, text):
    report = run(vi_csv([vi_row(text)]), actor=cadre)
    assert report.ok, messages(report)
    assert ServiceRecord.objects.get().commune == commune


def test_code_typed_as_a_number_without_its_leading_zero_is_read(commune, cadre):
    report = run(xlsx_bytes([vi_row(6001)], names=VI_HEADERS), actor=cadre)
    assert report.ok, messages(report)


def test_name_with_its_code_is_read(commune, cadre):
    report = run(vi_csv([vi_row("Xã Chi Lăng (06001)")]), actor=cadre)
    assert report.ok, messages(report)


def test_name_contradicting_its_code_is_refused(commune, neighbour, provincial_staff):
    report = run(vi_csv([vi_row("Xã Quan Sơn (06001)")]), actor=provincial_staff)
    assert where(report) == [(2, "Xã/phường")]
    assert "06001 names Xã Chi Lăng" in only_message(report)


def test_commune_kind_is_part_of_a_full_name(commune, cadre):
    report = run(vi_csv([vi_row("Phường Chi Lăng")]), actor=cadre)
    assert where(report) == [(2, "Xã/phường")]


def test_ambiguous_name_is_refused_listing_the_candidates(province, provincial_staff):
    CommuneFactory(province=province, code="06101", name="Xã Tân Thành")
    CommuneFactory(province=province, code="06102", name="Phường Tân Thành")
    report = run(vi_csv([vi_row("Tân Thành")]), actor=provincial_staff)
    assert where(report) == [(2, "Xã/phường")]
    assert only_message(report) == (
        "Tân Thành names several communes of your area: "
        "Xã Tân Thành (06101, Tỉnh Lạng Sơn); Phường Tân Thành (06102, Tỉnh Lạng Sơn). "
        "Write the code of the one you mean."
    )
    assert_nothing_written()


def test_full_name_picks_one_of_two_communes_sharing_a_short_name(province, provincial_staff):
    CommuneFactory(province=province, code="06101", name="Xã Tân Thành")
    CommuneFactory(province=province, code="06102", name="Phường Tân Thành")
    report = run(vi_csv([vi_row("Phường Tân Thành")]), actor=provincial_staff)
    assert report.ok, messages(report)
    assert ServiceRecord.objects.get().commune.code == "06102"


def test_ambiguous_legacy_name_lists_the_districts():
    first, second = DistrictFactory(name="Huyện Cao Lộc"), DistrictFactory(name="Huyện Văn Lãng")
    for code, district in (("05001", first), ("05002", second)):
        CommuneFactory(
            province=district.province,
            district=district,
            code=code,
            name="Xã Tân Thành",
            valid_from=None,
            valid_to=datetime.date(2025, 6, 30),
        )
    report = run(vi_csv([vi_row("Xã Tân Thành", service_start="01/03/2024")]))
    assert "(05001, Huyện Cao Lộc, " in only_message(report)
    assert "(05002, Huyện Văn Lãng, " in only_message(report)


def test_name_picks_the_commune_valid_on_the_service_start(commune, cadre):
    legacy = CommuneFactory(
        province=commune.province,
        code="05999",
        name="Xã Chi Lăng",
        valid_from=None,
        valid_to=datetime.date(2025, 6, 30),
    )
    CommuneLineageFactory(predecessor=legacy, successor=commune, effective_on=commune.valid_from)
    rows = [
        vi_row("Xã Chi Lăng", service_start="01/03/2024", service_end="30/06/2025"),
        vi_row("Xã Chi Lăng", service_start="01/07/2025"),
    ]
    cadre = type(cadre).objects.get(pk=cadre.pk)  # the scope follows the new lineage
    report = run(vi_csv(rows), actor=cadre)
    assert report.ok, messages(report)
    assert list(
        ServiceRecord.objects.order_by("start").values_list("commune__code", flat=True)
    ) == [
        "05999",
        "06001",
    ]


def test_name_outside_the_area_is_refused_as_a_name_naming_nothing(commune, neighbour, cadre):
    outside = run(vi_csv([vi_row("Xã Quan Sơn")]), actor=cadre)
    nowhere = run(vi_csv([vi_row("Xã Không Có")]), actor=cadre)
    assert only_message(outside).replace("Xã Quan Sơn", "X") == only_message(nowhere).replace(
        "Xã Không Có", "X"
    )
    assert where(outside) == [(2, "Xã/phường")]


def test_name_before_the_commune_existed_is_refused_naming_the_date(commune, cadre):
    report = run(vi_csv([vi_row("Xã Chi Lăng", service_start="01/03/2024")]), actor=cadre)
    assert only_message(report).startswith(
        "Xã Chi Lăng names no commune of your area on the service start date"
    )


def test_name_resolves_within_a_provincial_area(commune, neighbour, provincial_staff):
    report = run(vi_csv([vi_row("Quan Sơn")]), actor=provincial_staff)
    assert report.ok, messages(report)
    assert ServiceRecord.objects.get().commune == neighbour


# Export


def exported_csv(actor, language: str = "vi") -> list[list[str]]:
    text = io.StringIO()
    write_csv(text, logged_rows(actor=actor), language=language)
    assert text.getvalue().startswith("\ufeff")  # Excel opens it as UTF-8
    return list(csv.reader(io.StringIO(text.getvalue().lstrip("\ufeff"))))


def test_vietnamese_export_writes_labels_dates_and_the_commune_by_name(commune, cadre):
    person = PersonFactory(
        national_id=national_id(1),
        full_name="Nguyễn Văn A",
        birth_date=datetime.date(1995, 5, 17),
        sex="male",
        ethnicity="Kinh",
        residence_commune=commune,
    )
    ServiceRecordFactory(
        person=person,
        commune=commune,
        force="militia",
        category="in_place",
        start=datetime.date(2025, 8, 1),
        village=None,
        unit=None,
    )
    header, line = exported_csv(cadre)
    assert header == list(VI_HEADERS.values())
    assert line[2:6] + line[7:9] + line[10:12] == [
        "17/05/1995",
        "Nam",
        "Kinh",
        "Xã Chi Lăng (06001)",
        "Dân quân",
        "Tại chỗ",
        "01/08/2025",
        "",
    ]


def test_english_export_writes_codes_and_iso_dates(commune, cadre):
    ServiceRecordFactory(
        person__national_id=national_id(1),
        person__residence_commune=commune,
        commune=commune,
        force="militia",
        category="in_place",
        start=datetime.date(2025, 8, 1),
    )
    header, line = exported_csv(cadre, "en")
    assert (header[5], line[5], line[7], line[8], line[10]) == (
        "commune_code",
        "06001",
        "militia",
        "in_place",
        "2025-08-01",
    )


# The template's drop-down lists


@pytest.fixture
def template_book(commune, cadre, tmp_path):
    client = Client()
    client.force_login(cadre)
    response = client.get(reverse("members:roster_template"))
    path = tmp_path / "template.xlsx"
    path.write_bytes(b"".join(response.streaming_content))
    return load_workbook(path)


def drop_down(book, column_letter: str) -> list[str]:
    """The values the drop-down on `column_letter` of the first sheet offers."""
    sheet = book.worksheets[0]
    (validation,) = [
        v for v in sheet.data_validations.dataValidation if f"{column_letter}2:" in str(v.sqref)
    ]
    assert validation.type == "list"
    source, cells = validation.formula1.rsplit("!", 1)
    values = book[source.strip("'")][cells.replace("$", "")]
    return [cell.value for (cell,) in values]


@pytest.mark.parametrize(
    ("letter", "values"),
    [
        ("D", ["Nam", "Nữ"]),
        ("H", ["Dân quân", "Tự vệ", "Dự bị động viên"]),
        ("P", ["Xóa tên", "Khai trừ", "Xin ra khỏi Đảng", "Từ trần"]),
    ],
)
def test_template_offers_the_labels_of_a_coded_column(template_book, letter, values):
    assert drop_down(template_book, letter) == values


def test_template_offers_every_category(template_book):
    categories = drop_down(template_book, "I")
    assert ("Tại chỗ", "Sĩ quan dự bị", len(categories)) == (categories[2], categories[11], 15)


def test_template_offers_the_communes_of_the_users_area(template_book, neighbour):
    assert drop_down(template_book, "F") == ["Xã Chi Lăng (06001)"]


def test_template_keeps_what_is_typed_as_text(template_book):
    columns = template_book.worksheets[0].column_dimensions
    assert {columns[letter].number_format for letter in "ACFK"} == {"@"}


def test_template_keeps_its_lists_on_a_hidden_sheet(template_book):
    assert [sheet.sheet_state for sheet in template_book.worksheets] == ["visible", "hidden"]


def test_template_filled_from_its_lists_is_imported(template_book, cadre, tmp_path):
    sheet = template_book.worksheets[0]
    sheet.append(
        [
            national_id(1),
            "Nguyễn Văn A",
            "17/05/1995",
            drop_down(template_book, "D")[0],
            "Kinh",
            drop_down(template_book, "F")[0],
            "Thôn Đông",
            drop_down(template_book, "H")[0],
            drop_down(template_book, "I")[2],
            "",
            "01/08/2025",
        ]
    )
    out = io.BytesIO()
    template_book.save(out)
    report = run(out.getvalue(), actor=cadre)
    assert (report.ok, report.created) == (True, 1), messages(report)


def test_vietnamese_workbook_export_reimports_without_change(commune, cadre):
    run(vi_csv(VI_PEOPLE), actor=cadre)
    out = io.BytesIO()
    write_xlsx(out, logged_rows(actor=cadre), communes=["Xã Chi Lăng (06001)"])
    report = run(out.getvalue(), actor=cadre)
    assert (report.unchanged, report.ok) == (3, True), messages(report)


def test_commune_list_is_left_out_for_an_area_too_large(province, provincial_staff):
    Commune.objects.bulk_create(
        Commune(province=province, code=f"{7000 + n:05d}", name=f"Xã {n}", kind="commune")
        for n in range(1001)
    )
    assert commune_choices(actor=provincial_staff) == []


def test_commune_list_holds_an_area_of_a_thousand(province, provincial_staff):
    Commune.objects.bulk_create(
        Commune(province=province, code=f"{7000 + n:05d}", name=f"Xã {n}", kind="commune")
        for n in range(1000)
    )
    assert len(commune_choices(actor=provincial_staff)) == 1000


# The API reads the same files


def api_post(user, content: bytes):
    upload = SimpleUploadedFile("danh-sach.csv", content)
    return token_client(user).post(
        reverse("api:roster_import"), {"file": upload}, format="multipart"
    )


def test_api_imports_a_vietnamese_file(commune, cadre):
    response = api_post(cadre, vi_csv(VI_PEOPLE))
    assert (response.status_code, response.json()["created"]) == (200, 3)


def test_api_names_the_vietnamese_column_of_an_error(commune, cadre):
    response = api_post(cadre, vi_csv([vi_row("Xã Không Có")]))
    error = response.json()["errors"][0]
    assert (response.status_code, error["row"], error["column"]) == (400, 2, "Xã/phường")
