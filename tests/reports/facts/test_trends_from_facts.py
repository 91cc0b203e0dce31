"""A trend reads the facts of all its points in one pass, and agrees with the live series."""

import datetime

import pytest

from reports.indicators import REGISTRY, computing_live
from reports.trends import lineage, series_windows, trend
from targets.indicators import Indicator

from .history import populated_world

pytestmark = pytest.mark.django_db
MONTHS = series_windows(datetime.date(2017, 1, 1), datetime.date(2026, 6, 15), "month")
YEARS = series_windows(datetime.date(2016, 3, 1), datetime.date(2026, 6, 30), "year")


@pytest.fixture
def world():
    return populated_world(21, people=40)


@pytest.mark.parametrize("windows", [MONTHS, YEARS], ids=["monthly", "yearly"])
def test_series_from_facts_equal_live_series(world, windows):
    nation, province, commune = world.areas[0], world.areas[2], world.areas[-5]
    for area in (nation, province, commune):
        for code, definition in REGISTRY.items():
            if definition.reads_facts and definition.supports(area.level):
                facts = trend(area, code, windows)
                with computing_live():
                    assert trend(area, code, windows) == facts, (area.code, code)


def test_monthly_national_trend_reads_the_facts_in_one_query(world, django_assert_num_queries):
    nation = world.areas[0]
    assert lineage(nation).predecessors == []
    with django_assert_num_queries(1):
        points = trend(nation, Indicator.PARTY_SHARE_DQTV, MONTHS)
    assert len(points) == len(MONTHS)
