"""The directive and target pages: read what governs the area, write inside it through services."""

import datetime
import html
from decimal import Decimal

import pytest
from django.urls import reverse

from targets.models import Bound, Directive, Target
from tests.conftest import client_for, page_text
from tests.targets.factories import DirectiveFactory, TargetFactory
from tests.units.factories import CommuneFactory

pytestmark = pytest.mark.django_db

IN_FORCE = datetime.date(2025, 9, 1)
LIST = reverse("targets:directive_list")
CREATE = reverse("targets:directive_create")


def url(name: str, pk: int) -> str:
    return reverse(f"targets:{name}", args=[pk])


def directive_data(area: str, **changes) -> dict:
    return {
        "number": "05-CT/TU",
        "kind": "directive",
        "issuer": "Ban Thường vụ Tỉnh ủy",
        "issued_on": "20/08/2025",
        "title": "Về phát triển đảng viên trong dân quân tự vệ",
        "area": area,
        "effective_from": "01/09/2025",
        "effective_to": "",
        "source": "",
        **changes,
    }


def target_data(**changes) -> dict:
    return {
        "indicator": "party_share_militia",
        "area": "",
        "bound": "at_least",
        "lower": "12,5",
        "upper": "",
        "deadline_year": "2030",
        "deadline_date": "",
        **changes,
    }


def field_codes(response, field: str) -> list[str]:
    return [error.code for error in response.context["form"].errors.as_data().get(field, [])]


@pytest.fixture
def mine(home_commune) -> Directive:
    return DirectiveFactory(
        province=home_commune.province, effective_from=IN_FORCE, title="Chỉ thị của tỉnh nhà"
    )


@pytest.fixture
def theirs(other_commune) -> Directive:
    return DirectiveFactory(
        province=other_commune.province, effective_from=IN_FORCE, title="Chỉ thị của tỉnh khác"
    )


@pytest.fixture
def national(db) -> Directive:
    return DirectiveFactory(
        province=None, issuer="Ban Bí thư", effective_from=IN_FORCE, title="Chỉ thị toàn quốc"
    )


# The list


def test_officer_lists_their_province_and_national_directives_not_another_province(
    province_officer, mine, theirs, national
):
    body = page_text(client_for(province_officer).get(LIST))

    assert (mine.title in body, national.title in body, theirs.title in body) == (
        True,
        True,
        False,
    )


def test_cadre_reads_the_directives_of_their_province(commune_cadre, mine, theirs):
    body = page_text(client_for(commune_cadre).get(LIST))

    assert (mine.title in body, theirs.title in body) == (True, False)


def test_cadre_is_offered_no_register_button(commune_cadre, mine):
    body = page_text(client_for(commune_cadre).get(LIST))

    assert 'id="directive-create"' not in body


def test_aggregate_client_may_not_read_directives(aggregate_client, mine):
    assert client_for(aggregate_client).get(LIST).status_code == 403


def test_list_shows_the_dates_in_vietnamese_order_and_the_successor(province_officer, mine):
    DirectiveFactory(
        province=mine.province,
        number="09-CT/TU",
        effective_from=datetime.date(2026, 3, 1),
        supersedes=mine,
    )
    body = page_text(client_for(province_officer).get(LIST))

    assert ("15/01/2024" in body, "01/03/2026" in body, ">09-CT/TU</a>" in body) == (
        True,
        True,
        True,
    )


def test_list_keeps_the_directives_in_force_on_the_day_typed(province_officer, mine):
    ended = DirectiveFactory(
        province=mine.province,
        effective_from=datetime.date(2020, 1, 1),
        effective_to=datetime.date(2024, 12, 31),
        title="Chỉ thị đã hết hiệu lực",
    )
    body = page_text(client_for(province_officer).get(LIST, {"in_force_on": "01/10/2025"}))

    assert (mine.title in body, ended.title in body) == (True, False)


def test_list_refuses_a_day_that_is_not_a_date_beside_the_field(province_officer, mine):
    response = client_for(province_officer).get(LIST, {"in_force_on": "31/02/2025"})

    assert (response.status_code, list(response.context["form"].errors)) == (200, ["in_force_on"])


@pytest.mark.parametrize("count", [2, 8])
def test_list_queries_do_not_grow_with_the_directives(
    province_officer, home_commune, django_assert_max_num_queries, count
):
    for index in range(count):
        old = DirectiveFactory(province=home_commune.province, effective_from=IN_FORCE)
        DirectiveFactory(
            province=home_commune.province,
            effective_from=IN_FORCE + datetime.timedelta(days=index + 1),
            supersedes=old,
        )
    client = client_for(province_officer)

    # One of them asks whether the user has enrolled a two-step sign-in device.
    with django_assert_max_num_queries(12):
        assert client.get(LIST).status_code == 200


# The detail


def test_detail_says_each_bound_in_words(province_officer, mine):
    TargetFactory(directive=mine, bound=Bound.AT_LEAST, lower=Decimal("12.5"))
    TargetFactory(
        directive=mine,
        indicator="party_share_reserve_officers",
        bound=Bound.RANGE,
        lower=Decimal("70"),
        upper=Decimal("75"),
    )
    TargetFactory(
        directive=mine, indicator="admissions_dqtv", bound=Bound.AT_LEAST, lower=Decimal("1189")
    )
    TargetFactory(
        directive=mine,
        indicator="communes_with_military_cell",
        bound=Bound.EXACT,
        lower=Decimal("100"),
        upper=Decimal("100"),
    )
    body = page_text(client_for(province_officer).get(url("directive_detail", mine.pk)))

    assert [words in body for words in ("≥ 12,5 %", "70–75 %", "≥ 1.189<", "= 100 %")] == [True] * 4


def test_detail_says_strict_bounds_with_strict_signs(province_officer, mine):
    TargetFactory(directive=mine, bound=Bound.OVER, lower=Decimal("30"))
    TargetFactory(
        directive=mine,
        indicator="dqtv_population_share",
        bound=Bound.UNDER,
        lower=None,
        upper=Decimal("2.5"),
    )
    body = html.unescape(
        page_text(client_for(province_officer).get(url("directive_detail", mine.pk)))
    )

    assert ("> 30 %" in body, "< 2,5 %" in body) == (True, True)


def test_detail_shows_a_deadline_date_as_day_month_year(province_officer, mine):
    TargetFactory(directive=mine, deadline_year=None, deadline_date=datetime.date(2027, 6, 30))
    body = page_text(client_for(province_officer).get(url("directive_detail", mine.pk)))

    assert "30/06/2027" in body


def test_detail_of_another_province_answers_like_a_missing_one(province_officer, theirs):
    client = client_for(province_officer)

    other = client.get(url("directive_detail", theirs.pk))
    missing = client.get(url("directive_detail", 999_999))
    assert (other.status_code, page_text(other)) == (404, page_text(missing))


def test_detail_of_a_national_directive_offers_the_officer_no_edit(province_officer, national):
    body = page_text(client_for(province_officer).get(url("directive_detail", national.pk)))

    assert (national.title in body, 'id="directive-edit"' in body) == (True, False)


# Register


def test_officer_registers_a_directive_of_their_province(province_officer, home_commune):
    data = directive_data(home_commune.province.code)
    response = client_for(province_officer).post(CREATE, data)

    directive = Directive.objects.get()
    assert (response.status_code, response["Location"], directive.province) == (
        302,
        url("directive_detail", directive.pk),
        home_commune.province,
    )


def test_the_dates_are_read_day_first(province_officer, home_commune):
    client_for(province_officer).post(CREATE, directive_data(home_commune.province.code))

    assert Directive.objects.get().issued_on == datetime.date(2025, 8, 20)


def test_a_directive_of_another_province_is_refused_beside_the_area(
    province_officer, other_commune
):
    data = directive_data(other_commune.province.code)
    response = client_for(province_officer).post(CREATE, data)

    assert (response.status_code, field_codes(response, "area"), Directive.objects.count()) == (
        200,
        ["out_of_area"],
        0,
    )


def test_a_nation_wide_directive_is_refused_to_the_officer_beside_the_area(province_officer):
    response = client_for(province_officer).post(CREATE, directive_data(""))

    assert (field_codes(response, "area"), Directive.objects.count()) == (["out_of_area"], 0)


def test_national_admin_registers_a_nation_wide_directive(national_admin):
    client_for(national_admin).post(CREATE, directive_data(""))

    assert Directive.objects.get().area is None


def test_an_area_code_naming_nothing_on_the_day_in_force_is_refused(province_officer, home_commune):
    # The province was created by the July 2025 reform: its code named nothing in 2024.
    data = directive_data(home_commune.province.code, effective_from="15/01/2024")
    response = client_for(province_officer).post(CREATE, data)

    assert (field_codes(response, "area"), Directive.objects.count()) == (["unknown_area"], 0)


def test_a_directive_ending_before_it_starts_is_refused_beside_its_end(
    province_officer, home_commune
):
    data = directive_data(home_commune.province.code, effective_to="31/08/2025")
    response = client_for(province_officer).post(CREATE, data)

    assert (list(response.context["form"].errors), Directive.objects.count()) == (
        ["effective_to"],
        0,
    )


def test_a_directive_registered_twice_is_refused_beside_its_number(province_officer, home_commune):
    client = client_for(province_officer)
    client.post(CREATE, directive_data(home_commune.province.code))
    response = client.post(CREATE, directive_data(home_commune.province.code))

    assert (list(response.context["form"].errors), Directive.objects.count()) == (["number"], 1)


def test_cadre_may_not_register_a_directive(commune_cadre, home_commune):
    response = client_for(commune_cadre).post(CREATE, directive_data(home_commune.code))

    assert (response.status_code, Directive.objects.count()) == (403, 0)


def test_aggregate_client_may_not_open_the_register_page(aggregate_client):
    assert client_for(aggregate_client).get(CREATE).status_code == 403


# Edit


def test_officer_edits_a_directive_of_their_province(province_officer, mine, home_commune):
    data = directive_data(home_commune.province.code, title="Tên mới")
    response = client_for(province_officer).post(url("directive_edit", mine.pk), data)

    mine.refresh_from_db()
    assert (response.status_code, mine.title) == (302, "Tên mới")


def test_edit_page_shows_the_area_as_its_code(province_officer, mine, home_commune):
    response = client_for(province_officer).get(url("directive_edit", mine.pk))

    assert response.context["form"]["area"].value() == home_commune.province.code


def test_officer_moving_a_directive_to_another_province_is_refused_with_nothing_written(
    province_officer, mine, other_commune
):
    data = directive_data(other_commune.province.code, title="Tên mới")
    response = client_for(province_officer).post(url("directive_edit", mine.pk), data)

    mine.refresh_from_db()
    assert (field_codes(response, "area"), mine.title, mine.province_id) == (
        ["out_of_area"],
        "Chỉ thị của tỉnh nhà",
        mine.province_id,
    )


@pytest.mark.parametrize("name", ["directive_edit", "directive_supersede", "directive_delete"])
def test_write_pages_of_another_province_answer_like_a_missing_one(province_officer, theirs, name):
    client = client_for(province_officer)

    other = client.get(url(name, theirs.pk))
    missing = client.get(url(name, 999_999))
    assert (other.status_code, page_text(other)) == (404, page_text(missing))


@pytest.mark.parametrize("name", ["directive_edit", "directive_supersede", "directive_delete"])
def test_write_pages_of_a_national_directive_answer_404_to_the_officer(
    province_officer, national, name
):
    assert client_for(province_officer).get(url(name, national.pk)).status_code == 404


@pytest.mark.parametrize("name", ["directive_edit", "directive_supersede", "directive_delete"])
def test_cadre_may_not_open_the_write_pages(commune_cadre, mine, name):
    assert client_for(commune_cadre).get(url(name, mine.pk)).status_code == 403


# Supersede


def test_officer_supersedes_a_directive_which_then_ends_the_day_before(
    province_officer, mine, home_commune
):
    data = directive_data(
        home_commune.province.code, number="20-CT/TU", effective_from="01/01/2026"
    )
    client_for(province_officer).post(url("directive_supersede", mine.pk), data)

    new = Directive.objects.get(number="20-CT/TU")
    mine.refresh_from_db()
    assert (new.supersedes_id, mine.effective_to) == (mine.pk, datetime.date(2025, 12, 31))


def test_supersede_page_starts_from_the_old_directive_s_issuer_and_area(
    province_officer, mine, home_commune
):
    form = client_for(province_officer).get(url("directive_supersede", mine.pk)).context["form"]

    assert (form["issuer"].value(), form["area"].value()) == (
        mine.issuer,
        home_commune.province.code,
    )


def test_superseding_with_an_earlier_start_is_refused_beside_it_with_nothing_written(
    province_officer, mine, home_commune
):
    data = directive_data(
        home_commune.province.code, number="20-CT/TU", effective_from="01/08/2025"
    )
    response = client_for(province_officer).post(url("directive_supersede", mine.pk), data)

    mine.refresh_from_db()
    assert (field_codes(response, "effective_from"), Directive.objects.count()) == (
        ["supersedes_later"],
        1,
    )
    assert mine.effective_to is None


# Delete


def test_delete_asks_first(province_officer, mine):
    response = client_for(province_officer).get(url("directive_delete", mine.pk))

    assert (response.status_code, Directive.objects.filter(pk=mine.pk).exists()) == (200, True)


def test_officer_deletes_a_directive_with_its_targets(province_officer, mine):
    TargetFactory(directive=mine)
    response = client_for(province_officer).post(url("directive_delete", mine.pk))

    assert (response.status_code, Directive.objects.count(), Target.objects.count()) == (
        302,
        0,
        0,
    )


def test_a_superseded_directive_is_not_deleted_and_the_page_says_why(province_officer, mine):
    DirectiveFactory(province=mine.province, supersedes=mine, effective_from=IN_FORCE)
    response = client_for(province_officer).post(url("directive_delete", mine.pk))

    assert ('id="delete-error"' in page_text(response), Directive.objects.count()) == (True, 2)


def test_officer_cannot_delete_a_directive_of_another_province(province_officer, theirs):
    response = client_for(province_officer).post(url("directive_delete", theirs.pk))

    assert (response.status_code, Directive.objects.count()) == (404, 1)


# Targets


def test_officer_adds_a_target_typed_the_vietnamese_way(province_officer, mine):
    response = client_for(province_officer).post(url("target_create", mine.pk), target_data())

    target = Target.objects.get()
    assert (response.status_code, target.lower, target.upper, target.area) == (
        302,
        Decimal("12.5"),
        None,
        None,
    )


def test_target_form_shows_each_indicator_with_its_unit(province_officer, mine):
    body = page_text(client_for(province_officer).get(url("target_create", mine.pk)))

    assert ("Tỷ lệ đảng viên trong dân quân (%)" in body) is True


def test_target_form_shows_the_unit_of_the_chosen_indicator_by_the_bounds(province_officer, mine):
    data = target_data(indicator="admissions_dqtv", lower="")
    body = page_text(client_for(province_officer).post(url("target_create", mine.pk), data))

    assert '<span class="unit" id="unit-lower">Số lượng</span>' in body


@pytest.mark.parametrize(
    ("bound", "lower", "upper", "field"),
    [
        ("at_least", "12,5", "15", "upper"),
        ("at_least", "", "", "lower"),
        ("at_most", "12,5", "15", "lower"),
        ("at_most", "", "", "upper"),
        ("range", "15", "", "upper"),
        ("range", "15", "14", "upper"),
        ("exact", "15", "16", "upper"),
    ],
)
def test_bounds_that_do_not_fit_the_kind_are_refused_beside_the_wrong_one(
    province_officer, mine, bound, lower, upper, field
):
    data = target_data(bound=bound, lower=lower, upper=upper)
    response = client_for(province_officer).post(url("target_create", mine.pk), data)

    assert (list(response.context["form"].errors), Target.objects.count()) == ([field], 0)


def test_an_exact_target_takes_one_value(province_officer, mine):
    data = target_data(bound="exact", lower="100")
    client_for(province_officer).post(url("target_create", mine.pk), data)

    target = Target.objects.get()
    assert (target.lower, target.upper) == (Decimal("100"), Decimal("100"))


def test_a_target_needs_one_deadline(province_officer, mine):
    data = target_data(deadline_year="2030", deadline_date="31/12/2030")
    response = client_for(province_officer).post(url("target_create", mine.pk), data)

    assert (list(response.context["form"].errors), Target.objects.count()) == (
        ["deadline_date"],
        0,
    )


def test_target_of_a_commune_of_the_directive_s_province_is_read_by_its_code(
    province_officer, mine, home_commune
):
    data = target_data(area=home_commune.code)
    client_for(province_officer).post(url("target_create", mine.pk), data)

    assert Target.objects.get().commune == home_commune


def test_target_outside_the_directive_s_area_is_refused_beside_the_area(
    province_officer, mine, other_commune
):
    data = target_data(area=other_commune.code)
    response = client_for(province_officer).post(url("target_create", mine.pk), data)

    assert (field_codes(response, "area"), Target.objects.count()) == (["out_of_area"], 0)


def test_target_in_another_commune_of_another_directive_area_is_refused_by_the_service(
    national_admin, mine
):
    elsewhere = CommuneFactory()
    data = target_data(area=elsewhere.code)
    response = client_for(national_admin).post(url("target_create", mine.pk), data)

    assert (field_codes(response, "area"), Target.objects.count()) == (
        ["target_outside_directive"],
        0,
    )


def test_officer_edits_a_target(province_officer, mine):
    target = TargetFactory(directive=mine)
    data = target_data(bound="range", lower="14", upper="15")
    client_for(province_officer).post(url("target_edit", target.pk), data)

    target.refresh_from_db()
    assert (target.bound, target.lower, target.upper) == ("range", Decimal(14), Decimal(15))


def test_target_edit_page_shows_the_stored_bound_the_vietnamese_way(province_officer, mine):
    target = TargetFactory(directive=mine, lower=Decimal("12.5"))
    form = client_for(province_officer).get(url("target_edit", target.pk)).context["form"]

    assert form["lower"].value() == "12,5"


def test_officer_deletes_a_target(province_officer, mine):
    target = TargetFactory(directive=mine)
    response = client_for(province_officer).post(url("target_delete", target.pk))

    assert (response.status_code, Target.objects.count()) == (302, 0)


@pytest.mark.parametrize("name", ["target_edit", "target_delete"])
def test_target_pages_of_another_province_answer_like_a_missing_one(province_officer, theirs, name):
    target = TargetFactory(directive=theirs)
    client = client_for(province_officer)

    other = client.get(url(name, target.pk))
    missing = client.get(url(name, 999_999))
    assert (other.status_code, page_text(other)) == (404, page_text(missing))


def test_target_create_on_another_province_s_directive_answers_404(province_officer, theirs):
    response = client_for(province_officer).post(url("target_create", theirs.pk), target_data())

    assert (response.status_code, Target.objects.count()) == (404, 0)


@pytest.mark.parametrize("name", ["target_edit", "target_delete"])
def test_cadre_may_not_open_the_target_write_pages(commune_cadre, mine, name):
    target = TargetFactory(directive=mine)

    assert client_for(commune_cadre).get(url(name, target.pk)).status_code == 403
