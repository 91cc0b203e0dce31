"""People through the API: the list with the page's filters, one person's records, and who may."""

import datetime

import pytest
from django.urls import reverse

from members.models import PersonReadLog
from tests.api.conftest import token_client
from tests.members.factories import (
    CommandPostFactory,
    PartyRecordFactory,
    PersonFactory,
    ServiceRecordFactory,
)
from tests.units.factories import CommuneFactory, ForceUnitFactory, VillageFactory
from units.models import DqtvCategory, Force, ReserveCategory

pytestmark = pytest.mark.django_db
LIST = reverse("api:person_list")


def detail(pk: int | str) -> str:
    return reverse("api:person_detail", args=[pk])


def names(response) -> list[str]:
    return [item["full_name"] for item in response.json()["results"]]


def test_list_item_has_the_documented_fields(commune_cadre):
    person = PersonFactory(residence_commune=commune_cadre.commune, full_name="Lê Văn An")
    ServiceRecordFactory(person=person)
    PartyRecordFactory(person=person, admitted_on=datetime.date(2020, 3, 2))
    item = token_client(commune_cadre).get(LIST).json()["results"][0]
    assert item == {
        "id": person.pk,
        "national_id": person.national_id,
        "full_name": "Lê Văn An",
        "birth_date": "1995-05-17",
        "sex": "male",
        "residence_commune": commune_cadre.commune.code,
        "current_force": "militia",
        "party_status": "probationary",
    }


def test_list_is_paginated_with_a_count(commune_cadre):
    PersonFactory.create_batch(3, residence_commune=commune_cadre.commune)
    body = token_client(commune_cadre).get(LIST).json()
    assert (body["count"], len(body["results"]), body["next"]) == (3, 3, None)


def test_list_leaves_out_other_areas(commune_cadre, other_commune):
    PersonFactory(residence_commune=commune_cadre.commune, full_name="Người Trong")
    PersonFactory(residence_commune=other_commune, full_name="Người Ngoài")
    assert names(token_client(commune_cadre).get(LIST)) == ["Người Trong"]


@pytest.mark.parametrize("url", [LIST, detail(1)])
def test_aggregate_client_is_refused(aggregate_client, home_commune, url):
    PersonFactory(pk=1, residence_commune=home_commune)
    response = token_client(aggregate_client).get(url)
    assert (response.status_code, response.json()["errors"][0]["code"]) == (
        403,
        "permission_denied",
    )


def test_anonymous_is_asked_to_authenticate(anonymous_api):
    assert anonymous_api.get(LIST).status_code == 401


def test_detail_has_services_posts_and_party_records(commune_cadre):
    commune = commune_cadre.commune
    person = PersonFactory(residence_commune=commune)
    unit = ForceUnitFactory(commune=commune)
    village = VillageFactory(commune=commune, name="Thôn Đông")
    ServiceRecordFactory(
        person=person,
        unit=unit,
        village=village,
        end=datetime.date(2024, 6, 30),
        end_reason="term_completed",
    )
    CommandPostFactory(person=person)
    PartyRecordFactory(person=person, full_member_on=datetime.date(2021, 3, 2))
    body = token_client(commune_cadre).get(detail(person.pk)).json()
    service = body["services"][0]
    assert (service["commune"], service["unit"], service["village"]) == (
        commune.code,
        unit.pk,
        "Thôn Đông",
    )
    assert (service["start"], service["end"], service["end_reason"]) == (
        "2022-01-01",
        "2024-06-30",
        "term_completed",
    )
    assert (body["posts"][0]["position"], body["posts"][0]["commune"]) == (
        "commander",
        commune.code,
    )
    assert body["party_records"][0] == {
        "id": person.party_records.get().pk,
        "admitted_on": "2020-03-02",
        "full_member_on": "2021-03-02",
        "exit_on": None,
        "exit_kind": None,
    }


def test_detail_read_writes_one_log_row(commune_cadre):
    person = PersonFactory(residence_commune=commune_cadre.commune)
    token_client(commune_cadre).get(detail(person.pk))
    log = PersonReadLog.objects.get()
    assert (log.person, log.reader, log.purpose) == (person, commune_cadre, "api")


def test_detail_in_another_area_answers_as_missing(commune_cadre, other_commune):
    elsewhere = PersonFactory(residence_commune=other_commune)
    client = token_client(commune_cadre)
    outside = client.get(detail(elsewhere.pk))
    missing = client.get(detail(elsewhere.pk + 1000))
    assert (outside.status_code, outside.json()) == (404, missing.json())
    assert not PersonReadLog.objects.exists()


@pytest.mark.parametrize("pk", [str(10**30), "-1", "abc", "null,null"])
def test_detail_of_an_impossible_id_answers_the_json_404(commune_cadre, pk):
    response = token_client(commune_cadre).get(detail(pk))
    assert (response.status_code, response.json()["errors"][0]["code"]) == (404, "not_found")


# Filters: one FilterSet with the people page.


def test_filter_by_commune_code_keeps_residents_and_people_serving_there(province_officer):
    home = CommuneFactory(province=province_officer.province, code="06001")
    neighbour = CommuneFactory(province=province_officer.province, code="06002")
    PersonFactory(residence_commune=home, full_name="A Cư Trú")
    serving = PersonFactory(residence_commune=neighbour, full_name="B Phục Vụ")
    ServiceRecordFactory(person=serving, commune=home)
    PersonFactory(residence_commune=neighbour, full_name="C Xã Bên")
    response = token_client(province_officer).get(LIST, {"commune": "06001"})
    assert names(response) == ["A Cư Trú", "B Phục Vụ"]


def test_commune_code_is_read_on_the_date_given(province_officer):
    # The factory's communes exist from 1 July 2025: before that the code names nothing.
    commune = CommuneFactory(province=province_officer.province, code="06001")
    PersonFactory(residence_commune=commune)
    client = token_client(province_officer)
    before = client.get(LIST, {"commune": "06001", "on": "2025-06-30"}).json()["count"]
    after = client.get(LIST, {"commune": "06001", "on": "2025-07-01"}).json()["count"]
    assert (before, after) == (0, 1)


def test_filter_by_force_keeps_people_serving_in_it(commune_cadre):
    commune = commune_cadre.commune
    militia = PersonFactory(residence_commune=commune, full_name="Dân Quân")
    ServiceRecordFactory(person=militia)
    reservist = PersonFactory(residence_commune=commune, full_name="Dự Bị")
    ServiceRecordFactory(
        person=reservist, force=Force.RESERVE, category=ReserveCategory.NCO_SOLDIER_1
    )
    response = token_client(commune_cadre).get(LIST, {"force": "reserve"})
    assert names(response) == ["Dự Bị"]


def test_filter_by_force_judges_the_date_given(commune_cadre):
    person = PersonFactory(residence_commune=commune_cadre.commune)
    ServiceRecordFactory(person=person, end=datetime.date(2024, 12, 31))
    client = token_client(commune_cadre)
    during = client.get(LIST, {"force": "militia", "on": "2024-12-31"}).json()
    after = client.get(LIST, {"force": "militia", "on": "2025-01-01"}).json()
    assert (during["count"], during["results"][0]["current_force"], after["count"]) == (
        1,
        "militia",
        0,
    )


def test_filter_by_category(commune_cadre):
    commune = commune_cadre.commune
    mobile = PersonFactory(residence_commune=commune, full_name="Cơ Động")
    ServiceRecordFactory(person=mobile, category=DqtvCategory.MOBILE)
    ServiceRecordFactory(person__residence_commune=commune, person__full_name="Tại Chỗ")
    response = token_client(commune_cadre).get(LIST, {"category": "mobile"})
    assert names(response) == ["Cơ Động"]


def test_force_and_category_must_hold_on_the_same_record(commune_cadre):
    person = PersonFactory(residence_commune=commune_cadre.commune)
    ServiceRecordFactory(person=person, category=DqtvCategory.MOBILE, is_core=False)
    ServiceRecordFactory(person=person, force=Force.SELF_DEFENCE, category=DqtvCategory.IN_PLACE)
    query = {"force": "self_defence", "category": "mobile"}
    assert token_client(commune_cadre).get(LIST, query).json()["count"] == 0


def test_party_status_is_judged_on_the_date_given(commune_cadre):
    person = PersonFactory(residence_commune=commune_cadre.commune)
    PartyRecordFactory(person=person, admitted_on=datetime.date(2025, 6, 1))
    client = token_client(commune_cadre)
    before = client.get(LIST, {"party_status": "member", "on": "2025-05-31"}).json()
    after = client.get(LIST, {"party_status": "probationary", "on": "2025-06-01"}).json()
    assert (before["count"], after["results"][0]["party_status"]) == (0, "probationary")


def test_search_matches_part_of_the_name(commune_cadre):
    PersonFactory(residence_commune=commune_cadre.commune, full_name="Hoàng Thị Mai")
    PersonFactory(residence_commune=commune_cadre.commune, full_name="Trần Văn Hùng")
    assert names(token_client(commune_cadre).get(LIST, {"search": "Mai"})) == ["Hoàng Thị Mai"]


def test_search_matches_the_start_of_the_national_id(commune_cadre):
    wanted = PersonFactory(residence_commune=commune_cadre.commune)
    PersonFactory(residence_commune=commune_cadre.commune)
    response = token_client(commune_cadre).get(LIST, {"search": wanted.national_id})
    assert names(response) == [wanted.full_name]


@pytest.mark.parametrize(
    ("parameter", "value"),
    [
        ("on", "2025-13-01"),
        ("on", "01/07/2025"),
        ("commune", "6001"),
        ("force", "navy"),
        ("category", "cavalry"),
        ("party_status", "maybe"),
        ("search", "a\x00b"),
        ("national_id", "12ab"),
        ("name", "x" * 500),
    ],
)
def test_a_bad_parameter_answers_400_naming_it(commune_cadre, parameter, value):
    response = token_client(commune_cadre).get(LIST, {parameter: value})
    assert (response.status_code, response.json()["errors"][0]["field"]) == (400, parameter)


@pytest.mark.parametrize("on", ["0001-01-01", "9999-12-31"])
def test_extreme_dates_answer_a_list(commune_cadre, on):
    ServiceRecordFactory(person__residence_commune=commune_cadre.commune)
    query = {"on": on, "force": "militia", "party_status": "none", "commune": "99999"}
    assert token_client(commune_cadre).get(LIST, query).status_code == 200


def test_list_queries_do_not_grow_with_rows(commune_cadre, django_assert_max_num_queries):
    client = token_client(commune_cadre)
    for _ in range(12):
        person = PersonFactory(residence_commune=commune_cadre.commune)
        ServiceRecordFactory(person=person)
        PartyRecordFactory(person=person)
    # The request's savepoint and its release, token and user, two permission reads, the area
    # scope (lineage, communes), then the count and the page: none of them per row.
    with django_assert_max_num_queries(9):
        response = client.get(LIST, {"force": "militia", "party_status": "member"})
    assert response.json()["count"] == 12
