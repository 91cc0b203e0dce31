"""The audit pages in Chromium: a national administrator reads, filters and downloads them."""

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from accounts.models import Role, User
from members.services.audit import person_reads_log
from tests.browser.conftest import sign_in
from tests.members.factories import PersonFactory, ServiceRecordFactory

pytestmark = [
    pytest.mark.browser,
    # The live server reads what the test commits; the rows the migrations made (role groups,
    # admission rule sets) are restored after every flush.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "pw"  # the `national_admin` fixture's (tests/conftest.py)


@pytest.fixture
def history(home_commune) -> dict:
    """Two people of one commune, the first edited and read by a cadre, the second untouched."""
    cadre = User.objects.create_user(
        username="canbo.hoabinh", role=Role.COMMUNE_CADRE, commune=home_commune
    )
    edited = PersonFactory(full_name="Trịnh Văn Mười", residence_commune=home_commune)
    edited._history_user = cadre
    edited.full_name = "Trịnh Văn Mười Một"
    edited.save()
    ServiceRecordFactory(person=edited)
    untouched = PersonFactory(full_name="Đinh Thị Hoa", residence_commune=home_commune)
    person_reads_log(reader=cadre, person_ids=[edited.pk, untouched.pk], purpose="detail")
    return {"cadre": cadre, "edited": edited, "untouched": untouched}


def submit(page: Page) -> None:
    with page.expect_navigation():
        page.locator("#audit-filter-submit").click()


def policy_violations(page: Page) -> list[str]:
    """Collect, from now on, Chromium's console reports of Content-Security-Policy refusals."""
    found: list[str] = []
    page.on("console", lambda m: found.append(m.text) if "Content Security Policy" in m.text else 0)
    return found


def test_national_admin_filters_the_change_history_by_person(
    page: Page, national_admin: User, history: dict, screenshot
):
    violations = policy_violations(page)
    sign_in(page, username=national_admin.username, password=PASSWORD)
    with page.expect_navigation():
        page.locator(f'nav.main-nav a[href="{reverse("audit:changes")}"]').click()
    rows = page.locator("#audit-changes tbody tr")
    expect(rows.first).to_be_visible()
    screenshot("changes")

    page.locator("#id_person_name").fill("Mười")
    submit(page)

    expect(rows).to_have_count(3)  # the person created and renamed, their service record
    expect(page.locator("#audit-changes")).not_to_contain_text("Đinh Thị Hoa")
    renamed = rows.filter(has_text="canbo.hoabinh")
    expect(renamed.locator("del")).to_have_text("Trịnh Văn Mười")
    expect(renamed.locator("ins")).to_have_text("Trịnh Văn Mười Một")
    screenshot("changes-by-person")
    assert violations == []


def test_national_admin_filters_the_read_log_and_downloads_it(
    page: Page, national_admin: User, history: dict, screenshot, tmp_path
):
    sign_in(page, username=national_admin.username, password=PASSWORD)
    page.goto(reverse("audit:changes"))
    with page.expect_navigation():
        page.locator("#audit-tab-reads").click()
    today = timezone.localdate().strftime("%d/%m/%Y")

    page.locator("#id_user").fill("canbo.hoabinh")
    page.locator("#id_since").fill(today)
    page.locator("#id_until").fill(today)
    submit(page)

    rows = page.locator("#audit-reads tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text(today)
    screenshot("reads-by-user")
    with page.expect_download() as download:
        page.locator("#export-xlsx").click()
    path = tmp_path / "reads.xlsx"
    download.value.save_as(path)
    sheet = load_workbook(path, read_only=True).active
    people = sorted(row[1] for row in list(sheet.iter_rows(values_only=True))[1:])
    assert people == sorted(str(history[name]) for name in ("untouched", "edited"))
