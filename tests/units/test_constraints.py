"""Database constraints of units: validity intervals, reused codes, forces, cells."""

import datetime

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from tests.test_constraint_coverage import covers, find_constraint, refused_by
from tests.units.factories import (
    CellCommitteePeriodFactory,
    CellRatingFactory,
    CommuneFactory,
    CommuneLineageFactory,
    CommunePopulationFactory,
    DistrictFactory,
    ForceUnitFactory,
    MilitaryPartyCellFactory,
    ProvinceFactory,
    ProvinceLineageFactory,
    ReserveUnitFactory,
    SelfDefenceUnitFactory,
    VillageFactory,
    VillagePartyCountFactory,
)
from units.models import CommunePopulation, DqtvCategory, ReserveCategory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2025, 6, 30)
NEXT_DAY = DAY + datetime.timedelta(days=1)
DAY_BEFORE = DAY - datetime.timedelta(days=1)

DATED_UNITS = pytest.mark.parametrize(
    ("factory", "prefix"),
    [(ProvinceFactory, "province"), (DistrictFactory, "district"), (CommuneFactory, "commune")],
    ids=["province", "district", "commune"],
)


@covers(
    "province_valid_to_after_valid_from",
    "district_valid_to_after_valid_from",
    "commune_valid_to_after_valid_from",
)
@DATED_UNITS
def test_unit_valid_to_before_valid_from_is_refused(factory, prefix):
    with refused_by(f"{prefix}_valid_to_after_valid_from"):
        factory(valid_from=DAY, valid_to=DAY_BEFORE)


@DATED_UNITS
def test_unit_valid_for_a_single_day_is_stored(factory, prefix):
    unit = factory(valid_from=DAY, valid_to=DAY)

    assert unit.is_valid_on(DAY)


@covers(
    "province_code_valid_from_unique",
    "district_code_valid_from_unique",
    "commune_code_valid_from_unique",
)
@DATED_UNITS
def test_two_units_with_one_code_starting_on_one_day_are_refused(factory, prefix):
    factory(code="00004", valid_from=DAY)

    with refused_by(f"{prefix}_code_valid_from_unique"):
        factory(code="00004", valid_from=DAY)


@DATED_UNITS
def test_a_code_reused_by_a_unit_starting_later_is_stored(factory, prefix):
    """Commune 00004 was Phường Trúc Bạch until the reform and is Phường Ba Đình after it."""
    factory(code="00004", valid_from=None, valid_to=DAY)
    factory(code="00004", valid_from=NEXT_DAY, valid_to=None)

    assert factory._meta.model.objects.filter(code="00004").count() == 2


@covers(
    "province_code_unique_without_start",
    "district_code_unique_without_start",
    "commune_code_unique_without_start",
)
@DATED_UNITS
def test_two_units_with_one_code_valid_since_always_are_refused(factory, prefix):
    factory(code="00004", valid_from=None, valid_to=DAY)

    with refused_by(f"{prefix}_code_unique_without_start"):
        factory(code="00004", valid_from=None, valid_to=None)


@covers("village_name_unique_in_commune")
def test_two_villages_with_one_name_in_a_commune_are_refused():
    village = VillageFactory(name="Thôn Bản Châu")

    with refused_by("village_name_unique_in_commune"):
        VillageFactory(commune=village.commune, name="Thôn Bản Châu")


def test_villages_with_one_name_in_two_communes_are_stored():
    VillageFactory(name="Thôn 1")
    VillageFactory(name="Thôn 1")

    assert VillageFactory._meta.model.objects.filter(name="Thôn 1").count() == 2


@covers("village_valid_to_after_valid_from")
def test_village_valid_to_before_valid_from_is_refused():
    with refused_by("village_valid_to_after_valid_from"):
        VillageFactory(valid_from=DAY, valid_to=DAY_BEFORE)


@covers("province_lineage_unique")
def test_a_province_change_recorded_twice_is_refused():
    link = ProvinceLineageFactory()

    with refused_by("province_lineage_unique"):
        ProvinceLineageFactory(
            predecessor=link.predecessor, successor=link.successor, effective_on=link.effective_on
        )


@covers("commune_lineage_unique")
def test_a_commune_change_recorded_twice_is_refused():
    link = CommuneLineageFactory()

    with refused_by("commune_lineage_unique"):
        CommuneLineageFactory(
            predecessor=link.predecessor, successor=link.successor, effective_on=link.effective_on
        )


def test_a_commune_split_into_two_successors_is_stored():
    link = CommuneLineageFactory(partial=True)
    CommuneLineageFactory(predecessor=link.predecessor, partial=True)

    assert link.predecessor.successor_links.count() == 2


@covers("population_one_per_commune_year")
def test_two_populations_of_a_commune_in_one_year_are_refused():
    population = CommunePopulationFactory(year=2024)

    with refused_by("population_one_per_commune_year"):
        CommunePopulationFactory(commune=population.commune, year=2024)


@covers("village_party_count_one_per_day")
def test_two_counts_of_a_village_on_one_day_are_refused():
    count = VillagePartyCountFactory()

    with refused_by("village_party_count_one_per_day"):
        VillagePartyCountFactory(village=count.village, counted_on=count.counted_on)


@covers("population_year_plausible")
@pytest.mark.parametrize("year", [1944, 2101])
def test_population_year_outside_1945_to_2100_is_refused(year):
    with refused_by("population_year_plausible"):
        CommunePopulationFactory(year=year)


@pytest.mark.parametrize("year", [1945, 2100])
def test_population_year_at_the_bounds_is_stored(year):
    CommunePopulationFactory(year=year)

    assert CommunePopulation.objects.filter(year=year).exists()


def test_full_clean_reports_the_implausible_population_year():
    population = CommunePopulation(commune=CommuneFactory(), year=1900, population=100)

    with pytest.raises(ValidationError) as error:
        population.full_clean()

    expected = find_constraint("population_year_plausible").get_violation_error_message()
    assert error.value.message_dict[NON_FIELD_ERRORS] == [expected]


def test_full_clean_reports_a_second_population_for_the_year():
    existing = CommunePopulationFactory(year=2024)
    population = CommunePopulation(commune=existing.commune, year=2024, population=100)

    with pytest.raises(ValidationError) as error:
        population.full_clean()

    expected = find_constraint("population_one_per_commune_year").get_violation_error_message()
    assert error.value.message_dict[NON_FIELD_ERRORS] == [expected]


@covers("force_unit_category_matches_force")
@pytest.mark.parametrize(
    ("factory", "category"),
    [
        (ForceUnitFactory, ReserveCategory.OFFICER),
        (SelfDefenceUnitFactory, ReserveCategory.NCO_SOLDIER_2),
        (ReserveUnitFactory, DqtvCategory.MOBILE),
    ],
    ids=["militia-reserve-category", "self-defence-reserve-category", "reserve-dqtv-category"],
)
def test_force_unit_with_a_category_of_another_force_is_refused(factory, category):
    with refused_by("force_unit_category_matches_force"):
        factory(category=category)


@covers("force_unit_militia_has_commune")
def test_militia_unit_without_commune_is_refused():
    with refused_by("force_unit_militia_has_commune"):
        ForceUnitFactory(commune=None, province=ProvinceFactory())


def test_reserve_unit_without_commune_is_stored():
    unit = ReserveUnitFactory()

    assert unit.commune_id is None


@covers("force_unit_self_defence_has_host")
def test_self_defence_unit_without_host_is_refused():
    with refused_by("force_unit_self_defence_has_host"):
        SelfDefenceUnitFactory(host_organisation="")


@covers("force_unit_village_needs_commune")
def test_unit_in_a_village_without_commune_is_refused():
    village = VillageFactory()

    with refused_by("force_unit_village_needs_commune"):
        ReserveUnitFactory(village=village, province=village.commune.province)


def test_militia_unit_in_a_village_of_its_commune_is_stored():
    village = VillageFactory()

    unit = ForceUnitFactory(commune=village.commune, village=village)

    assert unit.village == village


@covers("force_unit_dissolved_after_established")
def test_force_unit_dissolved_before_established_is_refused():
    with refused_by("force_unit_dissolved_after_established"):
        ForceUnitFactory(valid_from=DAY, valid_to=DAY_BEFORE)


def test_updating_a_militia_unit_to_drop_its_commune_is_refused():
    unit = ForceUnitFactory()

    with refused_by("force_unit_militia_has_commune"):
        type(unit).objects.filter(pk=unit.pk).update(commune=None)


@covers("military_cell_dissolved_after_established")
def test_cell_dissolved_before_established_is_refused():
    with refused_by("military_cell_dissolved_after_established"):
        MilitaryPartyCellFactory(established_on=DAY, dissolved_on=DAY_BEFORE)


@covers("military_cell_one_open_per_commune")
def test_second_open_cell_in_a_commune_is_refused():
    cell = MilitaryPartyCellFactory()

    with refused_by("military_cell_one_open_per_commune"):
        MilitaryPartyCellFactory(commune=cell.commune)


def test_new_cell_after_the_old_one_was_dissolved_is_stored():
    old = MilitaryPartyCellFactory(dissolved_on=DAY)

    new = MilitaryPartyCellFactory(commune=old.commune, established_on=NEXT_DAY)

    assert set(old.commune.military_cells.all()) == {old, new}


def test_full_clean_reports_the_second_open_cell():
    cell = MilitaryPartyCellFactory()
    second = MilitaryPartyCellFactory.build(commune=cell.commune)

    with pytest.raises(ValidationError) as error:
        second.full_clean()

    expected = find_constraint("military_cell_one_open_per_commune").get_violation_error_message()
    assert error.value.message_dict[NON_FIELD_ERRORS] == [expected]


@covers("cell_committee_end_after_start")
def test_cell_committee_ending_before_it_starts_is_refused():
    with refused_by("cell_committee_end_after_start"):
        CellCommitteePeriodFactory(start=DAY, end=DAY_BEFORE)


def test_cell_committee_of_a_single_day_is_stored():
    period = CellCommitteePeriodFactory(start=DAY, end=DAY)

    assert period.cell.committee_periods.get() == period


@covers("cell_rating_one_per_year")
def test_second_rating_of_a_cell_in_one_year_is_refused():
    rating = CellRatingFactory(year=2023)

    with refused_by("cell_rating_one_per_year"):
        CellRatingFactory(cell=rating.cell, year=2023)


def test_ratings_of_a_cell_in_two_years_are_stored():
    rating = CellRatingFactory(year=2023)
    CellRatingFactory(cell=rating.cell, year=2024)

    assert rating.cell.ratings.count() == 2


@covers("force_unit_standing_is_militia_only")
def test_standing_self_defence_unit_is_refused():
    with refused_by("force_unit_standing_is_militia_only"):
        SelfDefenceUnitFactory(category=DqtvCategory.STANDING)


@covers("province_lineage_not_to_itself")
def test_province_lineage_to_itself_is_refused():
    province = ProvinceFactory()
    with refused_by("province_lineage_not_to_itself"):
        ProvinceLineageFactory(predecessor=province, successor=province)


@covers("commune_lineage_not_to_itself")
def test_commune_lineage_to_itself_is_refused():
    commune = CommuneFactory()
    with refused_by("commune_lineage_not_to_itself"):
        CommuneLineageFactory(predecessor=commune, successor=commune)
