"""The units API: provinces and communes on a date for anyone signed in, force units by area."""

import datetime

import pytest
from django.urls import reverse

from accounts.models import User
from tests.api.conftest import token_client
from tests.units.factories import (
    LEGACY_END,
    CommuneFactory,
    ForceUnitFactory,
    ProvinceFactory,
    ReserveUnitFactory,
)

pytestmark = pytest.mark.django_db

PROVINCES = reverse("api:provinces")
COMMUNES = reverse("api:communes")
FORCE_UNITS = reverse("api:force_units")
BEFORE_REFORM = "2025-01-01"


def fields_named(response) -> set[str | None]:
    return {error["field"] for error in response.json()["errors"]}


def codes(items: list[dict]) -> list[str]:
    return [item["code"] for item in items]


# Provinces


def test_provinces_list_the_units_valid_today_with_their_dates(aggregate_client, home_commune):
    province = home_commune.province

    response = token_client(aggregate_client).get(PROVINCES)

    assert response.json() == [
        {
            "code": province.code,
            "name": province.name,
            "kind": "province",
            "valid_from": "2025-07-01",
            "valid_to": None,
        }
    ]


def test_provinces_on_a_date_before_the_reform_are_the_legacy_ones(aggregate_client, home_commune):
    legacy = ProvinceFactory(valid_from=None, valid_to=LEGACY_END)

    response = token_client(aggregate_client).get(PROVINCES, {"date": BEFORE_REFORM})

    assert codes(response.json()) == [legacy.code]


def test_provinces_with_a_date_not_in_iso_format_answer_400_naming_date(aggregate_client):
    response = token_client(aggregate_client).get(PROVINCES, {"date": "01/07/2025"})

    assert (response.status_code, fields_named(response)) == (400, {"date"})


def test_provinces_refuse_an_anonymous_caller(anonymous_api):
    assert anonymous_api.get(PROVINCES).status_code == 401


# Communes


def test_communes_of_a_province_are_a_page_of_its_units_on_the_date(aggregate_client, home_commune):
    sibling = CommuneFactory(province=home_commune.province)
    CommuneFactory()  # in another province

    response = token_client(aggregate_client).get(
        COMMUNES, {"province": home_commune.province.code}
    )

    body = response.json()
    assert (body["count"], codes(body["results"])) == (2, sorted([home_commune.code, sibling.code]))


def test_a_commune_item_carries_code_name_kind_and_validity(aggregate_client, home_commune):
    response = token_client(aggregate_client).get(
        COMMUNES, {"province": home_commune.province.code}
    )

    assert response.json()["results"][0] == {
        "code": home_commune.code,
        "name": home_commune.name,
        "kind": "commune",
        "valid_from": "2025-07-01",
        "valid_to": None,
    }


def test_communes_come_fifty_to_a_page(aggregate_client, home_commune):
    CommuneFactory.create_batch(50, province=home_commune.province)

    response = token_client(aggregate_client).get(
        COMMUNES, {"province": home_commune.province.code}
    )

    body = response.json()
    assert (body["count"], len(body["results"]), body["next"] is not None) == (51, 50, True)


def test_communes_of_a_province_code_naming_nothing_on_the_date_answer_404(
    aggregate_client, home_commune
):
    response = token_client(aggregate_client).get(
        COMMUNES, {"province": home_commune.province.code, "date": BEFORE_REFORM}
    )

    assert (response.status_code, response.json()["errors"][0]["code"]) == (404, "not_found")


@pytest.mark.parametrize("code", ["", "1", "123", "ab", "0\x001"])
def test_communes_with_a_province_code_of_the_wrong_shape_answer_400(aggregate_client, code):
    response = token_client(aggregate_client).get(COMMUNES, {"province": code})

    assert (response.status_code, fields_named(response)) == (400, {"province"})


def test_communes_without_a_province_answer_400_naming_it(aggregate_client):
    response = token_client(aggregate_client).get(COMMUNES)

    assert (response.status_code, fields_named(response)) == (400, {"province"})


# Force units


def test_force_units_of_a_commune_carry_a_report_area_code(province_officer, home_commune):
    unit = ForceUnitFactory(commune=home_commune, valid_from=datetime.date(2025, 7, 1))

    response = token_client(province_officer).get(FORCE_UNITS, {"commune": home_commune.code})

    assert response.json()["results"] == [
        {
            "id": unit.pk,
            "code": f"U{unit.pk}",
            "name": unit.name,
            "force": "militia",
            "category": "in_place",
            "echelon": "platoon",
            "commune": home_commune.code,
            "valid_from": "2025-07-01",
            "valid_to": None,
        }
    ]


def test_force_units_dissolved_before_the_date_are_left_out(province_officer, home_commune):
    ForceUnitFactory(commune=home_commune, valid_to=datetime.date(2025, 12, 31))

    response = token_client(province_officer).get(
        FORCE_UNITS, {"commune": home_commune.code, "date": "2026-01-01"}
    )

    assert response.json()["count"] == 0


def test_force_units_of_a_commune_in_another_province_are_not_shown(
    province_officer, other_commune
):
    ForceUnitFactory(commune=other_commune)

    response = token_client(province_officer).get(FORCE_UNITS, {"commune": other_commune.code})

    assert (response.status_code, response.json()["count"]) == (200, 0)


def test_commune_cadre_sees_no_force_units_of_a_neighbouring_commune(commune_cadre, home_commune):
    neighbour = CommuneFactory(province=home_commune.province)
    ForceUnitFactory(commune=neighbour)

    response = token_client(commune_cadre).get(FORCE_UNITS, {"commune": neighbour.code})

    assert response.json()["count"] == 0


def test_aggregate_client_reads_the_force_units_of_their_province(aggregate_client, home_commune):
    unit = ForceUnitFactory(commune=home_commune)
    ReserveUnitFactory(province=home_commune.province)  # no commune: not a commune's unit

    response = token_client(aggregate_client).get(FORCE_UNITS, {"commune": home_commune.code})

    assert [item["id"] for item in response.json()["results"]] == [unit.pk]


def test_force_units_refuse_a_user_without_a_role(home_commune):
    nobody = User.objects.create_user(username="nobody", password="pw")

    response = token_client(nobody).get(FORCE_UNITS, {"commune": home_commune.code})

    assert response.status_code == 403


def test_force_units_of_a_commune_code_naming_nothing_answer_404(province_officer, home_commune):
    response = token_client(province_officer).get(
        FORCE_UNITS, {"commune": home_commune.code, "date": BEFORE_REFORM}
    )

    assert response.status_code == 404


@pytest.mark.parametrize("date", ["2025-13-01", "0000-01-01", "9999-12-32", "today"])
def test_force_units_with_a_bad_date_answer_400_naming_date(province_officer, home_commune, date):
    response = token_client(province_officer).get(
        FORCE_UNITS, {"commune": home_commune.code, "date": date}
    )

    assert (response.status_code, fields_named(response)) == (400, {"date"})


@pytest.mark.parametrize("date", ["0001-01-01", "9999-12-31"])
def test_force_units_on_extreme_dates_answer_without_error(province_officer, home_commune, date):
    response = token_client(province_officer).get(
        FORCE_UNITS, {"commune": home_commune.code, "date": date}
    )

    assert response.status_code in (200, 404)
