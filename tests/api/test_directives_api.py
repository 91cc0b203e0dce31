"""The directives and targets API: read what governs the area, write inside it, through services."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from targets.models import Directive, Target
from tests.api.conftest import token_client
from tests.targets.factories import DirectiveFactory, TargetFactory
from tests.units.factories import CommuneFactory

pytestmark = pytest.mark.django_db

DIRECTIVES = reverse("api:directive_list")
TARGETS = reverse("api:target_list")
IN_FORCE = datetime.date(2025, 9, 1)


def directive_url(pk: int) -> str:
    return reverse("api:directive_detail", args=[pk])


def target_url(pk: int) -> str:
    return reverse("api:target_detail", args=[pk])


def errors(response) -> dict[str | None, str]:
    """Return the error codes of a response by field."""
    return {error["field"]: error["code"] for error in response.json()["errors"]}


def ids(response) -> set[int]:
    return {item["id"] for item in response.json()["results"]}


def directive_payload(area: str | None, **changes) -> dict:
    return {
        "number": "05-CT/TU",
        "issuer": "Ban Thường vụ Tỉnh ủy",
        "issued_on": "2025-08-20",
        "title": "Về phát triển đảng viên trong dân quân tự vệ",
        "area": area,
        "effective_from": IN_FORCE.isoformat(),
        **changes,
    }


def target_payload(directive: Directive, **changes) -> dict:
    return {
        "directive": directive.pk,
        "indicator": "party_share_militia",
        "bound": "range",
        "lower": "14",
        "upper": "15",
        "deadline_year": 2030,
        **changes,
    }


@pytest.fixture
def mine(home_commune) -> Directive:
    return DirectiveFactory(province=home_commune.province, effective_from=IN_FORCE)


@pytest.fixture
def theirs(other_commune) -> Directive:
    return DirectiveFactory(province=other_commune.province, effective_from=IN_FORCE)


@pytest.fixture
def national(db) -> Directive:
    return DirectiveFactory(province=None, issuer="Ban Bí thư", effective_from=IN_FORCE)


@pytest.fixture
def officer_api(province_officer):
    return token_client(province_officer)


# Directives: reads


def test_province_officer_lists_their_province_and_nation_wide_directives(
    officer_api, mine, theirs, national
):
    assert ids(officer_api.get(DIRECTIVES)) == {mine.pk, national.pk}


def test_a_directive_is_read_with_its_area_as_an_official_code(officer_api, mine, home_commune):
    response = officer_api.get(directive_url(mine.pk))

    assert response.json() == {
        "id": mine.pk,
        "number": mine.number,
        "issuer": mine.issuer,
        "issued_on": "2024-01-15",
        "title": mine.title,
        "kind": "directive",
        "area": home_commune.province.code,
        "effective_from": "2025-09-01",
        "effective_to": None,
        "supersedes": None,
        "source": "",
    }


def test_a_nation_wide_directive_has_no_area(officer_api, national):
    assert officer_api.get(directive_url(national.pk)).json()["area"] is None


def test_another_provinces_directive_answers_exactly_as_a_missing_one(officer_api, theirs):
    other = officer_api.get(directive_url(theirs.pk))
    missing = officer_api.get(directive_url(theirs.pk + 1000))

    assert (other.status_code, other.json()) == (missing.status_code, missing.json())


def test_a_directive_id_too_large_for_the_database_answers_404(officer_api):
    assert officer_api.get(directive_url(10**20)).status_code == 404


def test_directives_in_force_on_a_day_leave_out_those_ended_before(officer_api, mine, home_commune):
    DirectiveFactory(
        province=home_commune.province,
        effective_from=IN_FORCE,
        effective_to=datetime.date(2025, 12, 31),
    )

    assert ids(officer_api.get(DIRECTIVES, {"in_force_on": "2026-01-01"})) == {mine.pk}


def test_directives_in_force_on_a_bad_date_answer_400_naming_it(officer_api):
    response = officer_api.get(DIRECTIVES, {"in_force_on": "2026-02-30"})

    assert (response.status_code, errors(response)) == (400, {"in_force_on": "invalid"})


def test_commune_cadre_reads_nation_wide_and_provincial_directives(
    commune_cadre, mine, theirs, national
):
    assert ids(token_client(commune_cadre).get(DIRECTIVES)) == {mine.pk, national.pk}


def test_aggregate_client_may_not_read_directives(aggregate_client, mine):
    client = token_client(aggregate_client)

    statuses = [client.get(DIRECTIVES).status_code, client.get(directive_url(mine.pk)).status_code]

    assert statuses == [403, 403]


def test_directives_refuse_an_anonymous_caller(anonymous_api):
    assert anonymous_api.get(DIRECTIVES).status_code == 401


# Directives: create


def test_province_officer_registers_a_directive_of_their_province(officer_api, home_commune):
    response = officer_api.post(
        DIRECTIVES, directive_payload(home_commune.province.code), format="json"
    )

    directive = Directive.objects.get()
    assert (response.status_code, response.json()["id"], directive.province) == (
        201,
        directive.pk,
        home_commune.province,
    )


def test_a_directive_without_a_kind_is_a_directive(officer_api, home_commune):
    officer_api.post(DIRECTIVES, directive_payload(home_commune.province.code), format="json")

    assert Directive.objects.get().kind == "directive"


def test_the_kind_of_a_resolution_is_read_back(officer_api, home_commune):
    payload = directive_payload(home_commune.province.code, kind="resolution")
    created = officer_api.post(DIRECTIVES, payload, format="json").json()

    assert officer_api.get(directive_url(created["id"])).json()["kind"] == "resolution"


def test_an_unknown_kind_is_refused(officer_api, home_commune):
    payload = directive_payload(home_commune.province.code, kind="decree")
    response = officer_api.post(DIRECTIVES, payload, format="json")

    assert (errors(response), Directive.objects.count()) == ({"kind": "invalid_choice"}, 0)


def test_a_directive_of_a_commune_of_the_province_keeps_the_commune_code(officer_api, home_commune):
    response = officer_api.post(DIRECTIVES, directive_payload(home_commune.code), format="json")

    assert (response.json()["area"], Directive.objects.get().commune) == (
        home_commune.code,
        home_commune,
    )


def test_province_officer_cannot_register_a_directive_of_another_province(
    officer_api, other_commune
):
    payload = directive_payload(other_commune.province.code)
    response = officer_api.post(DIRECTIVES, payload, format="json")

    assert (response.status_code, errors(response), Directive.objects.count()) == (
        400,
        {"area": "out_of_area"},
        0,
    )


def test_province_officer_cannot_register_a_nation_wide_directive(officer_api):
    response = officer_api.post(DIRECTIVES, directive_payload(None), format="json")

    assert (errors(response), Directive.objects.count()) == ({"area": "out_of_area"}, 0)


def test_national_admin_registers_a_directive_anywhere(national_admin, other_commune):
    payload = directive_payload(other_commune.province.code)
    response = token_client(national_admin).post(DIRECTIVES, payload, format="json")

    assert (response.status_code, Directive.objects.get().province) == (
        201,
        other_commune.province,
    )


def test_an_area_code_naming_nothing_on_the_day_in_force_is_refused(officer_api, home_commune):
    # The province was created by the July 2025 reform: its code named nothing in 2024.
    payload = directive_payload(home_commune.province.code, effective_from="2024-01-15")
    response = officer_api.post(DIRECTIVES, payload, format="json")

    assert (errors(response), Directive.objects.count()) == ({"area": "unknown_area"}, 0)


@pytest.mark.parametrize("area", ["1", "1234", "HN", "", "0\x001"])
def test_an_area_code_of_the_wrong_shape_is_refused(officer_api, area):
    response = officer_api.post(DIRECTIVES, directive_payload(area), format="json")

    assert (response.status_code, set(errors(response))) == (400, {"area"})


@pytest.mark.parametrize("issued_on", ["20/08/2025", "2025-02-30", "", None])
def test_a_bad_date_of_issue_is_refused(officer_api, home_commune, issued_on):
    payload = directive_payload(home_commune.province.code, issued_on=issued_on)
    response = officer_api.post(DIRECTIVES, payload, format="json")

    assert (response.status_code, set(errors(response)), Directive.objects.count()) == (
        400,
        {"issued_on"},
        0,
    )


def test_a_directive_ending_before_it_comes_into_force_is_refused(officer_api, home_commune):
    payload = directive_payload(home_commune.province.code, effective_to="2025-08-31")
    response = officer_api.post(DIRECTIVES, payload, format="json")

    assert (errors(response), Directive.objects.count()) == (
        {"effective_to": "directive_in_force_until_after_from"},
        0,
    )


def test_a_directive_registered_twice_is_refused_on_its_number(officer_api, home_commune):
    payload = directive_payload(home_commune.province.code)
    officer_api.post(DIRECTIVES, payload, format="json")

    response = officer_api.post(DIRECTIVES, payload, format="json")

    assert (response.status_code, set(errors(response)), Directive.objects.count()) == (
        400,
        {"number"},
        1,
    )


def test_superseding_another_provinces_directive_is_refused_as_not_found(
    officer_api, home_commune, theirs
):
    payload = directive_payload(home_commune.province.code, supersedes=theirs.pk)
    response = officer_api.post(DIRECTIVES, payload, format="json")

    assert (errors(response), Directive.objects.count()) == ({"supersedes": "does_not_exist"}, 1)


def test_a_directive_supersedes_an_earlier_one_of_the_province(officer_api, home_commune, mine):
    payload = directive_payload(home_commune.province.code, supersedes=mine.pk)
    response = officer_api.post(DIRECTIVES, payload, format="json")

    assert Directive.objects.get(pk=response.json()["id"]).supersedes == mine


def test_commune_cadre_may_not_register_a_directive(commune_cadre, home_commune):
    payload = directive_payload(home_commune.code)
    response = token_client(commune_cadre).post(DIRECTIVES, payload, format="json")

    assert (response.status_code, Directive.objects.count()) == (403, 0)


# Directives: change and delete


def test_province_officer_changes_the_title_of_their_directive(officer_api, mine):
    response = officer_api.patch(directive_url(mine.pk), {"title": "Tiêu đề mới"}, format="json")

    mine.refresh_from_db()
    assert (response.status_code, response.json()["title"], mine.title) == (
        200,
        "Tiêu đề mới",
        "Tiêu đề mới",
    )


def test_changing_the_area_resolves_the_code_on_the_stored_day_in_force(
    officer_api, mine, home_commune
):
    officer_api.patch(directive_url(mine.pk), {"area": home_commune.code}, format="json")

    mine.refresh_from_db()
    assert (mine.province, mine.commune) == (None, home_commune)


def test_another_provinces_directive_cannot_be_changed_and_answers_as_missing(officer_api, theirs):
    title = theirs.title
    other = officer_api.patch(directive_url(theirs.pk), {"title": "Đổi"}, format="json")
    missing = officer_api.patch(directive_url(theirs.pk + 1000), {"title": "Đổi"}, format="json")

    theirs.refresh_from_db()
    assert (other.status_code, other.json(), theirs.title) == (404, missing.json(), title)


def test_province_officer_reads_but_cannot_change_a_nation_wide_directive(officer_api, national):
    response = officer_api.patch(directive_url(national.pk), {"title": "Đổi"}, format="json")

    assert response.status_code == 404


def test_moving_a_directive_to_another_province_is_refused(
    officer_api, mine, home_commune, other_commune
):
    payload = {"area": other_commune.province.code}
    response = officer_api.patch(directive_url(mine.pk), payload, format="json")

    mine.refresh_from_db()
    assert (errors(response), mine.province) == ({"area": "out_of_area"}, home_commune.province)


def test_put_is_not_offered(officer_api, mine):
    assert officer_api.put(directive_url(mine.pk), {}, format="json").status_code == 405


def test_province_officer_deletes_their_directive_with_its_targets(officer_api, mine):
    TargetFactory(directive=mine)

    response = officer_api.delete(directive_url(mine.pk))

    assert (response.status_code, Directive.objects.count(), Target.objects.count()) == (
        204,
        0,
        0,
    )


def test_another_provinces_directive_cannot_be_deleted(officer_api, theirs):
    response = officer_api.delete(directive_url(theirs.pk))

    assert (response.status_code, Directive.objects.filter(pk=theirs.pk).exists()) == (404, True)


def test_national_admin_changes_and_deletes_any_directive(national_admin, theirs):
    client = token_client(national_admin)

    changed = client.patch(directive_url(theirs.pk), {"kind": "plan"}, format="json")
    deleted = client.delete(directive_url(theirs.pk))

    assert (changed.json()["kind"], deleted.status_code, Directive.objects.count()) == (
        "plan",
        204,
        0,
    )


def test_commune_cadre_may_neither_change_nor_delete_a_directive(commune_cadre, mine):
    client = token_client(commune_cadre)

    statuses = [
        client.patch(directive_url(mine.pk), {"title": "Đổi"}, format="json").status_code,
        client.delete(directive_url(mine.pk)).status_code,
    ]

    assert (statuses, Directive.objects.filter(pk=mine.pk).exists()) == ([403, 403], True)


# Targets


def test_province_officer_sets_a_target_of_their_directive(officer_api, mine):
    response = officer_api.post(TARGETS, target_payload(mine), format="json")

    target = Target.objects.get()
    assert response.json() == {
        "id": target.pk,
        "directive": mine.pk,
        "indicator": "party_share_militia",
        "area": None,
        "each_commune": False,
        "bound": "range",
        "lower": "14.000",
        "upper": "15.000",
        "deadline_year": 2030,
        "deadline_date": None,
    }


def test_a_target_for_each_commune_of_a_commune_area_keeps_its_code(
    officer_api, mine, home_commune
):
    payload = target_payload(mine, area=home_commune.code, each_commune=True)
    response = officer_api.post(TARGETS, payload, format="json")

    assert (response.json()["area"], Target.objects.get().commune) == (
        home_commune.code,
        home_commune,
    )


def test_a_range_with_the_lower_bound_above_the_upper_is_refused(officer_api, mine):
    payload = target_payload(mine, lower="75", upper="70")
    response = officer_api.post(TARGETS, payload, format="json")

    assert (response.status_code, errors(response), Target.objects.count()) == (
        400,
        {"bound": "target_bounds_match_kind"},
        0,
    )


def test_an_unknown_indicator_is_refused(officer_api, mine):
    payload = target_payload(mine, indicator="happiness")
    response = officer_api.post(TARGETS, payload, format="json")

    assert (errors(response), Target.objects.count()) == ({"indicator": "invalid_choice"}, 0)


def test_a_target_for_another_provinces_directive_is_refused_as_not_found(officer_api, theirs):
    response = officer_api.post(TARGETS, target_payload(theirs), format="json")

    assert (errors(response), Target.objects.count()) == ({"directive": "does_not_exist"}, 0)


def test_a_target_of_a_nation_wide_directive_is_refused_to_a_province_officer(
    officer_api, national
):
    response = officer_api.post(TARGETS, target_payload(national), format="json")

    assert (errors(response), Target.objects.count()) == ({"directive": "out_of_area"}, 0)


def test_a_target_in_another_province_is_refused(national_admin, mine, other_commune):
    payload = target_payload(mine, area=other_commune.code)
    response = token_client(national_admin).post(TARGETS, payload, format="json")

    assert (errors(response), Target.objects.count()) == (
        {"area": "target_outside_directive"},
        0,
    )


def test_a_target_area_code_naming_nothing_is_refused(officer_api, mine):
    response = officer_api.post(TARGETS, target_payload(mine, area="99999"), format="json")

    assert (errors(response), Target.objects.count()) == ({"area": "unknown_area"}, 0)


def test_a_target_with_two_deadlines_is_refused(officer_api, mine):
    payload = target_payload(mine, deadline_date="2030-12-31")
    response = officer_api.post(TARGETS, payload, format="json")

    assert (errors(response), Target.objects.count()) == (
        {"deadline_year": "target_one_deadline"},
        0,
    )


@pytest.mark.parametrize("lower", ["1e12", "-1", "NaN", "12.3456", "abc"])
def test_a_bound_the_model_cannot_hold_is_refused(officer_api, mine, lower):
    payload = target_payload(mine, bound="at_least", lower=lower, upper=None)
    response = officer_api.post(TARGETS, payload, format="json")

    assert (response.status_code, Target.objects.count()) == (400, 0)


def test_province_officer_changes_a_target_of_their_directive(officer_api, mine):
    target = TargetFactory(directive=mine)

    response = officer_api.patch(target_url(target.pk), {"lower": "13"}, format="json")

    target.refresh_from_db()
    assert (response.status_code, target.lower) == (200, Decimal("13"))


def test_a_target_of_another_province_answers_as_missing(officer_api, theirs):
    target = TargetFactory(directive=theirs)

    responses = [
        officer_api.get(target_url(target.pk)).status_code,
        officer_api.patch(target_url(target.pk), {"lower": "1"}, format="json").status_code,
        officer_api.delete(target_url(target.pk)).status_code,
    ]

    target.refresh_from_db()
    assert (responses, target.lower) == ([404, 404, 404], Decimal("12.5"))


def test_province_officer_deletes_a_target_of_their_directive(officer_api, mine):
    target = TargetFactory(directive=mine)

    response = officer_api.delete(target_url(target.pk))

    assert (response.status_code, Target.objects.count()) == (204, 0)


def test_commune_cadre_reads_the_targets_governing_them_but_sets_none(
    commune_cadre, mine, national, theirs
):
    readable = {TargetFactory(directive=mine).pk, TargetFactory(directive=national).pk}
    TargetFactory(directive=theirs)
    client = token_client(commune_cadre)

    listed = ids(client.get(TARGETS))
    created = client.post(TARGETS, target_payload(mine), format="json")

    assert (listed, created.status_code, Target.objects.count()) == (readable, 403, 3)


def test_aggregate_client_may_not_read_targets(aggregate_client):
    assert token_client(aggregate_client).get(TARGETS).status_code == 403


def test_a_target_in_a_province_commune_lies_inside_the_provinces_directive(
    officer_api, mine, home_commune
):
    sibling = CommuneFactory(province=home_commune.province)

    response = officer_api.post(TARGETS, target_payload(mine, area=sibling.code), format="json")

    assert response.status_code == 201


def test_a_directive_another_one_supersedes_is_not_deleted(officer_api, mine, home_commune):
    DirectiveFactory(province=home_commune.province, supersedes=mine)

    response = officer_api.delete(directive_url(mine.pk))

    assert (response.status_code, errors(response), Directive.objects.count()) == (
        409,
        {None: "protected"},
        2,
    )
