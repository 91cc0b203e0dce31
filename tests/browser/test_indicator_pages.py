"""The indicator pages in Chromium: dashboard, drill-down, trend, export, pipeline, explain, menu.

One province with two communes and a handful of militia members: Xã Tân Thành has 4 (one a
party member), Xã Hoàng Đồng 4 today and a fifth who left on 31/07/2026. So today the
province's militia share is 1 / 8 = 12,5 %, on 30/06/2026 it was 1 / 9, and the province's
directive asks for at least 15 %. Each page's test saves it as a full-page screenshot in
$SCREENSHOTS_DIR (artefacts/screenshots/ by default), named <test>-<page>.png.
"""

import datetime
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import translation
from django.utils.translation import gettext_lazy
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from accounts.models import Role, User
from config.menu import MENU
from members.models import Person, Stage
from reports.targets import STATUS_LABELS
from targets.indicators import Indicator
from tests.browser.conftest import sign_in
from tests.conftest import enrol
from tests.members.factories import (
    AdmissionCaseFactory,
    AdmissionStepFactory,
    PartyRecordFactory,
    PersonFactory,
    ServiceRecordFactory,
)
from tests.targets.factories import DirectiveFactory, TargetFactory
from tests.units.factories import CommuneFactory, ProvinceFactory
from units.models import Commune, Force, Province

pytestmark = [
    pytest.mark.browser,
    # The live server reads what the test commits; the rows the migrations made (role groups,
    # admission rule sets) are restored after every flush.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "Mật-khẩu-chỉ-số-2026"
D = datetime.date
PROVINCE = "Tỉnh Lạng Sơn"
TAN_THANH, HOANG_DONG = "06124", "06127"
MILITIA = Indicator.PARTY_SHARE_MILITIA.value
PARTY_MEMBER = "Lương Văn Thắng"
DIRECTIVE = "15-CT/TU"
# Each indicator of the children table fills these columns of the export, after code and name.
FIGURES = ("numerator", "denominator", "value", "status", "gap")


def vi(text) -> str:
    """Return a product text in Vietnamese, as the catalogue in force translates it."""
    with translation.override("vi"):
        return str(text)


def menu_label(url_name: str) -> str:
    return vi(next(label for name, label, _permission in MENU if name == url_name))


def serve(commune: Commune, *, name: str = "", end: datetime.date | None = None) -> Person:
    """Put a new resident of `commune` in its core militia since 2020."""
    person = PersonFactory(residence_commune=commune, **({"full_name": name} if name else {}))
    ServiceRecordFactory(
        person=person, commune=commune, force=Force.MILITIA, start=D(2020, 1, 1), end=end
    )
    return person


@pytest.fixture
def province() -> Province:
    """Lạng Sơn with its two communes, their militia and the directive's 15 % target."""
    province = ProvinceFactory(code="20", name=PROVINCE)
    tan_thanh = CommuneFactory(province=province, code=TAN_THANH, name="Xã Tân Thành")
    hoang_dong = CommuneFactory(province=province, code=HOANG_DONG, name="Xã Hoàng Đồng")
    PartyRecordFactory(person=serve(tan_thanh, name=PARTY_MEMBER), admitted_on=D(2021, 3, 2))
    for _ in range(3):
        serve(tan_thanh)
    for _ in range(4):
        serve(hoang_dong)
    serve(hoang_dong, end=D(2026, 7, 31))
    directive = DirectiveFactory(number=DIRECTIVE, province=province)
    TargetFactory(directive=directive, indicator=MILITIA, lower=Decimal("15"), deadline_year=2030)
    return province


def user(role: str, first_name: str, last_name: str, **area) -> User:
    """A user with a real name: the header shows it beside the sign-out button."""
    return User.objects.create_user(
        username=f"nguoidung.{role}",
        password=PASSWORD,
        role=role,
        first_name=first_name,
        last_name=last_name,
        **area,
    )


@pytest.fixture
def staff(province: Province) -> User:
    return user(Role.PROVINCIAL_STAFF, "Nguyễn Thị", "Hồng Nhung", province=province)


@pytest.fixture
def cadre(province: Province) -> User:
    commune = Commune.objects.get(code=TAN_THANH)
    return user(Role.COMMUNE_CADRE, "Hoàng", "Văn Đức", commune=commune)


def open_menu(page: Page, label: str) -> None:
    with page.expect_navigation():
        page.locator("nav.main-nav").get_by_role("link", name=label).click()


def click(page: Page, selector: str) -> None:
    with page.expect_navigation():
        page.locator(selector).click()


def open_dashboard(page: Page, person: User) -> None:
    sign_in(page, username=person.username, password=PASSWORD)
    open_menu(page, "Chỉ số")


# Provincial staff on the dashboard.


def test_provincial_staff_read_their_provinces_militia_share_with_a_decimal_comma(
    page: Page, staff: User, screenshot: Callable[[str], Path]
):
    open_dashboard(page, staff)

    expect(page.locator("h1")).to_contain_text(PROVINCE)
    expect(page.locator(f"#value-{MILITIA}")).to_have_text("12,5 %")
    expect(page.locator(f"#fraction-{MILITIA}")).to_have_text("1 / 8")
    screenshot("dashboard")


def test_a_share_under_its_target_shows_the_status_word_in_its_colour(page: Page, staff: User):
    open_dashboard(page, staff)

    status = page.locator(f"#status-{MILITIA} .dashboard-status")
    expect(status).to_have_text(vi(STATUS_LABELS["below"]))
    expect(status).to_have_class(re.compile(r"\bstatus-below\b"))


def test_a_new_date_in_the_form_shows_the_figures_of_that_date(page: Page, staff: User):
    open_dashboard(page, staff)
    page.locator("#id_date").fill("30/06/2026")
    click(page, "#dashboard-submit")

    expect(page.locator("#dashboard-when")).to_contain_text("30/06/2026")
    expect(page.locator("#id_date")).to_have_value("30/06/2026")
    expect(page.locator(f"#fraction-{MILITIA}")).to_have_text("1 / 9")


def test_a_communes_row_drills_down_to_its_own_figures(
    page: Page, staff: User, screenshot: Callable[[str], Path]
):
    open_dashboard(page, staff)
    click(page, f"#child-{TAN_THANH} th a")

    expect(page.locator("h1")).to_contain_text("Xã Tân Thành")
    expect(page.locator(f"#fraction-{MILITIA}")).to_have_text("1 / 4")
    screenshot("drill-down")


def test_the_breadcrumb_leads_back_up_to_the_province(page: Page, staff: User):
    open_dashboard(page, staff)
    click(page, f"#child-{HOANG_DONG} th a")
    with page.expect_navigation():
        page.locator("#dashboard-breadcrumb").get_by_role("link", name=PROVINCE).click()

    expect(page.locator("h1")).to_contain_text(PROVINCE)
    expect(page.locator(f"#child-{TAN_THANH}")).to_be_visible()


def test_an_indicators_link_opens_its_trend_with_the_target_band(
    page: Page, staff: User, screenshot: Callable[[str], Path]
):
    open_dashboard(page, staff)
    click(page, f"#indicator-{MILITIA} th a")

    expect(page).to_have_url(re.compile(r"/reports/trend/\?"))
    chart = page.locator("svg#trend-chart")
    expect(chart).to_be_visible()
    expect(chart.locator("rect.target-band").first).to_be_visible()
    screenshot("trend")


def test_the_exported_workbook_holds_the_numerator_and_denominator_shown(
    page: Page, staff: User, tmp_path: Path
):
    open_dashboard(page, staff)
    shown = page.locator(f"#fraction-{MILITIA}").inner_text()
    headers = page.locator("#dashboard-children thead th").evaluate_all(
        "cells => cells.map(cell => cell.id)"
    )
    with page.expect_download() as download:
        page.locator("#export-xlsx").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)

    assert path.suffix == ".xlsx"
    rows = list(load_workbook(path).active.iter_rows(values_only=True))
    # Code and name, then each indicator column of the page's table in its order.
    first = 2 + len(FIGURES) * headers[1:].index(f"sort-{MILITIA}")
    province_row = next(row for row in rows if row[0] == "20")
    assert f"{province_row[first]} / {province_row[first + 1]}" == shown


# A commune cadre.


def test_commune_cadre_sees_only_their_own_commune(
    page: Page, cadre: User, screenshot: Callable[[str], Path]
):
    open_dashboard(page, cadre)

    expect(page.locator("h1")).to_contain_text("Xã Tân Thành")
    expect(page.locator(f"#fraction-{MILITIA}")).to_have_text("1 / 4")
    expect(page.locator("main")).not_to_contain_text("Xã Hoàng Đồng")
    expect(page.locator("#dashboard-breadcrumb a")).to_have_count(0)
    screenshot("dashboard")


def test_another_communes_dashboard_answers_404_to_a_commune_cadre(page: Page, cadre: User):
    sign_in(page, username=cadre.username, password=PASSWORD)

    response = page.goto(f"/reports/?area={HOANG_DONG}")

    assert response is not None
    assert response.status == 404


# The other indicator pages.


@pytest.fixture
def open_case(province: Province):
    """A case in Xã Tân Thành that has reached the awareness course."""
    case = AdmissionCaseFactory(person__residence_commune=Commune.objects.get(code=TAN_THANH))
    AdmissionStepFactory(case=case, stage=Stage.SOURCED, done_on=D(2026, 3, 2))
    AdmissionStepFactory(case=case, stage=Stage.AWARENESS_COURSE, done_on=D(2026, 4, 6))
    return case


def test_the_pipeline_counts_an_open_case_at_the_stage_it_reached(
    page: Page, staff: User, open_case, screenshot: Callable[[str], Path]
):
    sign_in(page, username=staff.username, password=PASSWORD)
    page.goto("/reports/pipeline/")

    expect(page.locator(f"#stage-{Stage.AWARENESS_COURSE} td.num")).to_have_text("1")
    expect(page.locator(f"#stage-{Stage.SOURCED} td.num")).to_have_text("0")
    screenshot("pipeline")


def test_explain_lists_the_party_member_behind_the_militia_numerator(
    page: Page, staff: User, screenshot: Callable[[str], Path]
):
    sign_in(page, username=staff.username, password=PASSWORD)
    page.goto(f"/reports/explain/?indicator={MILITIA}&part=numerator")

    rows = page.locator("#explain-table tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(PARTY_MEMBER)
    screenshot("explain")


def test_the_directives_list_shows_the_provinces_directive(
    page: Page, staff: User, screenshot: Callable[[str], Path]
):
    sign_in(page, username=staff.username, password=PASSWORD)
    open_menu(page, menu_label("targets:directive_list"))

    expect(page.locator("#directive-table")).to_contain_text(DIRECTIVE)
    screenshot("directives")


# The header menu: one line on a wide screen, folded on a phone, usable with the keyboard.


@pytest.fixture
def national_admin(province: Province) -> User:
    """A national administrator, enrolled in two-step sign-in as their role requires."""
    user = User.objects.create_superuser(
        username="quantri",
        password=PASSWORD,
        role=Role.NATIONAL_ADMIN,
        email="qt@example.vn",
        first_name="Trần Quốc",
        last_name="Bảo",
    )
    enrol(user)
    return user


@pytest.mark.parametrize("role", ["national_admin", "staff", "cadre"])
def test_the_header_menu_fits_on_one_line_at_1280_px(
    request, page: Page, role: str, screenshot: Callable[[str], Path]
):
    person = request.getfixturevalue(role)
    page.set_viewport_size({"width": 1280, "height": 800})
    sign_in(page, username=person.username, password=PASSWORD)

    links = page.locator("nav.main-nav a")
    expect(links.first).to_be_visible()
    tops = {round(link.bounding_box()["y"]) for link in links.all()}
    assert len(tops) == 1, f"The menu wraps onto {len(tops)} lines"
    screenshot("home")


def test_the_aggregate_clients_home_leads_to_the_api(
    page: Page, province: Province, screenshot: Callable[[str], Path]
):
    client = user(Role.AGGREGATE_CLIENT, "Phòng", "Thống kê", province=province)
    sign_in(page, username=client.username, password=PASSWORD)

    expect(page.locator("#api-access")).to_be_visible()
    expect(page.locator("nav.main-nav a")).to_have_text(["Chỉ số"])
    screenshot("home")


@pytest.mark.parametrize("role", ["national_admin", "staff", "cadre"])
def test_the_sign_out_button_stays_on_the_menus_line_at_1280_px(request, page: Page, role: str):
    person = request.getfixturevalue(role)
    page.set_viewport_size({"width": 1280, "height": 800})
    sign_in(page, username=person.username, password=PASSWORD)

    nav = page.locator("nav.main-nav").bounding_box()
    sign_out = page.locator("form.logout button").bounding_box()
    assert sign_out["y"] < nav["y"] + nav["height"], "Sign-out wraps below the menu"


def test_the_dashboard_needs_no_sideways_scrolling_at_1280_px(page: Page, staff: User):
    page.set_viewport_size({"width": 1280, "height": 800})
    open_dashboard(page, staff)

    assert page.evaluate("document.documentElement.scrollWidth") <= 1280


def test_the_header_menu_folds_behind_the_menu_button_at_360_px(
    page: Page, staff: User, screenshot: Callable[[str], Path]
):
    page.set_viewport_size({"width": 360, "height": 740})
    sign_in(page, username=staff.username, password=PASSWORD)
    links = page.locator("nav.main-nav a")
    expect(links.first).to_be_hidden()

    page.get_by_role("button", name=vi(gettext_lazy("Menu"))).click()

    for link in links.all():
        expect(link).to_be_visible()
    screenshot("menu-open")


@pytest.mark.parametrize("key", ["Enter", "Space"])
def test_the_menu_button_is_reached_with_tab_and_opens_with_a_key(
    page: Page, staff: User, key: str
):
    page.set_viewport_size({"width": 360, "height": 740})
    sign_in(page, username=staff.username, password=PASSWORD)
    button = page.locator(".menu-toggle")
    for _ in range(5):
        page.keyboard.press("Tab")
        if button.evaluate("element => element === document.activeElement"):
            break
    expect(button).to_be_focused()

    page.keyboard.press(key)

    expect(button).to_have_attribute("aria-expanded", "true")
    expect(page.locator("nav.main-nav a").first).to_be_visible()
