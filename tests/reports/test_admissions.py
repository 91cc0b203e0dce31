"""Admissions from the forces in a period (flow indicators), and admissions per military cell."""

import datetime

from reports.areas import unit_area
from reports.indicators import Counts
from targets.indicators import Indicator
from tests.units.factories import ForceUnitFactory, MilitaryPartyCellFactory
from units.models import DqtvCategory, Force, ReserveCategory

from .conftest import DAY, YEAR_START, admit, compute, compute_children, serve

DQTV = Indicator.ADMISSIONS_DQTV
ONE_DAY = datetime.timedelta(days=1)


def admitted_while_serving(commune, on, **service):
    """Admit a militia member serving in `commune` since long ago on `on`."""
    return admit(serve(commune, **service).person, on)


def test_admission_on_the_first_day_of_the_period_counts(commune, commune_of):
    admitted_while_serving(commune, YEAR_START)
    assert compute(DQTV, commune_of) == Counts(1, None)


def test_admission_on_the_last_day_of_the_period_counts(commune, commune_of):
    admitted_while_serving(commune, DAY)
    assert compute(DQTV, commune_of) == Counts(1, None)


def test_admission_the_day_before_the_period_does_not_count(commune, commune_of):
    admitted_while_serving(commune, YEAR_START - ONE_DAY)
    assert compute(DQTV, commune_of) == Counts(0, None)


def test_admission_the_day_after_the_period_does_not_count(commune, commune_of):
    admitted_while_serving(commune, DAY + ONE_DAY)
    assert compute(DQTV, commune_of) == Counts(0, None)


def test_explicit_period_bounds_the_count(commune, commune_of):
    admitted_while_serving(commune, datetime.date(2025, 3, 1))
    admitted_while_serving(commune, datetime.date(2026, 3, 1))
    counts = compute(
        DQTV, commune_of, start=datetime.date(2025, 1, 1), end=datetime.date(2025, 12, 31)
    )
    assert counts == Counts(1, None)


def test_member_admitted_before_joining_the_force_is_not_an_admission(commune, commune_of):
    admit(serve(commune, start=datetime.date(2026, 3, 1)).person, datetime.date(2026, 2, 1))
    assert compute(DQTV, commune_of) == Counts(0, None)


def test_admission_on_the_first_day_of_service_counts(commune, commune_of):
    start = datetime.date(2026, 3, 1)
    admit(serve(commune, start=start).person, start)
    assert compute(DQTV, commune_of) == Counts(1, None)


def test_admission_on_the_last_day_of_service_counts(commune, commune_of):
    end = datetime.date(2026, 3, 1)
    admit(serve(commune, end=end).person, end)
    assert compute(DQTV, commune_of) == Counts(1, None)


def test_admission_after_the_service_ended_does_not_count(commune, commune_of):
    end = datetime.date(2026, 3, 1)
    admit(serve(commune, end=end).person, end + ONE_DAY)
    assert compute(DQTV, commune_of) == Counts(0, None)


def test_broad_force_admission_does_not_count(commune, commune_of):
    admitted_while_serving(commune, datetime.date(2026, 3, 1), is_core=False)
    assert compute(DQTV, commune_of) == Counts(0, None)


def test_admission_counts_in_the_commune_of_the_service_record(communes, province_of):
    old, new = communes[0], communes[1]
    record = serve(old, end=datetime.date(2026, 2, 28))
    serve(new, person=record.person, start=datetime.date(2026, 3, 1))
    admit(record.person, datetime.date(2026, 2, 15))
    children = compute_children(DQTV, province_of)
    assert children[old.pk] == Counts(1, None)
    assert children.get(new.pk, Counts(0, None)) == Counts(0, None)


def test_dqtv_admissions_include_self_defence_but_not_reserve(commune, commune_of):
    on = datetime.date(2026, 3, 1)
    admitted_while_serving(commune, on, force=Force.SELF_DEFENCE, category=DqtvCategory.MOBILE)
    admitted_while_serving(commune, on, force=Force.RESERVE, category=ReserveCategory.OFFICER)
    assert compute(DQTV, commune_of) == Counts(1, None)


def test_reserve_admissions_count_reserve_only(commune, commune_of):
    on = datetime.date(2026, 3, 1)
    admitted_while_serving(commune, on, force=Force.RESERVE, category=ReserveCategory.OFFICER)
    admitted_while_serving(commune, on)
    assert compute(Indicator.ADMISSIONS_RESERVE, commune_of) == Counts(1, None)


def test_admissions_count_in_the_force_unit_of_the_record(commune):
    unit = ForceUnitFactory(commune=commune)
    admitted_while_serving(commune, datetime.date(2026, 3, 1), unit=unit)
    admitted_while_serving(commune, datetime.date(2026, 3, 1))
    assert compute(DQTV, unit_area(unit)) == Counts(1, None)


def test_province_adds_the_admissions_of_its_communes(communes, province_of):
    admitted_while_serving(communes[0], datetime.date(2026, 3, 1))
    admitted_while_serving(communes[1], datetime.date(2026, 4, 1))
    admitted_while_serving(communes[1], datetime.date(2026, 5, 1))
    assert compute(DQTV, province_of) == Counts(3, None)


def test_admissions_per_cell_divide_dqtv_admissions_by_cells(communes, province_of):
    MilitaryPartyCellFactory(commune=communes[0])
    MilitaryPartyCellFactory(commune=communes[1])
    for on in (datetime.date(2026, 3, 1), datetime.date(2026, 4, 1), datetime.date(2026, 5, 1)):
        admitted_while_serving(communes[0], on)
    admitted_while_serving(
        communes[1],
        datetime.date(2026, 3, 1),
        force=Force.RESERVE,
        category=ReserveCategory.OFFICER,
    )
    assert compute(Indicator.ADMISSIONS_PER_MILITARY_CELL, province_of) == Counts(3, 2)


def test_admissions_per_cell_ignore_cells_dissolved_before_the_period_end(commune, commune_of):
    MilitaryPartyCellFactory(commune=commune, dissolved_on=DAY - ONE_DAY)
    MilitaryPartyCellFactory(commune=commune)
    admitted_while_serving(commune, datetime.date(2026, 3, 1))
    assert compute(Indicator.ADMISSIONS_PER_MILITARY_CELL, commune_of) == Counts(1, 1)
