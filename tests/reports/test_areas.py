"""Resolving an area code at the report date, and the children of an area."""

import datetime

import pytest

from reports.areas import AreaNotFound, Level, child_areas, resolve_area
from tests.units.factories import (
    CommuneFactory,
    DistrictFactory,
    ForceUnitFactory,
    ProvinceFactory,
)

BEFORE = datetime.date(2025, 6, 30)
AFTER = datetime.date(2025, 7, 1)


@pytest.fixture
def both_lang_son(db):
    legacy = ProvinceFactory(code="20", name="Lạng Sơn (cũ)", valid_from=None, valid_to=BEFORE)
    current = ProvinceFactory(code="20", name="Lạng Sơn", valid_from=AFTER)
    return legacy, current


def test_province_code_names_the_legacy_province_before_the_reform(both_lang_son):
    area = resolve_area("20", datetime.date(2024, 12, 31))
    assert area.pk == both_lang_son[0].pk


def test_province_code_names_the_current_province_after_the_reform(both_lang_son):
    area = resolve_area("20", datetime.date(2026, 1, 1))
    assert area.pk == both_lang_son[1].pk


def test_reused_commune_code_names_a_different_commune_on_each_side(db):
    truc_bach = CommuneFactory(
        code="00004", name="Phường Trúc Bạch", valid_from=None, valid_to=BEFORE
    )
    ba_dinh = CommuneFactory(code="00004", name="Phường Ba Đình", valid_from=AFTER)
    names = (resolve_area("00004", BEFORE).name, resolve_area("00004", AFTER).name)
    assert names == (truc_bach.name, ba_dinh.name)


def test_district_code_resolves_on_a_legacy_date(db):
    district = DistrictFactory(code="178")
    area = resolve_area("178", BEFORE)
    assert (area.level, area.pk, area.province_pk) == (
        Level.DISTRICT,
        district.pk,
        district.province_id,
    )


def test_district_code_is_unknown_after_the_reform(db):
    DistrictFactory(code="178")
    with pytest.raises(AreaNotFound):
        resolve_area("178", AFTER)


def test_nation_code_resolves_to_the_nation(db):
    assert resolve_area("vn", AFTER).level == Level.NATION


def test_force_unit_resolves_by_its_id(db):
    unit = ForceUnitFactory()
    area = resolve_area(f"U{unit.pk}", AFTER)
    assert (area.level, area.pk) == (Level.UNIT, unit.pk)


@pytest.mark.parametrize("code", ["", "2", "ABC", "1234", "U", "U1x"])
def test_malformed_codes_are_not_found(db, code):
    with pytest.raises(AreaNotFound):
        resolve_area(code, AFTER)


def test_nation_children_are_the_provinces_valid_on_the_date(both_lang_son):
    ProvinceFactory(code="01")
    codes_names = [(a.code, a.name) for a in child_areas(resolve_area("VN", AFTER), AFTER)]
    assert codes_names == [("01", codes_names[0][1]), ("20", "Lạng Sơn")]


def test_province_children_are_its_communes_valid_on_the_date(both_lang_son):
    legacy, current = both_lang_son
    CommuneFactory(province=legacy, code="06001")
    new = CommuneFactory(province=current, code="06002")
    CommuneFactory(province=current, code="06003", valid_to=datetime.date(2025, 12, 31))
    kids = child_areas(resolve_area("20", datetime.date(2026, 1, 1)), datetime.date(2026, 1, 1))
    assert [k.pk for k in kids] == [new.pk]


def test_legacy_province_children_are_communes_not_districts(both_lang_son):
    legacy = both_lang_son[0]
    district = DistrictFactory(province=legacy)
    commune = CommuneFactory(province=legacy, district=district)
    kids = child_areas(resolve_area("20", BEFORE), BEFORE)
    assert [(k.level, k.pk) for k in kids] == [(Level.COMMUNE, commune.pk)]


def test_district_children_are_its_communes(db):
    district = DistrictFactory()
    inside = CommuneFactory(province=district.province, district=district)
    CommuneFactory(province=district.province)
    kids = child_areas(resolve_area(district.code, BEFORE), BEFORE)
    assert [k.pk for k in kids] == [inside.pk]


def test_commune_children_are_its_force_units_valid_on_the_date(db):
    commune = CommuneFactory()
    unit = ForceUnitFactory(commune=commune)
    ForceUnitFactory(commune=commune, valid_to=datetime.date(2025, 12, 31))
    kids = child_areas(
        resolve_area(commune.code, AFTER + datetime.timedelta(days=365)),
        AFTER + datetime.timedelta(days=365),
    )
    assert [(k.level, k.pk) for k in kids] == [(Level.UNIT, unit.pk)]


def test_force_unit_has_no_children(db):
    unit = ForceUnitFactory()
    assert child_areas(resolve_area(f"U{unit.pk}", AFTER), AFTER) == []
