"""Signing in, the home page and the admin, as a person sees them in Chromium."""

import re
from pathlib import Path

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from playwright.sync_api import Page, expect

from accounts.models import Role, User
from config.menu import MENU
from tests.browser.conftest import sign_in
from tests.conftest import enrol
from tests.members.factories import PersonFactory
from tests.units.factories import CommuneFactory

pytestmark = [
    pytest.mark.browser,
    # The live server reads what the test commits; the rows the migrations made (role groups,
    # admission rule sets) are restored after every flush.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "Mật-khẩu-thử-2026"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
HOME = re.compile(r"^http://[^/]+/$")


@pytest.fixture
def superuser() -> User:
    """A national administrator, enrolled in two-step sign-in as their role requires."""
    user = User.objects.create_superuser(
        username="quantri", password=PASSWORD, role=Role.NATIONAL_ADMIN, email="qt@example.vn"
    )
    enrol(user)
    return user


def menu_labels(language: str) -> dict[str, str]:
    """Give the label of each menu entry whose page exists, by URL, in `language`.

    "My commune" is left out: it is shown only to a user who has a commune, which a superuser
    has not.
    """
    labels = {}
    with translation.override(language):
        for name, label, permission in MENU:
            if permission == "has_commune":
                continue
            try:
                labels[reverse(name)] = str(label)
            except NoReverseMatch:
                continue
    return labels


def test_signing_in_lands_on_home_with_the_menu_in_vietnamese(page: Page, superuser: User):
    sign_in(page, username=superuser.username, password=PASSWORD)

    expect(page).to_have_url(HOME)
    links = page.locator("nav.main-nav a")
    expect(links.first).to_be_visible()
    shown = {link.get_attribute("href"): link.inner_text() for link in links.all()}
    # A superuser holds every permission, so every entry whose page exists is shown.
    assert shown == menu_labels("vi")
    english = menu_labels("en")
    untranslated = {url: text for url, text in shown.items() if text == english[url]}
    assert not untranslated, f"Menu entries shown in English: {untranslated}"


def test_wrong_password_shows_the_error_and_stays_on_the_login_page(page: Page, superuser: User):
    sign_in(page, username=superuser.username, password="sai-mật-khẩu")

    expect(page).to_have_url(re.compile(r"/accounts/login/$"))
    expect(page.locator("main .errorlist")).to_contain_text("mật khẩu chính xác")
    expect(page.locator("nav.main-nav")).to_have_count(0)


def test_home_page_renders_with_the_product_stylesheet(page: Page, superuser: User, tmp_path: Path):
    sign_in(page, username=superuser.username, password=PASSWORD)

    # The header colour comes from static/css/app.css, served by the live server itself.
    expect(page.locator("header.site-header")).to_have_css("background-color", "rgb(155, 28, 28)")
    screenshot = tmp_path / "home.png"
    page.screenshot(path=screenshot, full_page=True)
    content = screenshot.read_bytes()
    assert content.startswith(PNG_SIGNATURE)
    assert len(content) > 1_000


def test_admin_search_finds_a_person_by_vietnamese_name(page: Page, superuser: User):
    commune = CommuneFactory(name="Xã Tân Thành")
    PersonFactory(full_name="Nguyễn Thị Hồng Nhung", residence_commune=commune)
    PersonFactory(full_name="Trần Văn Bình", residence_commune=commune)
    sign_in(page, username=superuser.username, password=PASSWORD)

    page.goto("/admin/members/person/")
    results = page.locator("#result_list tbody tr")
    expect(results).to_have_count(2)
    page.locator("#searchbar").fill("hồng nhung")
    with page.expect_navigation():
        page.locator("#searchbar").press("Enter")

    expect(results).to_have_count(1)
    expect(results.first).to_contain_text("Nguyễn Thị Hồng Nhung")
