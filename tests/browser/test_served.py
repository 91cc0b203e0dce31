"""Chromium against the production stack as `make serve` runs it: gunicorn, WhiteNoise, the
production settings, on PostgreSQL when the run has a PostgreSQL DATABASE_URL (a fresh database
of its own, dropped afterwards), otherwise on a throwaway SQLite file."""

import base64
import os
import secrets
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django_otp.oath import totp
from playwright.sync_api import Browser, BrowserContext, Page, Route

from tests.browser.conftest import enter_code
from tests.config.test_serving import free_port, serve_environment, wait_until_listening

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = secrets.token_urlsafe(16)
ACCENT = "rgb(155, 28, 28)"  # --accent of static/css/app.css, the header's background


def database_url(tmp: Path) -> tuple[str, str | None]:
    """Return the served database's URL and, on PostgreSQL, the name to drop afterwards."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        return f"sqlite:///{tmp / 'served.sqlite3'}", None
    name = f"dqtv_served_{os.getpid()}"
    subprocess.run(["createdb", *server_args(), name], check=True)
    return urlsplit(url)._replace(path=f"/{name}").geturl(), name


def server_args() -> list[str]:
    """Return the host, port and user of the run's PostgreSQL for createdb and dropdb."""
    parts = urlsplit(os.environ["DATABASE_URL"])
    host, port = parts.hostname or "127.0.0.1", str(parts.port or 5432)
    return ["-h", host, "-p", port, "-U", parts.username or "postgres"]


def manage(env: dict[str, str], *command: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True, capture_output=True
    )


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> Iterator[str]:
    """Start the production stack with one national administrator; yield its base URL."""
    tmp = tmp_path_factory.mktemp("served")
    port = free_port()
    url, dropped = database_url(tmp)
    env = serve_environment(tmp, port) | {"DATABASE_URL": url, "ADMIN_PASSWORD": PASSWORD}
    server = None
    try:
        manage(env, "migrate", "--no-input", "-v", "0")
        manage(env, "sync_roles")
        manage(env, "collectstatic", "--no-input", "-v", "0")
        account = ("chief", "--role", "national_admin", "--password-env", "ADMIN_PASSWORD")
        manage(env, "create_account", *account)
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.conf.py"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until_listening(port, server)
        yield f"http://127.0.0.1:{port}"
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        if dropped:
            subprocess.run(["dropdb", "--if-exists", "--force", *server_args(), dropped])


def guarded(browser: Browser, served: str, outside: list[str], **options) -> BrowserContext:
    """Return a Vietnamese browser context on the served stack; requests leaving it are
    refused and recorded in `outside`."""
    allowed = urlsplit(served).netloc

    def guard(route: Route) -> None:
        if urlsplit(route.request.url).netloc == allowed:
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort("blockedbyclient")

    context = browser.new_context(base_url=served, locale="vi-VN", **options)
    context.route("**/*", guard)
    return context


@pytest.fixture(scope="module")
def signed_in_state(browser: Browser, served: str) -> dict:
    """Sign the national administrator in once, as on a new install: after the password, the
    two-step sign-in their role requires is enrolled with the key the page shows (the code
    computed from it as their app would). Return the browser's signed-in state."""
    outside: list[str] = []
    context = guarded(browser, served, outside)
    page = context.new_page()
    page.goto("/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill("chief")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    secret = page.locator("#two-step-secret").inner_text().replace(" ", "")
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    enter_code(page, f"{totp(key):06d}")
    state = context.storage_state()
    context.close()
    assert outside == []
    return state


@pytest.fixture
def served_page(
    browser: Browser, served: str, signed_in_state: dict
) -> Iterator[tuple[Page, list[str]]]:
    """A page of the signed-in national administrator on the served stack, at the home page;
    requests leaving the stack are refused and recorded."""
    outside: list[str] = []
    context = guarded(browser, served, outside, storage_state=signed_in_state)
    page = context.new_page()
    page.goto("/")
    yield page, outside
    context.close()


def test_signing_in_on_the_served_stack_lands_on_the_home_page(served_page):
    page, _outside = served_page
    assert page.locator("h1").inner_text() == "Chào mừng"


def test_the_served_stylesheet_is_applied(served_page):
    page, _outside = served_page
    header = page.locator(".site-header")
    assert header.evaluate("node => getComputedStyle(node).backgroundColor") == ACCENT


def test_the_served_pages_load_nothing_from_outside(served_page):
    page, outside = served_page
    page.goto("/reports/")
    assert outside == []
