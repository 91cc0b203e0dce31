"""Every page (not the admin) × every role × own area / other area / missing / anonymous.

The expected answers are written out by hand, route by route, from the access policy
(`config.access`): anonymous → the login page; a role that may never do the action → 403; a
record outside the area → 404, exactly as a missing one. They are not computed from the
permissions under test. A meta-test walks the URL resolver and fails when a named route has no
row here, so a new page cannot ship without its access expectations.
"""

import csv
import io
from dataclasses import dataclass

import pytest
from django.urls import reverse

from tests.access.conftest import MISSING_PK, ROLES, World
from tests.access.routes import named_routes
from tests.conftest import page_text
from tests.members.factories import AdmissionStepFactory, CandidateFactory, ServiceRecordFactory
from tests.targets.factories import DirectiveFactory, TargetFactory

pytestmark = pytest.mark.django_db

LOGIN = "login"  # 302 to the sign-in page, coming back here afterwards
TARGETS = ("own", "other", "missing")

# Routes that are not pages of records, with why they need no row.
SKIPPED = {
    "login": "the sign-in page: open to everyone, it is how the policy's redirect ends",
    "logout": "signing out reads and writes no record",
    "password_change": "a user changes their own password: no area, no record",
    "password_change_done": "the confirmation of the above",
    "password_reset": "the reset request is open to everyone by design and shows no record",
    "password_reset_done": "the confirmation of the above",
    "password_reset_confirm": "reached only through the emailed token",
    "password_reset_complete": "the confirmation of the above",
    "set_language": "switches the interface language; reads no record",
    "healthz": "the health probe: no login, reads no record, answers only ok or failed",
}

# Answers of one role on a page about one record: (own area, other area, missing pk).
EVERY_AREA = (200, 200, 404)
OWN_AREA = (200, 404, 404)
NEVER = (403, 403, 403)
NO_GET = (405, 405, 405)  # a POST-only route, after the access checks passed
ANONYMOUS = (LOGIN, LOGIN, LOGIN)


@dataclass(frozen=True)
class Page:
    route: str
    row: str | None  # which record's pk the URL takes; None for a page without one
    method: str
    expect: dict

    def expected(self, role: str, target: str) -> int | str:
        answer = self.expect[role]
        return answer[TARGETS.index(target)] if self.row else answer

    @property
    def targets(self) -> tuple[str, ...]:
        return TARGETS if self.row else ("-",)


def page(route: str, row: str | None, method: str, **expect: object) -> Page:
    return Page(route, row, method, expect)


PAGES = [
    page(
        "home",
        None,
        "GET",
        national_admin=200,
        provincial_staff=200,
        commune_cadre=200,
        aggregate_client=200,
        anonymous=LOGIN,
    ),
    # People.
    page(
        "members:person_list",
        None,
        "GET",
        national_admin=200,
        provincial_staff=200,
        commune_cadre=200,
        aggregate_client=403,
        anonymous=LOGIN,
    ),
    page(
        "members:my_commune",
        None,
        "GET",
        national_admin=200,
        provincial_staff=200,
        commune_cadre=200,
        aggregate_client=403,
        anonymous=LOGIN,
    ),
    page(
        "members:person_detail",
        "person",
        "GET",
        national_admin=EVERY_AREA,
        provincial_staff=OWN_AREA,
        commune_cadre=OWN_AREA,
        aggregate_client=NEVER,
        anonymous=ANONYMOUS,
    ),
    *(
        page(
            "members:person_create",
            None,
            method,
            national_admin=200,
            provincial_staff=403,
            commune_cadre=200,
            aggregate_client=403,
            anonymous=LOGIN,
        )
        for method in ("GET", "POST")
    ),
    *(
        page(
            route,
            row,
            method,
            national_admin=EVERY_AREA,
            provincial_staff=NEVER,
            commune_cadre=OWN_AREA,
            aggregate_client=NEVER,
            anonymous=ANONYMOUS,
        )
        for route, row in (
            ("members:person_edit", "person"),
            ("members:service_transfer", "service"),
            ("members:case_close", "case"),
        )
        for method in ("GET", "POST")
    ),
    # Admission.
    page(
        "members:case_list",
        None,
        "GET",
        national_admin=200,
        provincial_staff=200,
        commune_cadre=200,
        aggregate_client=403,
        anonymous=LOGIN,
    ),
    page(
        "members:case_detail",
        "case",
        "GET",
        national_admin=EVERY_AREA,
        provincial_staff=OWN_AREA,
        commune_cadre=OWN_AREA,
        aggregate_client=NEVER,
        anonymous=ANONYMOUS,
    ),
    *(
        page(
            "members:case_open",
            None,
            method,
            national_admin=200,
            provincial_staff=403,
            commune_cadre=200,
            aggregate_client=403,
            anonymous=LOGIN,
        )
        for method in ("GET", "POST")
    ),
    page(
        "members:case_record_step",
        "case",
        "GET",
        national_admin=NO_GET,
        provincial_staff=NEVER,
        commune_cadre=NO_GET,
        aggregate_client=NEVER,
        anonymous=ANONYMOUS,
    ),
    page(
        "members:case_record_step",
        "case",
        "POST",
        national_admin=EVERY_AREA,
        provincial_staff=NEVER,
        commune_cadre=OWN_AREA,
        aggregate_client=NEVER,
        anonymous=ANONYMOUS,
    ),
    # Roster: the import form (GET and POST), the template and the export (GET only).
    *(
        page(
            "members:roster_import",
            None,
            method,
            national_admin=200,
            provincial_staff=403,
            commune_cadre=200,
            aggregate_client=403,
            anonymous=LOGIN,
        )
        for method in ("GET", "POST")
    ),
    *(
        page(
            route,
            None,
            "GET",
            national_admin=200,
            provincial_staff=403,
            commune_cadre=200,
            aggregate_client=403,
            anonymous=LOGIN,
        )
        for route in ("members:roster_template", "members:roster_export")
    ),
    *(
        page(
            route,
            None,
            "POST",
            national_admin=405,
            provincial_staff=403,
            commune_cadre=405,
            aggregate_client=403,
            anonymous=LOGIN,
        )
        for route in ("members:roster_template", "members:roster_export")
    ),
    # The home page's API token: every signed-in user may replace their own token.
    page(
        "api_token_new",
        None,
        "POST",
        national_admin=200,
        provincial_staff=200,
        commune_cadre=200,
        aggregate_client=200,
        anonymous=LOGIN,
    ),
    page(
        "api_token_new",
        None,
        "GET",
        national_admin=405,
        provincial_staff=405,
        commune_cadre=405,
        aggregate_client=405,
        anonymous=LOGIN,
    ),
    # -- blocks of the indicator pages (issue 9) below --
    # Dashboard (/reports/): every role reads aggregates; the selectors choose the areas.
    *(
        page(
            "reports:dashboard",
            None,
            method,
            national_admin=answer,
            provincial_staff=answer,
            commune_cadre=answer,
            aggregate_client=answer,
            anonymous=LOGIN,
        )
        for method, answer in (("GET", 200), ("POST", 405))
    ),
    # -- end of the dashboard's block --
    # Directives and targets (/directives/): staff read what governs their area, provincial
    # staff and national admins write inside theirs, cadres only read, the aggregate client
    # reads none. POSTs send an empty form: 200 with its errors, or 302 after a delete.
    page(
        "targets:directive_list",
        None,
        "GET",
        national_admin=200,
        provincial_staff=200,
        commune_cadre=200,
        aggregate_client=403,
        anonymous=LOGIN,
    ),
    page(
        "targets:directive_detail",
        "directive",
        "GET",
        national_admin=EVERY_AREA,
        provincial_staff=OWN_AREA,
        commune_cadre=OWN_AREA,
        aggregate_client=NEVER,
        anonymous=ANONYMOUS,
    ),
    *(
        page(
            "targets:directive_create",
            None,
            method,
            national_admin=200,
            provincial_staff=200,
            commune_cadre=403,
            aggregate_client=403,
            anonymous=LOGIN,
        )
        for method in ("GET", "POST")
    ),
    *(
        page(
            route,
            row,
            method,
            national_admin=EVERY_AREA,
            provincial_staff=OWN_AREA,
            commune_cadre=NEVER,
            aggregate_client=NEVER,
            anonymous=ANONYMOUS,
        )
        for route, row in (
            ("targets:directive_edit", "directive"),
            ("targets:directive_supersede", "directive"),
            ("targets:directive_delete", "directive"),
            ("targets:target_create", "directive"),
            ("targets:target_edit", "target"),
            ("targets:target_delete", "target"),
        )
        for method in ("GET", "POST")
        if not (method == "POST" and route.endswith("_delete"))
    ),
    *(
        page(
            route,
            row,
            "POST",
            national_admin=(302, 302, 404),
            provincial_staff=(302, 404, 404),
            commune_cadre=NEVER,
            aggregate_client=NEVER,
            anonymous=ANONYMOUS,
        )
        for route, row in (
            ("targets:directive_delete", "directive"),
            ("targets:target_delete", "target"),
        )
    ),
    # -- end of the directives' block --
    # Explain (/reports/explain/): the people behind a figure, for readers who may see people.
    *(
        page(
            "reports:explain",
            None,
            method,
            national_admin=answer,
            provincial_staff=answer,
            commune_cadre=answer,
            aggregate_client=403,
            anonymous=LOGIN,
        )
        for method, answer in (("GET", 200), ("POST", 405))
    ),
    # -- end of the explain block --
    # Trend and pipeline (/reports/trend/, /reports/pipeline/): every role reads aggregates in
    # its own area (the default without parameters); the selectors choose the areas.
    *(
        page(
            route,
            None,
            method,
            national_admin=answer,
            provincial_staff=answer,
            commune_cadre=answer,
            aggregate_client=answer,
            anonymous=LOGIN,
        )
        for route in ("reports:trend", "reports:pipeline")
        for method, answer in (("GET", 200), ("POST", 405))
    ),
    # -- end of the trend and pipeline block --
    # Audit (/audit/changes/, /audit/reads/): the change history and the read log of the whole
    # nation, for the national administrator alone; their files are the same routes.
    *(
        page(
            route,
            None,
            method,
            national_admin=answer,
            provincial_staff=403,
            commune_cadre=403,
            aggregate_client=403,
            anonymous=LOGIN,
        )
        for route in ("audit:changes", "audit:reads")
        for method, answer in (("GET", 200), ("POST", 405))
    ),
    # -- end of the audit block --
    # Two-step sign-in (/accounts/two-step/): each user's own page. The national administrator
    # has enrolled (their role requires it) and passed the step; the others have not enrolled.
    # An empty form comes back with its error (200); where there is nothing to confirm, verify
    # or remove, the user is sent on (302); the required step cannot be removed (403).
    page(
        "two_factor:setup",
        None,
        "GET",
        national_admin=200,
        provincial_staff=200,
        commune_cadre=200,
        aggregate_client=200,
        anonymous=LOGIN,
    ),
    page(
        "two_factor:setup",
        None,
        "POST",
        national_admin=302,
        provincial_staff=200,
        commune_cadre=200,
        aggregate_client=200,
        anonymous=LOGIN,
    ),
    *(
        page(
            "two_factor:verify",
            None,
            method,
            national_admin=302,
            provincial_staff=302,
            commune_cadre=302,
            aggregate_client=302,
            anonymous=LOGIN,
        )
        for method in ("GET", "POST")
    ),
    page(
        "two_factor:remove",
        None,
        "POST",
        national_admin=403,
        provincial_staff=302,
        commune_cadre=302,
        aggregate_client=302,
        anonymous=LOGIN,
    ),
    page(
        "two_factor:remove",
        None,
        "GET",
        national_admin=405,
        provincial_staff=405,
        commune_cadre=405,
        aggregate_client=405,
        anonymous=LOGIN,
    ),
    # -- end of the two-step sign-in block --
]


@pytest.fixture(scope="module")
def pages_world(world: World) -> World:
    """Give each commune a person with a service record and an admission case."""
    for name, commune in (("own", world.home), ("other", world.other)):
        service = ServiceRecordFactory(person__residence_commune=commune)
        step = AdmissionStepFactory(case__person=CandidateFactory(residence_commune=commune))
        world.rows[name] = {"person": service.person, "service": service, "case": step.case}
        directive = DirectiveFactory(province=commune.province)
        world.rows[name] |= {"directive": directive, "target": TargetFactory(directive=directive)}
    return world


def url_of(world: World, page: Page, target: str) -> str:
    if page.row is None:
        return reverse(page.route)
    pk = MISSING_PK if target == "missing" else world.rows[target][page.row].pk
    return reverse(page.route, args=[pk])


def send(world: World, page: Page, role: str, target: str):
    client = world.client(role)
    url = url_of(world, page, target)
    return client.post(url, {}) if page.method == "POST" else client.get(url)


CELLS = [
    pytest.param(page, role, target, id=f"{role}-{page.route}-{page.method}-{target}")
    for page in PAGES
    for role in ROLES
    for target in page.targets
]


@pytest.mark.parametrize(("page", "role", "target"), CELLS)
def test_page_answers_as_the_policy_says(pages_world, page, role, target):
    response = send(pages_world, page, role, target)

    expected = page.expected(role, target)
    if expected == LOGIN:
        login = reverse("login") + "?next="
        assert (response.status_code, response["Location"][: len(login)]) == (302, login)
    else:
        assert response.status_code == expected


HIDDEN = [
    pytest.param(page, role, id=f"{role}-{page.route}-{page.method}")
    for page in PAGES
    for role in ROLES
    if page.row and page.expected(role, "other") == page.expected(role, "missing") == 404
]


@pytest.mark.parametrize(("page", "role"), HIDDEN)
def test_record_of_another_area_answers_exactly_like_a_missing_one(pages_world, page, role):
    other = send(pages_world, page, role, "other")
    missing = send(pages_world, page, role, "missing")

    assert (other.status_code, page_text(other)) == (missing.status_code, page_text(missing))


# Lists: which record each shows, linked to which page; which areas' records each role sees.
LISTS = {
    "members:person_list": ("person", "members:person_detail"),
    "members:case_list": ("case", "members:case_detail"),
    "targets:directive_list": ("directive", "targets:directive_detail"),
}
LISTED = {
    "national_admin": {"own", "other"},
    "provincial_staff": {"own"},
    "commune_cadre": {"own"},
}


@pytest.mark.parametrize(
    ("route", "role"), [(route, role) for route in LISTS for role in LISTED], ids=str
)
def test_list_shows_exactly_the_records_in_reach(pages_world, route, role):
    body = pages_world.client(role).get(reverse(route)).content.decode()

    row, detail = LISTS[route]
    links = {t: reverse(detail, args=[pages_world.rows[t][row].pk]) for t in ("own", "other")}
    assert {t for t, link in links.items() if f'href="{link}"' in body} == LISTED[role]


def exported_ids(world: World, role: str) -> set[str]:
    response = world.client(role).get(reverse("members:roster_export"), {"format": "csv"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    return {row[0] for row in rows[1:]}


def test_cadre_export_holds_their_commune_and_not_the_other(pages_world):
    ids = exported_ids(pages_world, "commune_cadre")

    own, other = (pages_world.rows[name]["person"].national_id for name in ("own", "other"))
    assert (own in ids, other in ids) == (True, False)


def test_national_export_holds_both_communes(pages_world):
    ids = exported_ids(pages_world, "national_admin")

    own, other = (pages_world.rows[name]["person"].national_id for name in ("own", "other"))
    assert (own in ids, other in ids) == (True, True)


def test_every_named_route_has_rows_in_the_matrix():
    # The admin and the REST API have matrices of their own, each with its meta-test over its
    # namespace (test_admin_matrix.py, test_api_matrix.py): every other route is a page.
    pages = {name for name in named_routes() if not name.startswith(("admin:", "api:"))}
    without_rows = pages - {page.route for page in PAGES} - SKIPPED.keys()
    assert sorted(without_rows) == []


def test_every_route_in_the_matrix_exists():
    listed = {page.route for page in PAGES} | SKIPPED.keys()
    assert sorted(listed - named_routes()) == []


def test_every_row_answers_for_every_role():
    incomplete = [(page.route, page.method) for page in PAGES if set(page.expect) != set(ROLES)]
    assert incomplete == []
