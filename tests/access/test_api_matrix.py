"""Every REST API route × every method it declares × every role × own / other / missing.

The expected answers are written out by hand, call by call, from the access policy
(`accounts.roles`, the API conventions): an anonymous caller gets 401, except for the token
exchange and the schema and its documentation, which are open; a role that may never call the
endpoint gets 403; a record or area outside the caller's area answers 404 with exactly the body
of a missing one; a payload naming a directive or an area the caller may not use answers 400
naming that field. Where a view answers otherwise by design, the row says so and why (public
geography; force units of a commune outside the area are an empty list). They are not computed
from the permissions under test.

Every caller authenticates with a real token. Each write cell also checks the database: it
changed exactly where the answer is a success. A meta-test walks the URL resolver and fails
when an `api:*` route and method has no row here.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Model
from django.urls import reverse
from rest_framework.authtoken.models import Token

from accounts.models import Role, User
from members.models import Person, ServiceRecord
from targets.models import Directive, Target
from tests.access.conftest import MISSING_PK, ROLES, World
from tests.access.routes import named_patterns
from tests.members import roster_support
from tests.members.factories import AdmissionStepFactory, CandidateFactory, ServiceRecordFactory
from tests.targets.factories import DirectiveFactory, TargetFactory
from tests.units.factories import ForceUnitFactory
from units.models import Commune

pytestmark = pytest.mark.django_db

READERS = ROLES[:4]  # everyone but the anonymous caller
SUCCESS = {200, 201, 204}
IN_FORCE = datetime.date(2025, 9, 1)
MISSING_COMMUNE, MISSING_PROVINCE = "99999", "99"  # codes no unit has
LOGIN_USER, PASSWORD = "matrix_api_login", "pw"


def refused(field: str | None) -> str:
    """The answer 400 naming `field` (None: the request as a whole)."""
    return f"400 {field or '-'}"


def answer_of(response: Any) -> int | str:
    """Return the status, and for a 400 the fields (or roster columns) its errors name."""
    if response.status_code != 400:
        return response.status_code
    errors = response.json()["errors"]
    named = sorted({error.get("field", error.get("column")) or "-" for error in errors})
    return "400 " + ",".join(named)


# Targets: "own" names a row or area in the caller's area (the home commune, in every role's
# area, or its province), "other" one in another province, "missing" none at all, "national" a
# nation-wide directive or target (read by everyone, written by the nation alone); "-" is a
# route with nothing to name (for the token exchange: good credentials).
# Answers of one role over own / other / missing:
EVERY_AREA = (200, 200, 404)
OWN_AREA = (200, 404, 404)
NEVER = (403, 403, 403)
ANONYMOUS = (401, 401, 401)


@dataclass(frozen=True)
class Call:
    route: str
    method: str
    targets: tuple[str, ...]
    expect: dict[str, tuple]
    subject: str = ""  # what the target names, when a route has several rows for one method
    pk_of: str | None = None  # the row whose pk the URL takes
    query: Callable[[World, str], dict] | None = None
    body: Callable[[World, str], dict] | None = None
    # What a write changes: the cell checks it changed exactly when the answer is a success.
    watch: Callable[[], Any] | None = None
    multipart: bool = False

    def expected(self, role: str, target: str) -> int | str:
        return self.expect[role][self.targets.index(target)]

    @property
    def name(self) -> str:
        return "-".join(filter(None, (self.route, self.method, self.subject)))


def call(route: str, method: str, targets: tuple[str, ...] = ("-",), **rest: Any) -> Call:
    """Build a row; `rest` holds the options and one answer tuple (or single answer) per role."""
    options = {key: rest.pop(key) for key in list(rest) if key not in ROLES}
    expect = {
        role: answer if isinstance(answer, tuple) else (answer,) for role, answer in rest.items()
    }
    return Call(route, method, targets, expect, **options)


def rows_of(*models: type[Model]) -> Callable[[], tuple]:
    """Watch every column of every row of `models`."""
    return lambda: tuple(tuple(model.objects.order_by("pk").values_list()) for model in models)


# --- Targets as request data -------------------------------------------------------------


def commune_of(world: World, target: str) -> Commune:
    return {"own": world.home, "other": world.other}[target]


def commune_code(world: World, target: str) -> str:
    return MISSING_COMMUNE if target == "missing" else commune_of(world, target).code


def province_code(world: World, target: str) -> str | None:
    """The province's code; none for the nation."""
    if target == "national":
        return None
    return MISSING_PROVINCE if target == "missing" else commune_of(world, target).province.code


def pk_in(world: World, target: str, key: str) -> int:
    return MISSING_PK if target == "missing" else world.rows[target][key].pk


def report_query(world: World, target: str) -> dict:
    return {"area": commune_code(world, target), "date": "2026-06-30"}


def trend_query(world: World, target: str) -> dict:
    return {
        "area": commune_code(world, target),
        "indicator": "party_share_militia",
        "from": "2026-01-01",
        "to": "2026-06-30",
    }


def directive_payload(world: World, target: str) -> dict:
    return {
        "number": "77-CT/TU",
        "issuer": "Ban Thường vụ Tỉnh ủy",
        "issued_on": "2025-08-20",
        "title": "Về phát triển đảng viên trong dân quân tự vệ",
        "area": province_code(world, target),
        "effective_from": IN_FORCE.isoformat(),
    }


def superseding_payload(world: World, target: str) -> dict:
    """A directive of the caller's province superseding the target's directive."""
    payload = directive_payload(world, "own")
    return {**payload, "supersedes": pk_in(world, target, "directive")}


def target_payload(world: World, target: str) -> dict:
    return {
        "directive": pk_in(world, target, "directive"),
        "indicator": "party_share_dqtv",
        "bound": "at_least",
        "lower": "10",
        "deadline_year": 2030,
    }


def roster_upload(world: World, target: str) -> dict:
    line = roster_support.row(commune_code(world, target), 424242)
    content = roster_support.csv_bytes([line])
    return {"file": SimpleUploadedFile("roster.csv", content)}


def credentials(world: World, target: str) -> dict:
    username = "nobody" if target == "missing" else LOGIN_USER
    return {"username": username, "password": PASSWORD}


# --- The matrix ----------------------------------------------------------------------------

AREA = ("own", "other", "missing")
WITH_NATIONAL = ("own", "other", "missing", "national")
DIRECTIVES = rows_of(Directive, Target)
TARGETS = rows_of(Target)

# Reports: every role holds `view_aggregates`; the area is a commune code, in every role's area
# for "own" (the commune of the cadre, in the province of the officer and of the client).
REPORTS = [
    call(
        f"api:{name}",
        "GET",
        AREA,
        query=query,
        national_admin=EVERY_AREA,
        provincial_staff=OWN_AREA,
        commune_cadre=OWN_AREA,
        aggregate_client=OWN_AREA,
        anonymous=ANONYMOUS,
    )
    for name, query in (
        ("summary", report_query),
        ("trend", trend_query),
        ("pipeline", report_query),
    )
]

UNITS = [
    call(
        "api:provinces",
        "GET",
        national_admin=200,
        provincial_staff=200,
        commune_cadre=200,
        aggregate_client=200,
        anonymous=401,
    ),
    # Provinces and communes are public reference data: another province's communes are read.
    call(
        "api:communes",
        "GET",
        AREA,
        query=lambda world, t: {"province": province_code(world, t)},
        **dict.fromkeys(READERS, EVERY_AREA),
        anonymous=ANONYMOUS,
    ),
    # A commune outside the area is public geography too: its force units are an empty list
    # (200), never a 404; `test_list_shows_exactly_the_rows_in_reach` checks it is empty.
    call(
        "api:force_units",
        "GET",
        AREA,
        query=lambda world, t: {"commune": commune_code(world, t)},
        **dict.fromkeys(READERS, EVERY_AREA),
        anonymous=ANONYMOUS,
    ),
]

ACCOUNTS = [
    # Open to everyone: the exchange of credentials is how a program gets its token.
    call(
        "api:token",
        "POST",
        ("-", "missing"),
        subject="credentials",
        body=credentials,
        watch=rows_of(Token),
        **dict.fromkeys(ROLES, (200, refused(None))),
    ),
    call(
        "api:token",
        "DELETE",
        watch=rows_of(Token),
        **dict.fromkeys(READERS, 204),
        anonymous=401,
    ),
    *(
        call("api:" + name, "GET", **dict.fromkeys(ROLES, 200))
        for name in ("schema", "docs")  # public: a program reads the schema before its token
    ),
]

# Directives and targets: everyone but the aggregate client reads; the provincial officer and
# the national administrator write, the officer inside their province only. A nation-wide row
# is read by all readers and written by the national administrator alone (404 to the officer,
# as the admin does).
READ_ROWS = dict(
    national_admin=(200, 200, 404, 200),
    provincial_staff=(200, 404, 404, 200),
    commune_cadre=(200, 404, 404, 200),
    aggregate_client=(403,) * 4,
    anonymous=(401,) * 4,
)


def write_rows(success: int) -> dict[str, tuple]:
    return dict(
        national_admin=(success, success, 404, success),
        provincial_staff=(success, 404, 404, 404),
        commune_cadre=(403,) * 4,
        aggregate_client=(403,) * 4,
        anonymous=(401,) * 4,
    )


def write_payload(field: str) -> dict[str, tuple]:
    """A POST naming a row or area by `field`: 400 on it outside the caller's reach."""
    return dict(
        national_admin=(201, 201, refused(field), 201),
        provincial_staff=(201, refused(field), refused(field), refused(field)),
        commune_cadre=(403,) * 4,
        aggregate_client=(403,) * 4,
        anonymous=(401,) * 4,
    )


LISTS_OF_READERS = dict(
    national_admin=200, provincial_staff=200, commune_cadre=200, aggregate_client=403, anonymous=401
)
TARGETING = [
    *(call(f"api:{name}_list", "GET", **LISTS_OF_READERS) for name in ("directive", "target")),
    call(
        "api:directive_list",
        "POST",
        WITH_NATIONAL,
        subject="area",  # national: no area, the whole nation
        body=directive_payload,
        watch=DIRECTIVES,
        **write_payload("area"),
    ),
    call(
        "api:directive_list",
        "POST",
        WITH_NATIONAL,
        subject="supersedes",
        body=superseding_payload,
        watch=DIRECTIVES,
        **write_payload("supersedes"),
    ),
    call(
        "api:target_list",
        "POST",
        WITH_NATIONAL,
        subject="directive",
        body=target_payload,
        watch=TARGETS,
        **write_payload("directive"),
    ),
    *(
        call(
            f"api:{name}_detail",
            method,
            WITH_NATIONAL,
            pk_of=name,
            body=body,
            watch=watch if method != "GET" else None,
            **(READ_ROWS if method == "GET" else write_rows(success)),
        )
        for name, body, watch in (
            ("directive", lambda world, t: {"title": "Chỉ thị đã sửa"}, DIRECTIVES),
            ("target", lambda world, t: {"lower": "13.5"}, TARGETS),
        )
        for method, success in (("GET", 200), ("PATCH", 200), ("DELETE", 204))
    ),
]

# People and admissions: the aggregate client never reads a person; the provincial officer
# reads but never imports.
PEOPLE = [
    *(call(f"api:{name}_list", "GET", **LISTS_OF_READERS) for name in ("person", "admission")),
    # A commune code filters the people in reach: another area's commune, like a missing one,
    # leaves nothing (the list test checks which people each role finds).
    call(
        "api:person_list",
        "GET",
        AREA,
        subject="commune",
        query=lambda world, t: {"commune": commune_code(world, t)},
        **dict.fromkeys(("national_admin", "provincial_staff", "commune_cadre"), (200,) * 3),
        aggregate_client=NEVER,
        anonymous=ANONYMOUS,
    ),
    *(
        call(
            f"api:{name}_detail",
            "GET",
            AREA,
            pk_of=row_key,
            national_admin=EVERY_AREA,
            provincial_staff=OWN_AREA,
            commune_cadre=OWN_AREA,
            aggregate_client=NEVER,
            anonymous=ANONYMOUS,
        )
        for name, row_key in (("person", "person"), ("admission", "case"))
    ),
    # A roster row of a commune outside the importer's area is refused on its column.
    call(
        "api:roster_import",
        "POST",
        AREA,
        body=roster_upload,
        watch=rows_of(Person, ServiceRecord),
        multipart=True,
        national_admin=(200, 200, refused("commune_code")),
        provincial_staff=NEVER,
        commune_cadre=(200, refused("commune_code"), refused("commune_code")),
        aggregate_client=NEVER,
        anonymous=ANONYMOUS,
    ),
]

CALLS = [*ACCOUNTS, *REPORTS, *UNITS, *TARGETING, *PEOPLE]


@pytest.fixture(scope="module")
def api_world(world: World) -> World:
    """Give each commune a person, an admission case, a force unit, a directive and a target;
    add a nation-wide directive with a target for the home province, and a user who signs in."""
    for name, commune in (("own", world.home), ("other", world.other)):
        directive = DirectiveFactory(province=commune.province, effective_from=IN_FORCE)
        step = AdmissionStepFactory(case__person=CandidateFactory(residence_commune=commune))
        world.rows[name] = {
            "person": ServiceRecordFactory(person__residence_commune=commune).person,
            "case": step.case,
            "unit": ForceUnitFactory(commune=commune),
            "directive": directive,
            "target": TargetFactory(directive=directive),
        }
    national = DirectiveFactory(province=None, issuer="Ban Bí thư", effective_from=IN_FORCE)
    world.rows["national"] = {
        "directive": national,
        "target": TargetFactory(directive=national, province=world.home.province),
    }
    User.objects.create_user(
        username=LOGIN_USER,
        password=PASSWORD,
        role=Role.AGGREGATE_CLIENT,
        province=world.home.province,
    )
    return world


def send(world: World, row: Call, role: str, target: str) -> Any:
    args = [] if row.pk_of is None else [pk_in(world, target, row.pk_of)]
    url = reverse(row.route, args=args)
    client = world.api_client(role)
    if row.method == "GET":
        return client.get(url, row.query(world, target) if row.query else {})
    data = row.body(world, target) if row.body else None
    form = "multipart" if row.multipart else "json"
    return getattr(client, row.method.lower())(url, data, format=form)


CELLS = [
    pytest.param(row, role, target, id=f"{role}-{row.name}-{target}")
    for row in CALLS
    for role in ROLES
    for target in row.targets
]


@pytest.mark.parametrize(("row", "role", "target"), CELLS)
def test_api_answers_as_the_policy_says(api_world, row, role, target):
    before = row.watch() if row.watch else None

    response = send(api_world, row, role, target)

    expected = row.expected(role, target)
    if row.watch is None:
        assert answer_of(response) == expected
    else:
        changed = row.watch() != before
        assert (answer_of(response), changed) == (expected, expected in SUCCESS)


HIDDEN = [
    pytest.param(row, role, target, id=f"{role}-{row.name}-{target}")
    for row in CALLS
    if "missing" in row.targets
    for role in ROLES
    for target in row.targets
    if target != "missing" and row.expected(role, target) == row.expected(role, "missing") == 404
]


@pytest.mark.parametrize(("row", "role", "target"), HIDDEN)
def test_row_out_of_reach_answers_exactly_like_a_missing_one(api_world, row, role, target):
    hidden = send(api_world, row, role, target)
    missing = send(api_world, row, role, "missing")

    assert (hidden.status_code, hidden.json()) == (missing.status_code, missing.json())


def codes_of(response: Any) -> tuple:
    return response.status_code, sorted((e["field"], e["code"]) for e in response.json()["errors"])


# A payload naming a row by id (a directive) the caller may not read is refused exactly as one
# naming a missing id. An area code is public geography: "outside your area" is said openly.
REFUSED_ALIKE = [
    pytest.param(row, role, id=f"{role}-{row.name}")
    for row in CALLS
    if row.subject in ("supersedes", "directive")
    for role in ROLES
    if str(row.expected(role, "other")).startswith("400")
]


@pytest.mark.parametrize(("row", "role"), REFUSED_ALIKE)
def test_payload_naming_a_row_out_of_reach_is_refused_like_a_missing_id(api_world, row, role):
    other = send(api_world, row, role, "other")
    missing = send(api_world, row, role, "missing")

    assert codes_of(other) == codes_of(missing)


# Lists: which of the rows (own, other, national) each role finds, given the query.
LISTS = {
    "people": ("api:person_list", "person", lambda world: {}),
    "people of the own commune": (
        "api:person_list",
        "person",
        lambda world: {"commune": world.home.code},
    ),
    "people of the other commune": (
        "api:person_list",
        "person",
        lambda world: {"commune": world.other.code},
    ),
    "admissions": ("api:admission_list", "case", lambda world: {}),
    "directives": ("api:directive_list", "directive", lambda world: {}),
    "targets": ("api:target_list", "target", lambda world: {}),
    "force units of the own commune": (
        "api:force_units",
        "unit",
        lambda world: {"commune": world.home.code},
    ),
    "force units of the other commune": (
        "api:force_units",
        "unit",
        lambda world: {"commune": world.other.code},
    ),
}
OWN, OTHER, NATIONAL = {"own"}, {"other"}, {"national"}
LISTED = {
    "people": dict(national_admin=OWN | OTHER, provincial_staff=OWN, commune_cadre=OWN),
    "people of the own commune": dict.fromkeys(
        ("national_admin", "provincial_staff", "commune_cadre"), OWN
    ),
    "people of the other commune": dict(
        national_admin=OTHER, provincial_staff=set(), commune_cadre=set()
    ),
    "admissions": dict(national_admin=OWN | OTHER, provincial_staff=OWN, commune_cadre=OWN),
    "directives": dict(
        national_admin=OWN | OTHER | NATIONAL,
        provincial_staff=OWN | NATIONAL,
        commune_cadre=OWN | NATIONAL,
    ),
    "targets": dict(
        national_admin=OWN | OTHER | NATIONAL,
        provincial_staff=OWN | NATIONAL,
        commune_cadre=OWN | NATIONAL,
    ),
    "force units of the own commune": dict.fromkeys(READERS, OWN),
    "force units of the other commune": dict(
        national_admin=OTHER, provincial_staff=set(), commune_cadre=set(), aggregate_client=set()
    ),
}


@pytest.mark.parametrize(
    ("listing", "role"), [(listing, role) for listing in LISTS for role in LISTED[listing]], ids=str
)
def test_list_shows_exactly_the_rows_in_reach(api_world, listing, role):
    route, key, query = LISTS[listing]
    response = api_world.api_client(role).get(reverse(route), query(api_world))

    ids = {item["id"] for item in response.json()["results"]}
    rows = {
        t: api_world.rows[t][key].pk
        for t in ("own", "other", "national")
        if key in api_world.rows[t]
    }
    assert {t for t, pk in rows.items() if pk in ids} == LISTED[listing][role]


@pytest.mark.parametrize("role", READERS)
def test_communes_of_another_province_are_public_geography(api_world, role):
    query = {"province": api_world.other.province.code}
    response = api_world.api_client(role).get(reverse("api:communes"), query)

    assert [item["code"] for item in response.json()["results"]] == [api_world.other.code]


# --- Meta-tests: every API route and method has rows, and every row answers in full. --------

CHECKED_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


def declared_methods(view: Callable) -> set[str]:
    """Return the methods the view class declares, among those that read or write."""
    view_class = view.view_class  # type: ignore[attr-defined]
    return {
        method
        for method in CHECKED_METHODS
        if method.lower() in view_class.http_method_names and hasattr(view_class, method.lower())
    }


def api_patterns() -> dict:
    return {name: p for name, p in named_patterns().items() if name.startswith("api:")}


def declared_calls() -> set[tuple[str, str]]:
    return {
        (name, method)
        for name, pattern in api_patterns().items()
        for method in declared_methods(pattern.callback)
    }


def test_every_api_route_and_method_has_rows_in_the_matrix():
    covered = {(row.route, row.method) for row in CALLS}
    assert sorted(declared_calls() - covered) == []


def test_every_row_of_the_matrix_is_a_route_and_method_the_api_serves():
    covered = {(row.route, row.method) for row in CALLS}
    assert sorted(covered - declared_calls()) == []


def test_every_route_taking_an_id_has_a_missing_target():
    with_id = {name for name, pattern in api_patterns().items() if pattern.pattern.converters}
    without = {row.name for row in CALLS if row.route in with_id and "missing" not in row.targets}
    assert sorted(without) == []


def test_every_row_answers_for_every_role_and_target():
    incomplete = [
        row.name
        for row in CALLS
        if set(row.expect) != set(ROLES)
        or any(len(answers) != len(row.targets) for answers in row.expect.values())
    ]
    assert incomplete == []


def test_every_row_is_named_once():
    names = [row.name for row in CALLS]
    assert sorted(name for name in set(names) if names.count(name) > 1) == []
