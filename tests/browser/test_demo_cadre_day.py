"""The demo commune cadre's day in Chromium, on the demo as `make run` builds it for today.

`demo_xa` belongs to Xã Tân Thành (06445), a commune of Lạng Sơn after the July 2025 reform. The
live server reads committed rows and every browser test ends with a flush, so the demo is built
for each test (module-scoped data would be gone after the first one).
"""

import datetime
import re
from io import BytesIO, StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from members.models import ServiceRecord
from tests.browser.conftest import sign_in
from units.models import Commune, Force

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

USERNAME = "demo_xa"
PASSWORD = "demo-xa-2024"  # demo/builders/accounts.py
COMMUNE_CODE = "06445"
D = datetime.date


@pytest.fixture
def demo(transactional_db) -> Commune:
    """Lạng Sơn's units in both eras and the demo for today; the cadre's commune.

    No cleanup here: the flush that ends every transactional test empties the tables.
    """
    call_command("load_admin_units", province="20", stdout=StringIO())
    call_command("seed_demo", stdout=StringIO())
    return Commune.objects.get(code=COMMUNE_CODE, valid_to__isnull=True)


def submit(page: Page, button: str) -> None:
    with page.expect_navigation():
        page.locator(button).click()


def test_demo_cadre_adds_a_militia_member_in_their_commune(page: Page, demo: Commune, screenshot):
    sign_in(page, username=USERNAME, password=PASSWORD)
    page.goto("/members/people/")
    submit(page, "#person-create")

    person = page.locator("#person-fields")
    person.get_by_label("Họ và tên").fill("Lương Văn Thắng")
    person.get_by_label("Ngày sinh").fill("17/05/1998")
    person.get_by_label("Giới tính").select_option(label="Nam")
    person.get_by_label("Xã nơi cư trú").select_option(value=str(demo.pk))
    service = page.locator("#services-0")
    service.locator("#id_services-0-force").select_option(label="Dân quân")
    service.locator("#id_services-0-category").select_option(label="Tại chỗ")
    service.locator("#id_services-0-commune").select_option(value=str(demo.pk))
    service.locator("#id_services-0-start").fill("01/03/2026")
    submit(page, "#person-save")

    expect(page).to_have_url(re.compile(r"/members/people/\d+/$"))
    expect(page.locator(".messages li.success")).to_have_count(1)
    screenshot("saved")
    record = ServiceRecord.objects.get(person__full_name="Lương Văn Thắng")
    assert (record.force, record.commune_id, record.start, record.end) == (
        Force.MILITIA,
        demo.pk,
        D(2026, 3, 1),
        None,
    )


def test_demo_cadre_transfers_a_member_to_another_current_commune(
    page: Page, demo: Commune, screenshot
):
    today = timezone.localdate()
    serving = (
        ServiceRecord.objects.filter(commune=demo, start__lt=today, end__isnull=True)
        .order_by("pk")
        .first()
    )
    assert serving is not None, "the demo has nobody serving today in the cadre's commune"
    target = (
        Commune.objects.valid_on(today)
        .filter(province=demo.province)
        .exclude(pk=demo.pk)
        .order_by("code")
        .first()
    )
    sign_in(page, username=USERNAME, password=PASSWORD)
    page.goto(f"/members/people/{serving.person_id}/")
    submit(page, f"#service-{serving.pk}-transfer")
    page.locator("#id_to_commune").select_option(value=str(target.pk))
    submit(page, "#transfer-save")

    expect(page).to_have_url(re.compile(rf"/members/people/{serving.person_id}/$"))
    expect(page.locator(".messages li.success")).to_have_count(1)
    screenshot("transferred")
    current = ServiceRecord.objects.get(person_id=serving.person_id, end__isnull=True)
    assert current.pk != serving.pk
    assert current.commune_id == target.pk


def test_demo_cadre_imports_the_vietnamese_template_filled_in_a_spreadsheet(
    page: Page, demo: Commune, screenshot, tmp_path: Path
):
    sign_in(page, username=USERNAME, password=PASSWORD)
    page.goto("/members/roster/import/")
    with page.expect_download() as download:
        page.locator('main a[href$="/members/roster/template/"]').click()
    workbook = load_workbook(BytesIO(Path(download.value.path()).read_bytes()))
    sheet = workbook.worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    values = {
        "Số định danh cá nhân": "020098123456",
        "Họ và tên": "Hoàng Văn Khánh",
        "Ngày sinh": "17/05/1998",
        "Giới tính": "Nam",
        "Dân tộc": "Tày",
        "Xã/phường": "Tân Thành",
        "Lực lượng": "Dân quân",
        "Thành phần": "Tại chỗ",
        "Từ ngày": "02/03/2026",
    }
    for name, value in values.items():
        sheet.cell(row=2, column=headers.index(name) + 1, value=value)
    filled = tmp_path / "danh-sach.xlsx"
    workbook.save(filled)

    page.locator("main input[type=file]").set_input_files(filled)
    submit(page, "main form[enctype] button[type=submit]")
    expect(page.locator("[data-count=created]")).to_have_text("1")
    submit(page, "main .roster-preview form button[type=submit]")

    expect(page.locator(".messages li.success")).to_have_count(1)
    screenshot("imported")
    record = ServiceRecord.objects.get(person__national_id="020098123456")
    assert (record.person.full_name, record.person.birth_date) == (
        "Hoàng Văn Khánh",
        D(1998, 5, 17),
    )
    assert (record.force, record.commune_id, record.start) == (
        Force.MILITIA,
        demo.pk,
        D(2026, 3, 2),
    )
