"""Party shares of the forces and DQTV against population: stock indicators on a date."""

import datetime

from reports.areas import unit_area
from reports.indicators import Counts
from targets.indicators import Indicator
from tests.units.factories import (
    CommuneFactory,
    CommunePopulationFactory,
    ForceUnitFactory,
    ProvinceFactory,
)
from units.models import DqtvCategory, Force, ReserveCategory

from .conftest import DAY, admit, compute, compute_children, serve

MILITIA = Indicator.PARTY_SHARE_MILITIA
ONE_DAY = datetime.timedelta(days=1)


def test_militia_share_counts_serving_members_and_party_members(commune, commune_of):
    admit(serve(commune).person)
    serve(commune)
    serve(commune)
    assert compute(MILITIA, commune_of) == Counts(1, 3)


def test_person_who_moved_the_day_before_counts_in_the_new_commune_only(communes, province_of):
    old, new = communes[0], communes[1]
    record = serve(old, end=DAY - 2 * ONE_DAY)
    serve(new, person=record.person, start=DAY - ONE_DAY)
    children = compute_children(MILITIA, province_of)
    assert (children.get(old.pk), children[new.pk]) == (None, Counts(0, 1))


def test_service_ending_on_the_report_date_counts(commune, commune_of):
    serve(commune, end=DAY)
    assert compute(MILITIA, commune_of) == Counts(0, 1)


def test_service_ended_the_day_before_does_not_count(commune, commune_of):
    serve(commune, end=DAY - ONE_DAY)
    assert compute(MILITIA, commune_of) == Counts(0, 0)


def test_service_starting_after_the_report_date_does_not_count(commune, commune_of):
    serve(commune, start=DAY + ONE_DAY)
    assert compute(MILITIA, commune_of) == Counts(0, 0)


def test_broad_force_does_not_count(commune, commune_of):
    serve(commune, is_core=False)
    assert compute(MILITIA, commune_of) == Counts(0, 0)


def test_probationer_struck_off_before_the_date_is_not_a_member(commune, commune_of):
    admit(serve(commune).person, datetime.date(2025, 9, 1), exit_on=DAY - ONE_DAY)
    assert compute(MILITIA, commune_of) == Counts(0, 1)


def test_party_member_exiting_the_day_after_still_counts(commune, commune_of):
    admit(serve(commune).person, datetime.date(2025, 9, 1), exit_on=DAY + ONE_DAY)
    assert compute(MILITIA, commune_of) == Counts(1, 1)


def test_admission_after_the_report_date_does_not_count(commune, commune_of):
    admit(serve(commune).person, DAY + ONE_DAY)
    assert compute(MILITIA, commune_of) == Counts(0, 1)


def test_member_admitted_before_joining_the_force_counts_in_the_share(commune, commune_of):
    record = serve(commune, start=datetime.date(2024, 1, 1))
    admit(record.person, datetime.date(2015, 5, 1))
    assert compute(MILITIA, commune_of) == Counts(1, 1)


def test_dqtv_share_adds_militia_and_self_defence_but_not_reserve(commune, commune_of):
    admit(serve(commune).person)
    serve(commune, force=Force.SELF_DEFENCE, category=DqtvCategory.MOBILE)
    serve(commune, force=Force.RESERVE, category=ReserveCategory.OFFICER)
    assert compute(Indicator.PARTY_SHARE_DQTV, commune_of) == Counts(1, 2)


def test_self_defence_share_counts_self_defence_only(commune, commune_of):
    admit(serve(commune, force=Force.SELF_DEFENCE, category=DqtvCategory.MOBILE).person)
    serve(commune)
    assert compute(Indicator.PARTY_SHARE_SELF_DEFENCE, commune_of) == Counts(1, 1)


def test_reserve_share_counts_every_reserve_category(commune, commune_of):
    admit(serve(commune, force=Force.RESERVE, category=ReserveCategory.OFFICER).person)
    serve(commune, force=Force.RESERVE, category=ReserveCategory.NCO_SOLDIER_1)
    serve(commune)
    assert compute(Indicator.PARTY_SHARE_RESERVE, commune_of) == Counts(1, 2)


def test_reserve_share_counts_assigned_reservists_only(commune, commune_of):
    registered = serve(
        commune, force=Force.RESERVE, category=ReserveCategory.OFFICER, unassigned=True
    )
    admit(registered.person)
    serve(commune, force=Force.RESERVE, category=ReserveCategory.NCO_SOLDIER_1)
    assert compute(Indicator.PARTY_SHARE_RESERVE, commune_of) == Counts(0, 1)


def test_reserve_officer_share_counts_officers_only(commune, commune_of):
    admit(serve(commune, force=Force.RESERVE, category=ReserveCategory.OFFICER).person)
    serve(commune, force=Force.RESERVE, category=ReserveCategory.OFFICER)
    admit(serve(commune, force=Force.RESERVE, category=ReserveCategory.NCO_SOLDIER_1).person)
    assert compute(Indicator.PARTY_SHARE_RESERVE_OFFICERS, commune_of) == Counts(1, 2)


def test_province_adds_numerators_and_denominators_instead_of_averaging(communes, province_of):
    # Commune A: 1 of 1 (100 %); commune B: 0 of 3 (0 %). The mean of the percentages would be
    # 50 %; the province has 1 of 4 (25 %).
    admit(serve(communes[0]).person)
    for _ in range(3):
        serve(communes[1])
    assert compute(MILITIA, province_of) == Counts(1, 4)


def test_province_groups_by_commune_in_one_result(communes, province_of):
    admit(serve(communes[0]).person)
    serve(communes[1])
    children = compute_children(MILITIA, province_of)
    assert children == {communes[0].pk: Counts(1, 1), communes[1].pk: Counts(0, 1)}


def test_other_provinces_do_not_count(commune, province_of):
    serve(commune)
    serve(CommuneFactory(province=ProvinceFactory(code="99")))
    assert compute(MILITIA, province_of) == Counts(0, 1)


def test_commune_groups_by_force_unit(commune, commune_of):
    unit = ForceUnitFactory(commune=commune)
    admit(serve(commune, unit=unit).person)
    serve(commune)
    assert compute_children(MILITIA, commune_of) == {unit.pk: Counts(1, 1), None: Counts(0, 1)}


def test_force_unit_is_an_area_of_its_own(commune):
    unit = ForceUnitFactory(commune=commune)
    admit(serve(commune, unit=unit).person)
    serve(commune)
    assert compute(MILITIA, unit_area(unit)) == Counts(1, 1)


def test_dqtv_population_share_uses_the_population_of_the_dates_year(commune, commune_of):
    CommunePopulationFactory(commune=commune, year=2026, population=400)
    CommunePopulationFactory(commune=commune, year=2025, population=999)
    serve(commune)
    serve(commune, force=Force.SELF_DEFENCE, category=DqtvCategory.MOBILE)
    serve(commune, force=Force.RESERVE, category=ReserveCategory.OFFICER)
    assert compute(Indicator.DQTV_POPULATION_SHARE, commune_of) == Counts(2, 400)


def test_dqtv_population_share_sums_population_over_the_provinces_communes(communes, province_of):
    for commune, population in zip(communes, (100, 200, 300), strict=True):
        CommunePopulationFactory(commune=commune, year=2026, population=population)
    serve(communes[0])
    serve(communes[2])
    assert compute(Indicator.DQTV_POPULATION_SHARE, province_of) == Counts(2, 600)
