"""The explain page: the people behind a figure, exactly those the figure counts, to those who may
see them, every one of them logged as read."""

import datetime

import pytest
from django.urls import reverse

from members.models import PersonReadLog
from reports.report import default_window
from reports.selectors import indicator_report
from tests.conftest import client_for, page_text
from tests.units.factories import CommuneFactory, ForceUnitFactory
from units.models import DqtvCategory, Force, ReserveCategory

from .conftest import DAY, admit, serve

pytestmark = pytest.mark.django_db

EXPLAIN = reverse("reports:explain")
SHARES = [
    "party_share_dqtv",
    "party_share_militia",
    "party_share_self_defence",
    "party_share_reserve",
    "party_share_reserve_officers",
]
IN_2026 = datetime.date(2026, 3, 1)


@pytest.fixture
def neighbour(home_commune):
    """A second commune of the home province."""
    return CommuneFactory(province=home_commune.province)


@pytest.fixture
def dataset(home_commune, neighbour, other_commune) -> dict:
    """People of both communes of the home province, some counted and some not, and one in
    another province; returns the records by role."""
    records = {
        "member": serve(home_commune),
        "admitted": serve(home_commune, start=datetime.date(2025, 1, 1)),
        "plain": serve(home_commune),
        "self_defence": serve(home_commune, force=Force.SELF_DEFENCE),
        "officer": serve(home_commune, force=Force.RESERVE, category=ReserveCategory.OFFICER),
        "reservist": serve(
            home_commune, force=Force.RESERVE, category=ReserveCategory.NCO_SOLDIER_1
        ),
        "left": serve(home_commune, end=datetime.date(2025, 12, 31)),
        "broad": serve(home_commune, is_core=False),
        "struck_off": serve(home_commune),
        "neighbour": serve(neighbour, category=DqtvCategory.MOBILE),
        "elsewhere": serve(other_commune),
    }
    for name in ("member", "officer", "left", "broad", "neighbour", "elsewhere"):
        admit(records[name].person)
    admit(records["admitted"].person, IN_2026)
    admit(records["struck_off"].person, exit_on=datetime.date(2026, 5, 1))
    return records


def explain(user, **query):
    params = {"date": DAY.isoformat(), **query}
    return client_for(user).get(EXPLAIN, params)


def names(response) -> set[str]:
    return {row["person"].full_name for row in response.context["rows"]}


def reported(user, area_code: str, code: str) -> dict:
    report = indicator_report(actor=user, area_code=area_code, window=default_window(DAY))
    return next(entry for entry in report["indicators"] if entry["code"] == code)


@pytest.mark.parametrize("code", SHARES)
@pytest.mark.parametrize("part", ["numerator", "denominator"])
def test_explained_share_lists_as_many_people_as_the_report_counts(
    province_officer, home_commune, dataset, code, part
):
    area = home_commune.province.code
    response = explain(province_officer, area=area, indicator=code, part=part)

    expected = reported(province_officer, area, code)[part]
    assert (response.status_code, response.context["page"].paginator.count) == (200, expected)


@pytest.mark.parametrize("code", ["admissions_dqtv", "admissions_reserve"])
def test_explained_admissions_list_as_many_as_the_report_counts(
    province_officer, home_commune, dataset, code
):
    area = home_commune.province.code
    response = explain(province_officer, area=area, indicator=code)

    expected = reported(province_officer, area, code)["numerator"]
    assert response.context["page"].paginator.count == expected


def test_explained_militia_members_are_the_serving_party_members(
    province_officer, home_commune, dataset
):
    area = home_commune.province.code
    response = explain(province_officer, area=area, indicator="party_share_militia")

    expected = {dataset[name].person.full_name for name in ("member", "admitted", "neighbour")}
    assert names(response) == expected


def test_explained_militia_denominator_is_everyone_serving_in_the_core(
    province_officer, home_commune, dataset
):
    area = home_commune.province.code
    response = explain(
        province_officer, area=area, indicator="party_share_militia", part="denominator"
    )

    serving = ("member", "admitted", "plain", "struck_off", "neighbour")
    assert names(response) == {dataset[name].person.full_name for name in serving}


def test_explained_admission_shows_its_date(province_officer, home_commune, dataset):
    area = home_commune.province.code
    response = explain(province_officer, area=area, indicator="admissions_dqtv")

    assert (names(response), "01/03/2026" in page_text(response)) == (
        {dataset["admitted"].person.full_name},
        True,
    )


def test_party_status_on_the_date_is_shown_in_words(province_officer, home_commune, dataset):
    area = home_commune.province.code
    response = explain(
        province_officer, area=area, indicator="party_share_militia", part="denominator"
    )

    statuses = {row["person"].full_name: row["status"] for row in response.context["rows"]}
    assert (
        statuses[dataset["member"].person.full_name],
        statuses[dataset["plain"].person.full_name],
    ) == (
        "probationary",
        "none",
    )


def test_cadre_sees_only_their_commune_s_people(commune_cadre, dataset):
    response = explain(commune_cadre, indicator="party_share_militia")

    expected = {dataset[name].person.full_name for name in ("member", "admitted")}
    assert (names(response), dataset["neighbour"].person.full_name in page_text(response)) == (
        expected,
        False,
    )


def test_cadre_asking_for_the_province_gets_404(commune_cadre, home_commune, dataset):
    response = explain(
        commune_cadre, area=home_commune.province.code, indicator="party_share_militia"
    )

    assert response.status_code == 404


def test_another_province_answers_exactly_like_a_missing_code(
    province_officer, other_commune, dataset
):
    other = explain(province_officer, area=other_commune.province.code, indicator="admissions_dqtv")
    missing = explain(province_officer, area="99", indicator="admissions_dqtv")

    assert (other.status_code, page_text(other)) == (404, page_text(missing))


def test_a_force_unit_lists_its_own_members(province_officer, home_commune, dataset):
    unit = ForceUnitFactory(commune=home_commune)
    in_unit = serve(home_commune, unit=unit)
    admit(in_unit.person)
    response = explain(province_officer, area=f"U{unit.pk}", indicator="party_share_militia")

    assert names(response) == {in_unit.person.full_name}


def test_every_person_listed_is_logged_as_read_for_explain(province_officer, home_commune, dataset):
    area = home_commune.province.code
    response = explain(province_officer, area=area, indicator="party_share_militia")

    logged = PersonReadLog.objects.filter(reader=province_officer, purpose="explain")
    listed = {row["person"].pk for row in response.context["rows"]}
    assert sorted(logged.values_list("person_id", flat=True)) == sorted(listed)


def test_aggregate_client_may_not_see_people(aggregate_client, home_commune, dataset):
    response = explain(
        aggregate_client, area=home_commune.province.code, indicator="party_share_militia"
    )

    assert (response.status_code, PersonReadLog.objects.count()) == (403, 0)


def test_other_indicators_say_the_list_is_not_available(province_officer, home_commune):
    response = explain(
        province_officer, area=home_commune.province.code, indicator="communes_with_military_cell"
    )

    body = page_text(response)
    assert (response.status_code, 'id="explain-unavailable"' in body) == (200, True)


def test_admissions_have_no_denominator_to_list(province_officer, home_commune):
    response = explain(
        province_officer,
        area=home_commune.province.code,
        indicator="admissions_dqtv",
        part="denominator",
    )

    body = page_text(response)
    assert ('id="explain-unavailable"' in body, 'id="explain-table"' in body) == (True, False)


def test_the_period_of_flows_is_read_from_the_query(province_officer, home_commune, dataset):
    response = explain(
        province_officer,
        area=home_commune.province.code,
        indicator="admissions_dqtv",
        period_start="2026-04-01",
        period_end="2026-06-30",
    )

    assert response.context["page"].paginator.count == 0


def test_a_reversed_period_is_refused_beside_its_start(province_officer, home_commune):
    response = explain(
        province_officer,
        area=home_commune.province.code,
        indicator="admissions_dqtv",
        period_start="2026-06-30",
        period_end="2026-01-01",
    )

    assert (response.status_code, list(response.context["form"].errors)) == (200, ["period_start"])


def test_a_bad_date_is_refused_beside_the_field(province_officer):
    response = explain(province_officer, date="31/02/2026", indicator="admissions_dqtv")

    assert (response.status_code, list(response.context["form"].errors)) == (200, ["date"])


def test_the_bare_page_shows_the_form(province_officer):
    response = client_for(province_officer).get(EXPLAIN)

    assert (response.status_code, "indicator" in response.context) == (200, False)


def test_a_page_lists_fifty_people_and_logs_those_fifty(province_officer, home_commune):
    for _ in range(52):
        serve(home_commune)
    response = explain(
        province_officer,
        area=home_commune.code,
        indicator="party_share_militia",
        part="denominator",
    )

    logged = PersonReadLog.objects.filter(purpose="explain").count()
    assert (len(response.context["rows"]), response.context["page"].paginator.count, logged) == (
        50,
        52,
        50,
    )


@pytest.mark.parametrize("communes", [2, 5])
def test_queries_do_not_grow_with_communes_or_people(
    province_officer, home_commune, django_assert_max_num_queries, communes
):
    for _ in range(communes):
        commune = CommuneFactory(province=home_commune.province)
        for _ in range(communes):
            admit(serve(commune).person)
    client = client_for(province_officer)
    query = {"area": home_commune.province.code, "indicator": "party_share_dqtv"}

    # One of them asks whether the user has enrolled a two-step sign-in device.
    with django_assert_max_num_queries(13):
        assert client.get(EXPLAIN, {"date": DAY.isoformat(), **query}).status_code == 200


def test_reserve_indicator_says_only_assigned_reservists_are_counted(
    province_officer, home_commune
):
    response = explain(
        province_officer, area=home_commune.province.code, indicator="party_share_reserve"
    )
    assert "tính quân nhân dự bị đã được sắp xếp vào đơn vị dự bị động viên" in page_text(response)


def test_militia_indicator_carries_no_reserve_note(province_officer, home_commune):
    response = explain(
        province_officer, area=home_commune.province.code, indicator="party_share_militia"
    )
    assert 'id="explain-note"' not in page_text(response)
