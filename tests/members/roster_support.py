"""Builders for roster files: rows as dicts, files as CSV or XLSX bytes, made in memory."""

import csv
import datetime
import io

import pytest
from django.utils import translation
from openpyxl import Workbook

from accounts.models import Role, User
from members.roster.columns import HEADERS
from members.roster.importer import import_roster
from members.roster.state import ImportReport
from tests.units.factories import CommuneFactory, ProvinceFactory

START = datetime.date(2025, 8, 1)
# The template's Vietnamese headers, written out as the issue asks for them.
VI_HEADERS = {
    "national_id": "Số định danh cá nhân",
    "full_name": "Họ và tên",
    "birth_date": "Ngày sinh",
    "sex": "Giới tính",
    "ethnicity": "Dân tộc",
    "commune_code": "Xã/phường",
    "village": "Thôn/tổ dân phố",
    "force": "Lực lượng",
    "category": "Thành phần",
    "unit": "Đơn vị",
    "service_start": "Từ ngày",
    "service_end": "Đến ngày",
    "party_admitted_on": "Ngày kết nạp",
    "party_full_on": "Ngày chính thức",
    "party_exit_on": "Ngày ra khỏi Đảng",
    "party_exit_kind": "Hình thức ra khỏi Đảng",
}


def national_id(serial: int, *, year: int = 1995, female: bool = False) -> str:
    century = (year - 1900) // 100 * 2 + (1 if female else 0)
    return f"020{century}{year % 100:02d}{serial:06d}"


def row(commune_code: str, serial: int = 1, **values: str) -> dict[str, str]:
    base = {
        "national_id": national_id(serial),
        "full_name": f"Nguyễn Văn {serial}",
        "birth_date": "1995-05-17",
        "sex": "male",
        "ethnicity": "Kinh",
        "commune_code": commune_code,
        "village": "Thôn Đông",
        "force": "militia",
        "category": "in_place",
        "unit": "",
        "service_start": START.isoformat(),
        "service_end": "",
        "party_admitted_on": "",
        "party_full_on": "",
        "party_exit_on": "",
        "party_exit_kind": "",
    }
    return {**base, **values}


def vi_row(commune: str, serial: int = 1, **values: str) -> dict[str, str]:
    """The person of `row(commune, serial)` as a cadre writes it: labels and dd/mm/yyyy."""
    base = {
        **row(commune, serial),
        "birth_date": "17/05/1995",
        "sex": "Nam",
        "force": "Dân quân",
        "category": "Tại chỗ",
        "service_start": START.strftime("%d/%m/%Y"),
    }
    return {**base, **values}


def csv_bytes(
    rows: list[dict],
    *,
    headers: tuple[str, ...] = HEADERS,
    encoding: str = "utf-8",
    names: dict[str, str] | None = None,
) -> bytes:
    """A CSV of `rows` (dicts by column key); `names` turns the keys into other headers."""
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow([(names or {}).get(header, header) for header in headers])
    for values in rows:
        writer.writerow([values.get(header, "") for header in headers])
    return text.getvalue().encode(encoding)


def vi_csv(rows: list[dict]) -> bytes:
    return csv_bytes(rows, names=VI_HEADERS)


def xlsx_bytes(
    rows: list[dict],
    *,
    formulas: dict[tuple[int, str], str] | None = None,
    names: dict[str, str] | None = None,
) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append([(names or {}).get(header, header) for header in HEADERS])
    for values in rows:
        sheet.append([values.get(header, "") for header in HEADERS])
    for (number, column), formula in (formulas or {}).items():
        sheet.cell(row=number, column=HEADERS.index(column) + 1, value=formula)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def run(content: bytes, *, actor=None, dry_run: bool = False) -> ImportReport:
    """Import `content` with English messages, so that tests read the msgids."""
    with translation.override("en"):
        return import_roster(io.BytesIO(content), actor=actor, dry_run=dry_run)


def messages(report: ImportReport) -> list[tuple[int, str, str]]:
    return [(error.row, error.column, error.message) for error in report.errors]


# Areas and actors: two communes of one province, one commune elsewhere. Test modules import
# these fixtures by name.


@pytest.fixture
def province(db):
    return ProvinceFactory(code="20", name="Tỉnh Lạng Sơn")


@pytest.fixture
def commune(province):
    return CommuneFactory(province=province, code="06001", name="Xã Chi Lăng")


@pytest.fixture
def neighbour(province):
    return CommuneFactory(province=province, code="06002", name="Xã Quan Sơn")


@pytest.fixture
def faraway(db):
    return CommuneFactory(code="09001", name="Xã Xa Xôi", province__code="91")


@pytest.fixture
def cadre(commune) -> User:
    return User.objects.create_user(
        username="cadre", password="pw", role=Role.COMMUNE_CADRE, commune=commune
    )


@pytest.fixture
def provincial_staff(province) -> User:
    return User.objects.create_user(
        username="staff", password="pw", role=Role.PROVINCIAL_STAFF, province=province
    )
