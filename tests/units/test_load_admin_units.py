"""`load_admin_units`: the real units of both eras, their lineage, idempotence and bad rows.

The whole country is loaded once per module (about 27,000 rows) and deleted at teardown; each
test runs in its own transaction on top of it, so what a test changes is rolled back.
"""

import datetime
from collections import Counter
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db.models import F
from django.utils import translation

from units import loaders
from units.models import (
    REFORM_DATE,
    ChangeKind,
    Commune,
    CommuneLineage,
    District,
    Province,
    ProvinceLineage,
)

EARLY_2025 = datetime.date(2025, 1, 1)
LAST_LEGACY_DAY = datetime.date(2025, 6, 30)
EARLY_2026 = datetime.date(2026, 1, 1)
MODELS = (CommuneLineage, ProvinceLineage, Commune, District, Province)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("loaded", "english")]


@pytest.fixture
def english():
    """Read the loader's messages in English, whichever language an earlier test left active."""
    with translation.override("en"):
        yield


def _delete_units() -> None:
    """Delete every link and unit, children first: units protect their parents."""
    for model in MODELS:
        model.objects.all().delete()


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker) -> str:
    """Load every unit of both eras once for this module; return what the command printed."""
    with django_db_blocker.unblock():
        out = StringIO()
        call_command("load_admin_units", stdout=out)
        yield out.getvalue()
        _delete_units()


def _snapshot() -> dict[str, list[tuple]]:
    return {model.__name__: list(model.objects.order_by("pk").values_list()) for model in MODELS}


def test_current_era_has_34_provinces_28_of_them_tinh() -> None:
    kinds = Counter(Province.objects.valid_on(EARLY_2026).values_list("kind", flat=True))

    assert kinds == {Province.Kind.PROVINCE: 28, Province.Kind.CITY: 6}


def test_current_era_has_3321_communes_by_type() -> None:
    kinds = Counter(Commune.objects.valid_on(EARLY_2026).values_list("kind", flat=True))

    assert kinds == {
        Commune.Kind.COMMUNE: 2621,
        Commune.Kind.WARD: 687,
        Commune.Kind.SPECIAL_ZONE: 13,
    }


def test_current_era_has_no_districts() -> None:
    assert not District.objects.valid_on(EARLY_2026).exists()


def test_legacy_era_has_63_provinces_696_districts_10035_communes() -> None:
    counts = [model.objects.valid_on(EARLY_2025).count() for model in (Province, District, Commune)]

    assert counts == [63, 696, 10035]


def test_legacy_communes_sit_in_their_district_province() -> None:
    mismatched = Commune.objects.valid_on(EARLY_2025).exclude(province=F("district__province"))

    assert not mismatched.exists()


def test_province_20_is_lang_son_in_both_eras() -> None:
    before = Province.objects.valid_on(EARLY_2025).get(code="20")
    after = Province.objects.valid_on(EARLY_2026).get(code="20")

    assert (before.name, after.name) == ("Tỉnh Lạng Sơn", "Tỉnh Lạng Sơn")
    assert before.pk != after.pk


def test_lang_son_continues_into_lang_son() -> None:
    link = ProvinceLineage.objects.get(
        predecessor__code="20", predecessor__valid_to=LAST_LEGACY_DAY
    )

    assert (link.successor.name, link.kind) == ("Tỉnh Lạng Sơn", ChangeKind.CONTINUATION)


def test_commune_00004_is_truc_bach_then_ba_dinh() -> None:
    before = Commune.objects.valid_on(LAST_LEGACY_DAY).get(code="00004")
    after = Commune.objects.valid_on(REFORM_DATE).get(code="00004")

    assert (before.name, after.name) == ("Phường Trúc Bạch", "Phường Ba Đình")


def test_province_80_is_long_an_then_tay_ninh() -> None:
    before = Province.objects.valid_on(EARLY_2025).get(code="80")
    after = Province.objects.valid_on(EARLY_2026).get(code="80")

    assert (before.name, after.name) == ("Tỉnh Long An", "Tỉnh Tây Ninh")


def test_legacy_long_an_merges_into_current_tay_ninh() -> None:
    link = ProvinceLineage.objects.get(predecessor__name="Tỉnh Long An")

    assert link.successor == Province.objects.valid_on(EARLY_2026).get(name="Tỉnh Tây Ninh")
    assert (link.kind, link.partial, link.effective_on) == (ChangeKind.MERGE, False, REFORM_DATE)


def test_every_legacy_province_goes_whole_into_one_current_province() -> None:
    links = ProvinceLineage.objects.filter(partial=False)

    assert sorted(links.values_list("predecessor__code", flat=True)) == sorted(
        Province.objects.valid_on(EARLY_2025).values_list("code", flat=True)
    )


def test_split_communes_have_partial_links_and_one_default_successor() -> None:
    splits = CommuneLineage.objects.filter(kind=ChangeKind.SPLIT)
    defaults = Counter(
        splits.filter(is_default_successor=True).values_list("predecessor", flat=True)
    )

    assert splits.filter(partial=False).count() == 0
    assert len(defaults) == splits.values("predecessor").distinct().count() == 471
    assert set(defaults.values()) == {1}


def test_every_legacy_commune_has_a_successor() -> None:
    orphans = Commune.objects.valid_on(EARLY_2025).filter(successor_links__isnull=True)

    assert not orphans.exists()


def test_truc_bach_merges_into_ba_dinh() -> None:
    link = CommuneLineage.objects.get(predecessor__name="Phường Trúc Bạch")

    assert (link.successor.name, link.kind, link.partial) == (
        "Phường Ba Đình",
        ChangeKind.MERGE,
        False,
    )


def test_type_word_in_the_name_wins_and_is_spelt_canonically() -> None:
    # The package types "Phường 5" (27046) as Xã and spells "Thành Phố Bắc Kạn" (058).
    ward = Commune.objects.valid_on(EARLY_2025).get(code="27046")
    city = District.objects.get(code="058")

    assert (ward.name, ward.kind) == ("Phường 5", Commune.Kind.WARD)
    assert (city.name, city.kind) == ("Thành phố Bắc Kạn", District.Kind.PROVINCIAL_CITY)


def test_island_district_keys_are_reported_as_unmatched(loaded: str) -> None:
    assert "tinhquangtri_huyenconco_" in loaded


def test_second_run_creates_and_updates_nothing() -> None:
    before = _snapshot()
    out = StringIO()

    call_command("load_admin_units", stdout=out)

    assert _snapshot() == before
    assert out.getvalue().count(" 0 created, 0 updated") == len(MODELS)


def test_second_run_restores_a_changed_name() -> None:
    Commune.objects.filter(code="00004", valid_from=REFORM_DATE).update(name="Phường Sai")

    call_command("load_admin_units", stdout=StringIO())

    assert Commune.objects.valid_on(REFORM_DATE).get(code="00004").name == "Phường Ba Đình"


def test_province_option_loads_only_that_province() -> None:
    _delete_units()

    call_command("load_admin_units", province="20", stdout=StringIO())

    assert set(Province.objects.values_list("code", "name")) == {("20", "Tỉnh Lạng Sơn")}
    assert Province.objects.count() == 2
    assert Commune.objects.valid_on(EARLY_2025).count() == 194
    assert Commune.objects.valid_on(EARLY_2026).count() == 65
    assert District.objects.count() == 11
    assert ProvinceLineage.objects.get().kind == ChangeKind.CONTINUATION


def test_province_option_rejects_a_malformed_code() -> None:
    with pytest.raises(CommandError, match="2-digit"):
        call_command("load_admin_units", province="2x", stdout=StringIO())


GOOD_ROW = {
    "province": "Tỉnh Thử",
    "provinceCode": "99",
    "provinceKey": "tinhthu",
    "district": "Huyện Mẫu",
    "districtCode": "999",
    "districtType": "Huyện",
    "districtKey": "huyenmau",
    "ward": "Xã Một",
    "wardCode": "99901",
    "wardType": "Xã",
    "wardKey": "xamot",
}
EMPTY_CONVERTER = {
    "DICT_PROVINCE": {},
    "DICT_PROVINCE_WARD_NO_DIVIDED": {},
    "DICT_PROVINCE_WARD_DIVIDED": {},
}
BAD_ROWS = {
    "short commune code": ({"wardCode": "9990"}, "9990", "wardCode"),
    "letters in a code": ({"districtCode": "99x"}, "99902", "districtCode"),
    "empty name": ({"ward": " "}, "99902", "ward"),
    "unknown type word": ({"wardType": "Làng"}, "99902", "wardType"),
    "name without a type word": ({"district": "Mẫu Hai"}, "99902", "district"),
    "district in two provinces": ({"provinceCode": "98"}, "99902", "districtCode"),
}


@pytest.mark.parametrize(("change", "code", "field"), BAD_ROWS.values(), ids=BAD_ROWS.keys())
def test_bad_row_is_named_and_nothing_is_written(change: dict, code: str, field: str) -> None:
    bad_row = {**GOOD_ROW, "ward": "Xã Hai", "wardCode": "99902", "wardKey": "xahai", **change}

    with pytest.raises(ValidationError) as error:
        loaders.load_units(
            legacy_rows=[GOOD_ROW, bad_row], current_rows=[], converter=EMPTY_CONVERTER
        )

    message = error.value.messages[0]
    assert loaders.LEGACY_TABLE in message
    assert f"row {code} " in message
    assert f"field {field}:" in message
    assert not Province.objects.filter(name="Tỉnh Thử").exists()


def test_good_rows_alone_are_written() -> None:
    loaders.load_units(legacy_rows=[GOOD_ROW], current_rows=[], converter=EMPTY_CONVERTER)

    assert Commune.objects.get(code="99901").district.province.name == "Tỉnh Thử"
