"""Two-step sign-in in Chromium: a national administrator's first sign-in enrols a device from
the QR code page, the next one asks for the code; a wrong code is refused, then slowed down.

The codes are computed as the user's authenticator app computes them (RFC 6238): from the key
the enrolment page shows, then from the device's secret.
"""

import base64
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from accounts.models import Role, User
from tests.browser.conftest import enter_code
from tests.browser.test_csp import violations_of
from tests.conftest import enrol, totp_code, wrong_code

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "Mật-khẩu-hai-bước-2026"
ENROLMENT = re.compile(r"/accounts/two-step/(\?next=.*)?$")
VERIFICATION = re.compile(r"/accounts/two-step/verify/(\?next=.*)?$")


@pytest.fixture
def national_admin() -> User:
    return User.objects.create_superuser(
        username="quantri2b",
        password=PASSWORD,
        role=Role.NATIONAL_ADMIN,
        first_name="Lê Minh",
        last_name="Châu",
    )


def password_step(page: Page, username: str, next_path: str = "") -> None:
    page.goto("/accounts/login/" + (f"?next={next_path}" if next_path else ""))
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()


def shown_key(page: Page) -> bytes:
    """Return the secret as the page shows it for typing into an app (base32, grouped)."""
    secret = page.locator("#two-step-secret").inner_text().replace(" ", "")
    return base64.b32decode(secret + "=" * (-len(secret) % 8))


def test_first_sign_in_enrols_a_device_and_the_next_one_asks_for_its_code(
    page: Page, national_admin: User, screenshot: Callable[[str], Path]
):
    violations = violations_of(page)
    password_step(page, national_admin.username)

    # Held at enrolment: the QR code is drawn (an SVG from the server), no menu is offered.
    expect(page).to_have_url(ENROLMENT)
    qr = page.locator("#two-step-qr")
    expect(qr).to_be_visible()
    assert qr.evaluate("image => image.complete && image.naturalWidth > 0")
    expect(page.locator("nav.main-nav a")).to_have_count(0)
    screenshot("enrolment")
    page.goto("/members/people/")
    expect(page).to_have_url(ENROLMENT)

    # Confirmed with the code computed from the key shown, it opens the page asked for.
    enter_code(page, f"{totp(shown_key(page)):06d}")
    expect(page).to_have_url(re.compile(r"/members/people/$"))
    expect(page.locator("nav.main-nav a").first).to_be_visible()

    with page.expect_navigation():
        page.locator("form.logout button").click()
    password_step(page, national_admin.username, next_path="/admin/")
    expect(page).to_have_url(VERIFICATION)
    screenshot("verification")
    enter_code(page, totp_code(TOTPDevice.objects.get(user=national_admin)))

    expect(page).to_have_url(re.compile(r"/admin/$"))
    assert violations == []


def test_a_wrong_code_is_refused_and_the_next_attempt_must_wait(
    page: Page, national_admin: User, settings, screenshot: Callable[[str], Path]
):
    # Each wrong code doubles the wait; a factor of 60 s keeps the first wait longer than the
    # test, whatever the machine's speed.
    settings.OTP_TOTP_THROTTLE_FACTOR = 60
    device = enrol(national_admin)
    password_step(page, national_admin.username)

    enter_code(page, wrong_code(device))
    expect(page).to_have_url(VERIFICATION)
    expect(page.locator("main .errorlist")).to_be_visible()
    wrong = page.locator("main .errorlist").inner_text()
    enter_code(page, totp_code(device))

    expect(page).to_have_url(VERIFICATION)
    expect(page.locator("main .errorlist")).not_to_have_text(wrong)
    # The wait, in seconds, is told (the message of a wrong code has no number).
    expect(page.locator("main .errorlist")).to_contain_text(re.compile(r"[0-9]+"))
    screenshot("throttled")
