"""Series across the 2025 reform, assembled from lineage predecessors before it."""

import datetime

import pytest

from reports.areas import commune_area, province_area
from reports.trends import monthly_windows, trend, yearly_windows
from targets.indicators import Indicator
from tests.units.factories import (
    CommuneFactory,
    CommuneLineageFactory,
    ProvinceFactory,
    ProvinceLineageFactory,
)

from .conftest import admit, serve

LEGACY_END = datetime.date(2025, 6, 30)
MILITIA = Indicator.PARTY_SHARE_MILITIA


@pytest.fixture
def merged_province(db):
    """Two legacy provinces merged into one current province on 1 July 2025."""
    current = ProvinceFactory(code="20")
    legacy = [ProvinceFactory(code=c, valid_from=None, valid_to=LEGACY_END) for c in ("04", "20")]
    for predecessor in legacy:
        ProvinceLineageFactory(predecessor=predecessor, successor=current)
    return current, legacy


def legacy_commune(province):
    return CommuneFactory(province=province, valid_from=None, valid_to=LEGACY_END)


def test_yearly_windows_take_the_stock_on_31_december():
    window = yearly_windows(2024, 2025)[0]
    assert (window.on, window.start, window.end) == (
        datetime.date(2024, 12, 31),
        datetime.date(2024, 1, 1),
        datetime.date(2024, 12, 31),
    )


def test_monthly_windows_cover_each_month_to_its_last_day():
    windows = monthly_windows(datetime.date(2024, 1, 15), datetime.date(2024, 3, 2))
    assert [w.on for w in windows] == [
        datetime.date(2024, 1, 31),
        datetime.date(2024, 2, 29),
        datetime.date(2024, 3, 31),
    ]


def test_province_history_before_the_reform_adds_its_predecessors(merged_province):
    current, legacy = merged_province
    admit(serve(legacy_commune(legacy[0]), end=LEGACY_END).person)
    serve(legacy_commune(legacy[1]), end=LEGACY_END)
    point = trend(province_area(current), MILITIA, yearly_windows(2024, 2024))[0]
    assert (point["numerator"], point["denominator"], point["approximate"]) == (1, 2, False)


def test_province_after_the_reform_counts_its_own_records(merged_province):
    current, legacy = merged_province
    serve(legacy_commune(legacy[0]), end=LEGACY_END)
    admit(serve(CommuneFactory(province=current)).person)
    point = trend(province_area(current), MILITIA, yearly_windows(2026, 2026))[0]
    assert (point["numerator"], point["denominator"]) == (1, 1)


def test_flow_in_the_reform_year_adds_both_halves(merged_province):
    current, legacy = merged_province
    admit(serve(legacy_commune(legacy[0]), end=LEGACY_END).person, datetime.date(2025, 3, 1))
    admit(serve(CommuneFactory(province=current)).person, datetime.date(2025, 9, 1))
    point = trend(province_area(current), Indicator.ADMISSIONS_DQTV, yearly_windows(2025, 2025))[0]
    assert (point["numerator"], point["approximate"]) == (2, False)


def test_commune_from_a_split_predecessor_is_approximate_before_the_reform(db):
    new = CommuneFactory()
    CommuneLineageFactory(successor=new, partial=True)
    points = trend(commune_area(new), MILITIA, yearly_windows(2024, 2025))
    assert [p["approximate"] for p in points] == [True, False]


def test_commune_from_whole_predecessors_is_exact(db):
    new = CommuneFactory()
    link = CommuneLineageFactory(successor=new, partial=False)
    serve(link.predecessor, end=LEGACY_END)
    point = trend(commune_area(new), MILITIA, yearly_windows(2024, 2024))[0]
    assert (point["denominator"], point["approximate"]) == (1, False)
