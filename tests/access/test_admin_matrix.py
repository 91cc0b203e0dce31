"""Every model of the Django admin × every view × every role × own area / other area / missing.

The policy is written out below as data: what each staff role may do with each model
(`POLICY`, `accounts.roles` in words, with the admission pipeline and the read log shown but
never written, for everyone), and which rows each role reaches (`REACH`: their own area's,
the nation's for the national administrator, every row of reference data). Each cell's
answer follows from that policy and the order in which Django's admin checks things: a
permission refused is 403 before a row is looked for on the change and delete views, while
the history view looks for the row first; a row out of reach answers exactly as a missing
one, with Django's "does not exist" redirect to the admin index. A user who is not staff
(the aggregate client, a visitor) is sent to the admin's sign-in page.

Meta-tests fail when a registered model has no policy or no row builder, or when an admin
route has no row here.
"""

import datetime
import json
import re
from collections.abc import Callable
from decimal import Decimal

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Role, User
from members.models import Person, PersonReadLog, Sex
from targets.models import Directive, Target
from tests.access.conftest import MISSING_PK, ROLES, STAFF_ROLES, World
from tests.access.routes import named_routes
from tests.conftest import page_text
from tests.members.factories import (
    AdmissionCaseFactory,
    AdmissionRuleSetFactory,
    AdmissionStepFactory,
    CandidateFactory,
    CommandPostFactory,
    MemberRatingFactory,
    PartyRecordFactory,
    PersonFactory,
    ServiceRecordFactory,
    national_id_for,
)
from tests.targets.factories import DirectiveFactory, TargetFactory
from tests.units.factories import (
    CellCommitteePeriodFactory,
    CellRatingFactory,
    CommuneCommandFactory,
    CommuneLineageFactory,
    CommunePopulationFactory,
    DistrictFactory,
    ForceUnitFactory,
    MilitaryPartyCellFactory,
    ProvinceLineageFactory,
    VillageFactory,
    VillagePartyCountFactory,
)
from units.models import Commune

pytestmark = pytest.mark.django_db

# What a response is, in words (see `answer_of`).
OK = "200"
EDITABLE = "200 change form"
VIEW_ONLY = "200 view-only page"
FORBIDDEN = "403"
NOT_FOUND = "404"
GONE = "302 to the admin index (does not exist)"
SAVED = "302 to the change list (saved)"
SIGN_IN = "302 to the admin sign-in"

CHANGELIST = re.compile(r"/admin/\w+/\w+/")

ALL = frozenset({"view", "add", "change", "delete"})
VIEW = frozenset({"view"})
VIEW_ADD_CHANGE = frozenset({"view", "add", "change"})
NOTHING: frozenset[str] = frozenset()

# What each staff role may do in the admin, model by model.
POLICY: dict[str, dict[str, frozenset[str]]] = {
    "national_admin": {
        "auth.Group": ALL,
        "accounts.User": ALL,
        "units.Province": ALL,
        "units.District": ALL,
        "units.Commune": ALL,
        "units.Village": ALL,
        "units.VillagePartyCount": ALL,
        "units.CommunePopulation": ALL,
        "units.ProvinceLineage": ALL,
        "units.CommuneLineage": ALL,
        "units.ForceUnit": ALL,
        "units.CommuneCommand": ALL,
        "units.MilitaryPartyCell": ALL,
        "units.CellCommitteePeriod": ALL,
        "units.CellRating": ALL,
        "members.AdmissionRuleSet": ALL,
        # Admission has one write path (the case pages' services); the log is evidence.
        "members.AdmissionCase": VIEW,
        "members.AdmissionStep": VIEW,
        "members.PersonReadLog": VIEW,
        "members.PartyRecord": ALL,
        "members.MemberRating": ALL,
        "members.Person": ALL,
        "members.ServiceRecord": ALL,
        "members.CommandPost": ALL,
        "targets.Directive": ALL,
        "targets.Target": ALL,
    },
    "provincial_staff": {
        "auth.Group": NOTHING,
        "accounts.User": VIEW,
        "units.Province": VIEW,
        "units.District": VIEW,
        "units.Commune": VIEW,
        "units.Village": VIEW,
        "units.VillagePartyCount": VIEW,
        "units.CommunePopulation": VIEW,
        "units.ProvinceLineage": VIEW,
        "units.CommuneLineage": VIEW,
        "units.ForceUnit": VIEW,
        "units.CommuneCommand": VIEW,
        "units.MilitaryPartyCell": VIEW,
        "units.CellCommitteePeriod": VIEW,
        "units.CellRating": VIEW,
        "members.AdmissionRuleSet": VIEW,
        "members.AdmissionCase": VIEW,
        "members.AdmissionStep": VIEW,
        "members.PersonReadLog": VIEW,
        "members.PartyRecord": VIEW,
        "members.MemberRating": VIEW,
        "members.Person": VIEW,
        "members.ServiceRecord": VIEW,
        "members.CommandPost": VIEW,
        "targets.Directive": ALL,
        "targets.Target": ALL,
    },
    "commune_cadre": {
        "auth.Group": NOTHING,
        "accounts.User": NOTHING,
        "units.Province": VIEW,
        "units.District": VIEW,
        "units.Commune": VIEW,
        "units.Village": VIEW_ADD_CHANGE,
        "units.VillagePartyCount": VIEW_ADD_CHANGE,
        "units.CommunePopulation": VIEW_ADD_CHANGE,
        "units.ProvinceLineage": VIEW,
        "units.CommuneLineage": VIEW,
        "units.ForceUnit": VIEW,
        "units.CommuneCommand": VIEW,
        "units.MilitaryPartyCell": VIEW,
        "units.CellCommitteePeriod": VIEW,
        "units.CellRating": VIEW,
        "members.AdmissionRuleSet": VIEW,
        "members.AdmissionCase": VIEW,
        "members.AdmissionStep": VIEW,
        # Who read whom is itself confidential: the province checks the log.
        "members.PersonReadLog": NOTHING,
        "members.PartyRecord": VIEW_ADD_CHANGE,
        "members.MemberRating": VIEW,
        "members.Person": VIEW_ADD_CHANGE,
        "members.ServiceRecord": VIEW_ADD_CHANGE,
        "members.CommandPost": VIEW_ADD_CHANGE,
        "targets.Directive": VIEW,
        "targets.Target": VIEW,
    },
}

# Sign-in protection (issue 13): django-axes' records of sign-in attempts are the national
# administrator's alone (no role's group holds their permissions, only the superuser); axes'
# admin offers no add view, and deleting an attempt is how a lockout is lifted.
AXES_MODELS = ("axes.AccessAttempt", "axes.AccessFailureLog", "axes.AccessLog")
POLICY["national_admin"] |= dict.fromkeys(AXES_MODELS, frozenset({"view", "change", "delete"}))
POLICY["provincial_staff"] |= dict.fromkeys(AXES_MODELS, NOTHING)
POLICY["commune_cadre"] |= dict.fromkeys(AXES_MODELS, NOTHING)
# Two-step sign-in devices (issue 13): the national administrator's alone, shown and deleted
# (the reset after a lost phone), never added or changed: a device is enrolled by its owner.
POLICY["national_admin"]["otp_totp.TOTPDevice"] = frozenset({"view", "delete"})
POLICY["provincial_staff"]["otp_totp.TOTPDevice"] = NOTHING
POLICY["commune_cadre"]["otp_totp.TOTPDevice"] = NOTHING

# Which rows each staff role reaches: of an area-bound model, their own area's (everything for
# the national administrator); of reference data, which has no area, the one row built.
REACH = {
    "national_admin": {"own", "other", "row"},
    "provincial_staff": {"own", "row"},
    "commune_cadre": {"own", "row"},
}
# Rows of a model without an area that the admin shows the superuser alone: its queryset fails
# closed for everyone else (`config.scoped_admin`), so they find no row at all.
SUPERUSER_ROWS = {"otp_totp.TOTPDevice"}


def reaches(role: str, label: str, target: str) -> bool:
    if label in SUPERUSER_ROWS and role != "national_admin":
        return False
    return target in REACH[role]


# How to build a row of each area-bound model in a commune; `made` holds the rows built
# before it in the same commune (the order of this dict).
AREA_ROWS: dict[str, Callable[[Commune, dict], Model]] = {
    "accounts.User": lambda c, made: User.objects.create_user(
        username=f"peer_{c.code}", role=Role.COMMUNE_CADRE, commune=c
    ),
    "units.Commune": lambda c, made: c,
    "units.Village": lambda c, made: VillageFactory(commune=c),
    "units.VillagePartyCount": lambda c, made: VillagePartyCountFactory(
        village=made["units.Village"]
    ),
    "units.CommunePopulation": lambda c, made: CommunePopulationFactory(commune=c),
    "units.ForceUnit": lambda c, made: ForceUnitFactory(commune=c),
    "units.CommuneCommand": lambda c, made: CommuneCommandFactory(commune=c),
    "units.MilitaryPartyCell": lambda c, made: MilitaryPartyCellFactory(commune=c),
    "units.CellCommitteePeriod": lambda c, made: CellCommitteePeriodFactory(
        cell=made["units.MilitaryPartyCell"]
    ),
    "units.CellRating": lambda c, made: CellRatingFactory(cell=made["units.MilitaryPartyCell"]),
    "members.Person": lambda c, made: PersonFactory(residence_commune=c),
    "members.ServiceRecord": lambda c, made: ServiceRecordFactory(person=made["members.Person"]),
    "members.CommandPost": lambda c, made: CommandPostFactory(
        person=made["members.Person"], command=made["units.CommuneCommand"]
    ),
    "members.PartyRecord": lambda c, made: PartyRecordFactory(person=made["members.Person"]),
    "members.MemberRating": lambda c, made: MemberRatingFactory(person=made["members.Person"]),
    "members.AdmissionCase": lambda c, made: AdmissionCaseFactory(
        person=CandidateFactory(residence_commune=c)
    ),
    "members.AdmissionStep": lambda c, made: AdmissionStepFactory(
        case=made["members.AdmissionCase"]
    ),
    "members.PersonReadLog": lambda c, made: PersonReadLog.objects.create(
        person=made["members.Person"], reader=made["accounts.User"], purpose="matrix"
    ),
    "targets.Directive": lambda c, made: DirectiveFactory(province=None, commune=c),
    "targets.Target": lambda c, made: TargetFactory(directive=made["targets.Directive"]),
}

# Reference data has no area in the admin (its admins are not scoped): one row each, built
# outside the home province, so that seeing it proves no area narrows it.
REFERENCE_ROWS: dict[str, Callable[[World], Model]] = {
    "auth.Group": lambda world: Group.objects.create(name="matrix group"),
    "units.Province": lambda world: world.other.province,
    "units.District": lambda world: DistrictFactory(),
    "units.ProvinceLineage": lambda world: ProvinceLineageFactory(),
    "units.CommuneLineage": lambda world: CommuneLineageFactory(),
    "members.AdmissionRuleSet": lambda world: AdmissionRuleSetFactory(),
}

# Sign-in protection (issue 13): axes' records name an address, never an area.
REFERENCE_ROWS |= {
    "axes.AccessAttempt": lambda world: AccessAttempt.objects.create(
        username="matrix", ip_address="192.0.2.1", failures_since_start=1
    ),
    "axes.AccessFailureLog": lambda world: AccessFailureLog.objects.create(
        username="matrix", ip_address="192.0.2.1"
    ),
    "axes.AccessLog": lambda world: AccessLog.objects.create(
        username="matrix", ip_address="192.0.2.1"
    ),
}
# A device is not scoped by area in the admin (no one but the superuser sees any): the device
# of a cadre of the other commune, who is none of the matrix's actors.
REFERENCE_ROWS["otp_totp.TOTPDevice"] = lambda world: TOTPDevice.objects.create(
    user=User.objects.create_user(
        username="matrix_enrolled", role=Role.COMMUNE_CADRE, commune=world.other
    ),
    name="matrix phone",
    confirmed=True,
)

# The admin's views of every model, by their URL names' suffix, and a model's extra views.
VIEWS = ("changelist", "add", "change", "delete", "history")
# Django's user admin names its password view after auth's user, whatever the user model.
EXTRA_VIEWS = {"accounts.User": {"password_change": "auth_user_password_change"}}
ROW_VIEWS = {"change", "delete", "history", "password_change"}  # the views of one row

# Admin routes that are not a model's, with why they need no row of their own.
SKIPPED_ADMIN = {
    "login": "the sign-in page: open to everyone, it is where the policy sends non-staff users",
    "logout": "signing out reads and writes no record",
    "password_change": "a staff user changes their own password: no area, no record",
    "password_change_done": "the confirmation of the above",
    "jsi18n": "the static JavaScript catalogue of the admin's texts",
}
# Admin routes that are not a model's, covered by the tests at the end of this module.
SITE_ROUTES = {"index", "app_list", "autocomplete", "view_on_site"}


def registered() -> list[type[Model]]:
    return sorted(admin.site._registry, key=lambda model: model._meta.label)


def targets_of(label: str, view: str) -> tuple[str, ...]:
    if view not in ROW_VIEWS:
        return ("-",)
    return ("row", "missing") if label in REFERENCE_ROWS else ("own", "other", "missing")


def views_of(label: str) -> tuple[str, ...]:
    return VIEWS + tuple(EXTRA_VIEWS.get(label, {}))


SEE = frozenset({"view", "change"})
# How Django's admin answers on a row's page: (the permissions that let in, whether it asks
# for them before looking for the row, the answer for a row it does not find).
ROW_CHECKS = {
    "change": (SEE, True, GONE),
    "delete": (frozenset({"delete"}), True, GONE),
    "history": (SEE, False, GONE),
    "password_change": (frozenset({"change"}), True, NOT_FOUND),
}


def expected(role: str, label: str, view: str, target: str) -> str:
    """Return the answer the policy gives, checked in the order Django's admin checks."""
    if role not in STAFF_ROLES:
        return SIGN_IN
    allowed = POLICY[role][label]
    if view == "changelist":
        return OK if allowed & SEE else FORBIDDEN
    if view == "add":
        return EDITABLE if "add" in allowed else FORBIDDEN
    lets_in, asked_first, not_found = ROW_CHECKS[view]
    found = reaches(role, label, target)
    if not allowed & lets_in and (asked_first or found):
        return FORBIDDEN
    if not found:
        return not_found
    if view == "change":
        return EDITABLE if "change" in allowed else VIEW_ONLY
    return OK


def answer_of(response) -> str:
    """Say what `response` is, in the words of the constants above."""
    status = response.status_code
    if status == 302:
        location = response["Location"]
        if location == reverse("admin:index"):
            return GONE
        if location.startswith(reverse("admin:login") + "?next="):
            return SIGN_IN
        return SAVED if CHANGELIST.fullmatch(location) else location
    if status == 200 and response.context and "adminform" in response.context:
        errors = sorted(response.context["adminform"].form.errors)
        if errors:
            return f"{EDITABLE} refused on {', '.join(errors)}"
        if response.context.get("add"):
            return EDITABLE
        return EDITABLE if response.context["has_change_permission"] else VIEW_ONLY
    return str(status)


@pytest.fixture(scope="module")
def admin_world(world: World) -> World:
    """Build one row of every area-bound model in each commune, and the reference rows."""
    for target, commune in (("own", world.home), ("other", world.other)):
        made: dict[str, Model] = {}
        for label, build in AREA_ROWS.items():
            made[label] = build(commune, made)
        world.rows[target] = made
    world.rows["row"] = {label: build(world) for label, build in REFERENCE_ROWS.items()}
    return world


def route_name(label: str, view: str) -> str:
    app, model = label.lower().split(".")
    return EXTRA_VIEWS.get(label, {}).get(view, f"{app}_{model}_{view}")


def admin_url(label: str, view: str, pk: object = None) -> str:
    return reverse(f"admin:{route_name(label, view)}", args=[] if pk is None else [pk])


def url_for(world: World, label: str, view: str, target: str) -> str:
    if target == "-":
        return admin_url(label, view)
    pk = MISSING_PK if target == "missing" else world.rows[target][label].pk
    return admin_url(label, view, pk)


CELLS = [
    pytest.param(
        role, model._meta.label, view, target, id=f"{role}-{model.__name__}-{view}-{target}"
    )
    for model in registered()
    for view in views_of(model._meta.label)
    for target in targets_of(model._meta.label, view)
    for role in ROLES
]


@pytest.mark.parametrize(("role", "label", "view", "target"), CELLS)
def test_admin_view_answers_as_the_policy_says(admin_world, role, label, view, target):
    response = admin_world.client(role).get(url_for(admin_world, label, view, target))

    assert answer_of(response) == expected(role, label, view, target)


HIDDEN = [
    pytest.param(role, model._meta.label, view, id=f"{role}-{model.__name__}-{view}")
    for model in registered()
    if model._meta.label not in REFERENCE_ROWS
    for view in views_of(model._meta.label)
    if view in ROW_VIEWS
    for role in ("provincial_staff", "commune_cadre")
]


@pytest.mark.parametrize(("role", "label", "view"), HIDDEN)
def test_row_of_another_area_answers_exactly_like_a_missing_one(admin_world, role, label, view):
    client = admin_world.client(role)
    other = client.get(url_for(admin_world, label, view, "other"))
    missing = client.get(url_for(admin_world, label, view, "missing"))

    assert (other.status_code, other.get("Location")) == (
        missing.status_code,
        missing.get("Location"),
    )


# The lists a role may open (the others answer 403, checked by the matrix); a model without a
# policy yet keeps its cell, and fails it, besides the meta-test.
LISTS = [
    pytest.param(role, model._meta.label, id=f"{role}-{model.__name__}")
    for model in registered()
    for role in STAFF_ROLES
    if POLICY[role].get(model._meta.label, SEE) & SEE
]


@pytest.mark.parametrize(("role", "label"), LISTS)
def test_changelist_lists_exactly_the_rows_in_reach(admin_world, role, label):
    body = admin_world.client(role).get(admin_url(label, "changelist")).content.decode()

    targets = ("row",) if label in REFERENCE_ROWS else ("own", "other")
    listed = {
        t for t in targets if admin_url(label, "change", admin_world.rows[t][label].pk) in body
    }
    assert listed == set(targets) & REACH[role]


# --- Writes: POSTs where the role may not write, or to another area's row, change nothing. ---

# (answer, whether the database changed)
WRITTEN = (SAVED, True)
NOT_THERE = (GONE, False)
REFUSED = (FORBIDDEN, False)
TO_SIGN_IN = (SIGN_IN, False)
ACTIONS = (
    "add-own",
    "add-other",
    "change-own",
    "change-other",
    "change-missing",
    "delete-own",
    "delete-other",
    "delete-missing",
)


def refused_on(field: str) -> tuple[str, bool]:
    """The form comes back with `field` (the one placing the row) refused; nothing written."""
    return f"{EDITABLE} refused on {field}", False


def refused_everywhere(answer: tuple[str, bool]) -> dict[str, tuple[str, bool]]:
    return dict.fromkeys(ACTIONS, answer)


NON_STAFF = {
    "aggregate_client": refused_everywhere(TO_SIGN_IN),
    "anonymous": refused_everywhere(TO_SIGN_IN),
}
NATIONAL_WRITES = {
    "add-own": WRITTEN,
    "add-other": WRITTEN,
    "change-own": WRITTEN,
    "change-other": WRITTEN,
    "change-missing": NOT_THERE,
    "delete-own": WRITTEN,
    "delete-other": WRITTEN,
    "delete-missing": NOT_THERE,
}
# Adding a row of another area is refused by the form: its area is not among the choices.
PROVINCE_WRITES = {
    "add-own": WRITTEN,
    "add-other": None,  # set per model below: the field that places the row
    "change-own": WRITTEN,
    "change-other": NOT_THERE,
    "change-missing": NOT_THERE,
    "delete-own": WRITTEN,
    "delete-other": NOT_THERE,
    "delete-missing": NOT_THERE,
}
CADRE_PERSON_WRITES = {
    "add-own": WRITTEN,
    "add-other": refused_on("residence_commune"),
    "change-own": WRITTEN,
    "change-other": NOT_THERE,
    "change-missing": NOT_THERE,
    "delete-own": REFUSED,
    "delete-other": REFUSED,
    "delete-missing": REFUSED,
}
WRITES = {
    "targets.Directive": {
        "national_admin": NATIONAL_WRITES,
        "provincial_staff": {**PROVINCE_WRITES, "add-other": refused_on("commune")},
        "commune_cadre": refused_everywhere(REFUSED),
        **NON_STAFF,
    },
    "targets.Target": {
        "national_admin": NATIONAL_WRITES,
        "provincial_staff": {**PROVINCE_WRITES, "add-other": refused_on("directive")},
        "commune_cadre": refused_everywhere(REFUSED),
        **NON_STAFF,
    },
    "members.Person": {
        "national_admin": NATIONAL_WRITES,
        "provincial_staff": refused_everywhere(REFUSED),
        "commune_cadre": CADRE_PERSON_WRITES,
        **NON_STAFF,
    },
    # Read-only for everyone, the superuser included: steps are recorded on the case page.
    "members.AdmissionStep": {
        "national_admin": refused_everywhere(REFUSED),
        "provincial_staff": refused_everywhere(REFUSED),
        "commune_cadre": refused_everywhere(REFUSED),
        **NON_STAFF,
    },
}

# For each written model: the field a change sets (and its value), the fields an add sets.
CHANGE = {
    "targets.Directive": ("title", "Tiêu đề do ma trận sửa"),
    "targets.Target": ("lower", Decimal("33.300")),
    "members.Person": ("full_name", "Tên Do Ma Trận Sửa"),
    "members.AdmissionStep": ("note", "ghi chú do ma trận sửa"),
}
ADDED = {
    "targets.Directive": {"number": "99-CT/MT"},
    "targets.Target": {"lower": "44.400"},
    "members.Person": {
        "full_name": "Người Do Ma Trận Thêm",
        "national_id": national_id_for(
            Person(birth_date=datetime.date(1995, 5, 17), sex=Sex.MALE), 987_654
        ),
    },
    "members.AdmissionStep": {"note": "bước do ma trận thêm"},
}
ADDED_LOOKUP = {
    "targets.Directive": {"number": "99-CT/MT"},
    "targets.Target": {"lower": Decimal("44.400")},
    "members.Person": {"full_name": "Người Do Ma Trận Thêm"},
    "members.AdmissionStep": {"note": "bước do ma trận thêm"},
}


def form_data(response) -> dict[str, object]:
    """Return what the admin page's form and inlines would post back as they stand."""
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        forms += [inline.formset.management_form, *inline.formset.forms]
    data: dict[str, object] = {}
    for form in forms:
        for bound in form:
            value = bound.value()
            if value is True:
                data[bound.html_name] = "on"
            elif isinstance(value, list | tuple):
                data[bound.html_name] = [str(item) for item in value]
            elif value is not None and value is not False:
                data[bound.html_name] = str(value)
    return data


def page_form(world: World, url: str) -> dict[str, object]:
    """Return the form data of the admin page at `url` as the national administrator gets it."""
    if url not in world.forms:
        response = world.client("national_admin").get(url)
        world.forms[url] = (
            form_data(response),
            {b.html_name for b in response.context["adminform"].form},
        )
    return world.forms[url]


def row_payload(world: World, label: str, target: str) -> dict[str, object]:
    """Return the change form of the `target` row as the national administrator gets it."""
    row = world.rows[target][label]
    if label == "members.AdmissionStep":
        # The admin shows steps read-only, so it has no form to copy: post the fields.
        return {"case": row.case_id, "stage": row.stage, "done_on": str(row.done_on)}
    return page_form(world, admin_url(label, "change", row.pk))[0]


def add_payload(world: World, label: str, target: str) -> dict[str, object]:
    """Return an add form copying the `target` row's own fields, with `ADDED` on top."""
    row = row_payload(world, label, target)
    if label == "members.AdmissionStep":
        return {**row, **ADDED[label]}
    empty, own_fields = page_form(world, admin_url(label, "add"))
    copied = {name: value for name, value in row.items() if name in own_fields}
    return {**empty, **copied, **ADDED[label]}


def state(label: str, world: World) -> tuple:
    """Return what a write would change: the added row, the rows' changed field, their count."""
    model = apps.get_model(label)
    field, _value = CHANGE[label]
    rows = tuple(
        model.objects.filter(pk=world.rows[t][label].pk).values_list(field, flat=True).first()
        for t in ("own", "other")
    )
    return model.objects.filter(**ADDED_LOOKUP[label]).exists(), rows, model.objects.count()


def post(world: World, role: str, label: str, action: str):
    view, target = action.split("-")
    client = world.client(role)
    if view == "add":
        return client.post(admin_url(label, "add"), add_payload(world, label, target))
    url = url_for(world, label, view, target)
    if view == "delete":
        return client.post(url, {"post": "yes"})
    field, value = CHANGE[label]
    data = row_payload(world, label, "own" if target == "missing" else target)
    return client.post(url, {**data, field: str(value)})


WRITE_CELLS = [
    pytest.param(role, label, action, id=f"{role}-{label.split('.')[1]}-{action}")
    for label in WRITES
    for role in ROLES
    for action in ACTIONS
]


@pytest.mark.parametrize(("role", "label", "action"), WRITE_CELLS)
def test_admin_post_writes_only_what_the_policy_allows(admin_world, role, label, action):
    before = state(label, admin_world)

    response = post(admin_world, role, label, action)

    answer, written = WRITES[label][role][action]
    assert (answer_of(response), state(label, admin_world) != before) == (answer, written)


# --- Directives of other reaches, as the provincial officer meets them. ---


@pytest.fixture(scope="module")
def directives(admin_world: World) -> dict[str, Directive]:
    """A directive of the officer's province, one of another province, one of the nation."""
    home, other = admin_world.home.province, admin_world.other.province
    made = {
        "own_province": DirectiveFactory(province=home),
        "other_province": DirectiveFactory(province=other),
        "national": DirectiveFactory(province=None, issuer="Ban Bí thư"),
    }
    # A national directive may set a target for the officer's province: read, never changed.
    made["national_target"] = TargetFactory(directive=made["national"], province=home)
    return made


# Which directive the provincial officer finds: their province's alone, never the nation's.
OFFICER_FINDS = {"own_province": True, "other_province": False, "national": False}
FOUND = {"change": EDITABLE, "delete": OK, "history": OK}


@pytest.mark.parametrize(
    ("reach", "view"),
    [(reach, view) for reach in OFFICER_FINDS for view in FOUND],
    ids=str,
)
def test_provincial_officer_reaches_only_their_province_directives(
    directives, admin_world, reach, view
):
    url = admin_url("targets.Directive", view, directives[reach].pk)

    response = admin_world.client("provincial_staff").get(url)

    assert answer_of(response) == (FOUND[view] if OFFICER_FINDS[reach] else GONE)


@pytest.mark.parametrize("reach", list(OFFICER_FINDS))
def test_provincial_officer_changes_only_their_province_directives(directives, admin_world, reach):
    url = admin_url("targets.Directive", "change", directives[reach].pk)
    data, _fields = page_form(admin_world, url)

    response = admin_world.client("provincial_staff").post(url, {**data, "title": "Sửa"})

    changed = Directive.objects.get(pk=directives[reach].pk).title == "Sửa"
    assert (answer_of(response), changed) == (WRITTEN if OFFICER_FINDS[reach] else NOT_THERE)


@pytest.mark.parametrize("reach", list(OFFICER_FINDS))
def test_provincial_officer_deletes_only_their_province_directives(directives, admin_world, reach):
    url = admin_url("targets.Directive", "delete", directives[reach].pk)

    response = admin_world.client("provincial_staff").post(url, {"post": "yes"})

    deleted = not Directive.objects.filter(pk=directives[reach].pk).exists()
    assert (answer_of(response), deleted) == (WRITTEN if OFFICER_FINDS[reach] else NOT_THERE)


@pytest.mark.parametrize("view", ["change", "delete"])
def test_provincial_officer_cannot_touch_a_national_directive_target_for_their_province(
    directives, admin_world, view
):
    target = directives["national_target"]
    url = admin_url("targets.Target", view, target.pk)

    response = admin_world.client("provincial_staff").post(url, {"post": "yes"})

    assert (answer_of(response), Target.objects.filter(pk=target.pk).exists()) == (GONE, True)


# --- The admin's own pages: index, each app's page, autocomplete, "view on site". ---

INDEX = {
    "national_admin": OK,
    "provincial_staff": OK,
    "commune_cadre": OK,
    "aggregate_client": SIGN_IN,
    "anonymous": SIGN_IN,
}
# An app page lists the models the role may see; with none, Django answers 404.
APP_LIST = {
    "auth": {"national_admin": OK, "provincial_staff": NOT_FOUND, "commune_cadre": NOT_FOUND},
    "accounts": {"national_admin": OK, "provincial_staff": OK, "commune_cadre": NOT_FOUND},
    "units": {"national_admin": OK, "provincial_staff": OK, "commune_cadre": OK},
    "members": {"national_admin": OK, "provincial_staff": OK, "commune_cadre": OK},
    "targets": {"national_admin": OK, "provincial_staff": OK, "commune_cadre": OK},
    "otp_totp": {"national_admin": OK, "provincial_staff": NOT_FOUND, "commune_cadre": NOT_FOUND},
}


@pytest.mark.parametrize("role", ROLES)
def test_admin_index_answers_as_the_policy_says(admin_world, role):
    assert answer_of(admin_world.client(role).get(reverse("admin:index"))) == INDEX[role]


@pytest.mark.parametrize(
    ("app", "role"), [(app, role) for app in APP_LIST for role in ROLES], ids=str
)
def test_admin_app_page_answers_as_the_policy_says(admin_world, app, role):
    response = admin_world.client(role).get(reverse("admin:app_list", args=[app]))

    assert answer_of(response) == APP_LIST[app].get(role, SIGN_IN)


def autocomplete_fields() -> list[tuple[str, str, str]]:
    """Return (source model, field, remote model) for every autocomplete field of the admin."""
    found = []
    for model, model_admin in admin.site._registry.items():
        for holder in (model_admin, *(inline(model, admin.site) for inline in model_admin.inlines)):
            for name in holder.autocomplete_fields:
                remote = holder.model._meta.get_field(name).remote_field.model
                found.append((holder.model._meta.label, name, remote._meta.label))
    return sorted(set(found))


AUTOCOMPLETES = [
    pytest.param(role, *field, id=f"{role}-{field[0].split('.')[1]}.{field[1]}")
    for field in autocomplete_fields()
    for role in ROLES
]


@pytest.mark.parametrize(("role", "source", "field", "remote"), AUTOCOMPLETES)
def test_autocomplete_offers_only_the_rows_in_reach(admin_world, role, source, field, remote):
    app, model = source.lower().split(".")
    query = {"app_label": app, "model_name": model, "field_name": field}
    response = admin_world.client(role).get(reverse("admin:autocomplete"), query)

    if role not in STAFF_ROLES or not POLICY[role][remote] & SEE:
        assert answer_of(response) == (SIGN_IN if role not in STAFF_ROLES else FORBIDDEN)
        return
    offered = {int(item["id"]) for item in json.loads(response.content)["results"]}
    targets = ("row",) if remote in REFERENCE_ROWS else ("own", "other")
    shown = {t for t in targets if admin_world.rows[t][remote].pk in offered}
    assert shown == set(targets) & REACH[role]


@pytest.mark.parametrize("role", ROLES)
def test_view_on_site_answers_alike_for_own_other_and_missing(admin_world, role):
    person_type = ContentType.objects.get_for_model(Person).pk
    client = admin_world.client(role)
    pks = [admin_world.rows[t]["members.Person"].pk for t in ("own", "other")] + [MISSING_PK]
    responses = [client.get(reverse("admin:view_on_site", args=[person_type, pk])) for pk in pks]

    if role not in STAFF_ROLES:
        assert {answer_of(response) for response in responses} == {SIGN_IN}
        return
    assert {(r.status_code, page_text(r)) for r in responses} == {(404, page_text(responses[2]))}


# --- Meta-tests: the matrix knows every model and every admin route. ---


def test_every_registered_model_has_a_policy_for_every_staff_role():
    labels = {model._meta.label for model in registered()}
    assert {role: sorted(labels - POLICY[role].keys()) for role in STAFF_ROLES} == {
        role: [] for role in STAFF_ROLES
    }


def test_every_registered_model_has_a_row_builder():
    labels = {model._meta.label for model in registered()}
    assert sorted(labels - AREA_ROWS.keys() - REFERENCE_ROWS.keys()) == []


def test_no_registered_model_links_to_the_site():
    # "View on site" would then redirect to the record's page: it would need rows of its own.
    assert [model for model in registered() if hasattr(model, "get_absolute_url")] == []


def test_every_admin_route_has_rows_in_the_matrix():
    routes = {name.removeprefix("admin:") for name in named_routes() if name.startswith("admin:")}
    covered = {
        route_name(model._meta.label, view)
        for model in registered()
        for view in views_of(model._meta.label)
    }
    assert sorted(routes - covered - SKIPPED_ADMIN.keys() - SITE_ROUTES) == []
