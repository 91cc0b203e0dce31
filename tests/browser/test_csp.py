"""The Content-Security-Policy breaks no page: Chromium reports no violation, the menu works.

The policy allows scripts, styles and images from the server alone and no inline code. Every
main page is opened as a provincial officer and as a commune cadre (both staff, so the admin
is opened too), with a province holding a militia member, a directive and an admission case
so that the charts and tables have rows. Chromium logs each violation to the console, and an
init script (run by Playwright, outside the page's policy) also logs each
`securitypolicyviolation` event there.
"""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import ConsoleMessage, Page, expect

from accounts.models import Role, User
from tests.browser.conftest import sign_in
from tests.members.factories import AdmissionCaseFactory, PersonFactory, ServiceRecordFactory
from tests.targets.factories import DirectiveFactory
from tests.units.factories import CommuneFactory
from units.models import Commune, Force

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "Mật-khẩu-csp-2026"
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  const { violatedDirective, blockedURI } = event;
  console.error(`Content Security Policy violation: ${violatedDirective} ${blockedURI}`);
});
"""
PAGES = [
    "home",
    "reports:dashboard",
    "reports:trend",
    "reports:pipeline",
    "targets:directive_list",
    "members:person_list",
    "members:my_commune",
    "members:case_list",
    "members:roster_import",
    "admin:index",
    "api:docs",
    # The enrolment page of two-step sign-in, with its QR code (an SVG in a data: URI).
    "two_factor:setup",
]
# The officer may not import a roster: the refusal page must keep the policy too.
REFUSED = {("provincial_staff", "members:roster_import")}


@pytest.fixture
def commune() -> Commune:
    """A commune with a militia member, an admission case and a directive of its province."""
    commune = CommuneFactory()
    person = PersonFactory(residence_commune=commune)
    ServiceRecordFactory(
        person=person, commune=commune, force=Force.MILITIA, start=datetime.date(2020, 1, 1)
    )
    AdmissionCaseFactory(person=PersonFactory(residence_commune=commune))
    DirectiveFactory(province=commune.province)
    return commune


def staff_user(role: str, commune: Commune) -> User:
    area = {"province": commune.province} if role == Role.PROVINCIAL_STAFF else {"commune": commune}
    return User.objects.create_user(
        username=f"csp.{role}", password=PASSWORD, role=role, is_staff=True, **area
    )


def violations_of(page: Page) -> list[str]:
    """Collect, from now on, every console message about the Content-Security-Policy."""
    found: list[str] = []

    def listen(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            found.append(f"{page.url}: {message.text}")

    page.add_init_script(REPORT_VIOLATIONS)
    page.on("console", listen)
    return found


@pytest.mark.parametrize("role", [Role.PROVINCIAL_STAFF, Role.COMMUNE_CADRE])
def test_no_main_page_violates_the_content_security_policy(page: Page, commune, role):
    violations = violations_of(page)
    sign_in(page, username=staff_user(role, commune).username, password=PASSWORD)

    statuses = {}
    for name in PAGES:
        response = page.goto(reverse(name))
        page.wait_for_load_state("networkidle")
        statuses[name] = response.status

    expected = {name: 403 if (role, name) in REFUSED else 200 for name in PAGES}
    assert (statuses, violations) == (expected, [])


def test_the_api_docs_page_runs_its_scripts_under_the_policy(page: Page, commune):
    violations = violations_of(page)
    sign_in(page, username=staff_user(Role.COMMUNE_CADRE, commune).username, password=PASSWORD)

    page.goto(reverse("api:docs"))

    expect(page.locator(".swagger-ui .info .title")).to_be_visible()
    assert violations == []


def test_the_menu_button_opens_the_menu_on_a_phone(page: Page, commune):
    page.set_viewport_size({"width": 360, "height": 740})
    violations = violations_of(page)
    sign_in(page, username=staff_user(Role.COMMUNE_CADRE, commune).username, password=PASSWORD)
    menu = page.locator("nav.main-nav")
    expect(menu).to_be_hidden()

    page.locator(".menu-toggle").click()

    expect(menu).to_be_visible()
    assert (page.locator(".menu-toggle").get_attribute("aria-expanded"), violations) == ("true", [])
