"""Real Chromium through Playwright, against pytest-django's live server.

The browser is Debian's `chromium` package; a browser is never downloaded at run time. Every
page runs behind a network guard: a request to any host other than the live server is aborted
and fails the test, because the product must load nothing from outside the province's network.
"""

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Browser, Page, Playwright, Route, sync_playwright

from tests.conftest import totp_code

# Playwright's sync API runs an event loop in this thread; Django would otherwise refuse the
# ORM calls the tests make around the browser (the standard workaround for live-server tests).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
MISSING_CHROMIUM = (
    f"{CHROMIUM} is missing: install Debian's chromium package (apt-get install chromium); "
    "the browser tests never download a browser."
)
# Full-page screenshots of the pages the tests visit, kept by CI as artefacts.
SCREENSHOTS_DEFAULT = Path(__file__).resolve().parents[2] / "artefacts" / "screenshots"
# Long enough for a slow CI machine, short enough that a missing element fails quickly.
TIMEOUT_MS = 10_000


# The database as the migrations left it (role groups, admission rule sets), serialized by
# pytest-django because the browser tests ask for serialized rollback.
_serialized: dict[str, str] = {}


def _keep_serialized_contents() -> None:
    """Give the default connection back its serialized migration state if it lost it.

    Run in the full suite after ordinary tests, the connection loses this attribute during the
    first browser test (it does not when tests/browser runs alone). Without it Django's flush
    re-creates content types and permissions with new ids, drops the role groups and cannot
    restore them, so a commune cadre would have no permissions in the next test.
    """
    from django.db import connection

    if hasattr(connection, "_test_serialized_contents"):
        _serialized.setdefault(connection.alias, connection._test_serialized_contents)
    elif connection.alias in _serialized:
        connection._test_serialized_contents = _serialized[connection.alias]


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    _keep_serialized_contents()


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_teardown(item: pytest.Item) -> None:
    _keep_serialized_contents()


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(MISSING_CHROMIUM, pytrace=False)
        pytest.skip(MISSING_CHROMIUM)
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    # launch() starts Chromium on a fresh temporary profile (user-data dir) and deletes it on
    # close; Playwright refuses a --user-data-dir argument here.
    browser = playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


@pytest.fixture
def page(browser: Browser, live_server) -> Iterator[Page]:
    """A fresh Vietnamese browser context whose requests may only reach the live server."""
    allowed = urlsplit(live_server.url).netloc
    outside: list[str] = []

    def guard(route: Route) -> None:
        url = route.request.url
        if urlsplit(url).netloc == allowed:
            route.continue_()
        else:
            outside.append(url)
            route.abort("blockedbyclient")

    context = browser.new_context(
        base_url=live_server.url, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh"
    )
    context.set_default_timeout(TIMEOUT_MS)
    context.route("**/*", guard)
    page = context.new_page()
    yield page
    context.close()
    assert not outside, f"The page tried to reach outside the live server: {outside}"


def sign_in(page: Page, *, username: str, password: str) -> None:
    """Sign in through the login page as a person would, and wait for the next page.

    A user asked for the code of their two-step sign-in enters the one their app shows now,
    computed from their device's secret (`enrol` in tests/conftest.py gives them one).
    """
    page.goto("/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    if urlsplit(page.url).path == reverse("two_factor:verify"):
        enter_code(page, totp_code(TOTPDevice.objects.get(user__username=username, confirmed=True)))


def enter_code(page: Page, code: str) -> None:
    """Type a two-step sign-in code into the page's code field and send it."""
    page.locator("main input[name=code]").fill(code)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()


@pytest.fixture
def screenshot(request: pytest.FixtureRequest, page: Page) -> Callable[[str], Path]:
    """Save the page as a full-page PNG `<test>-<name>.png` in $SCREENSHOTS_DIR.

    The folder defaults to artefacts/screenshots/ at the repository root; CI keeps it.
    """
    folder = Path(os.environ.get("SCREENSHOTS_DIR") or SCREENSHOTS_DEFAULT)
    folder.mkdir(parents=True, exist_ok=True)
    # A parametrized test's id ("test_x[commune_cadre]") becomes "test_x-commune_cadre".
    test = re.sub(r"[^\w.-]+", "-", request.node.name).strip("-")

    def take(name: str) -> Path:
        path = folder / f"{test}-{name}.png"
        page.screenshot(path=path, full_page=True)
        return path

    return take
