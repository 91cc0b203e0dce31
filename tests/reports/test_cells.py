"""Commune military party cells: coverage, committees and ratings."""

import datetime

from reports.indicators import Counts
from targets.indicators import Indicator
from tests.units.factories import (
    CellCommitteePeriodFactory,
    CellRatingFactory,
    CommuneFactory,
    MilitaryPartyCellFactory,
)
from units.models import Rating

from .conftest import DAY, compute

ONE_DAY = datetime.timedelta(days=1)
WITH_CELL = Indicator.COMMUNES_WITH_MILITARY_CELL
COMMITTEE = Indicator.MILITARY_CELLS_WITH_COMMITTEE
RATED_GOOD = Indicator.MILITARY_CELLS_RATED_GOOD
COMPLETED = Indicator.MILITARY_CELLS_COMPLETED_TASKS


def test_communes_with_a_cell_over_communes_valid_on_the_date(communes, province_of):
    MilitaryPartyCellFactory(commune=communes[0])
    MilitaryPartyCellFactory(commune=communes[1])
    assert compute(WITH_CELL, province_of) == Counts(2, 3)


def test_communes_no_longer_valid_are_not_in_the_denominator(province, communes, province_of):
    CommuneFactory(province=province, valid_from=None, valid_to=DAY - ONE_DAY)
    assert compute(WITH_CELL, province_of) == Counts(0, 3)


def test_cell_established_after_the_date_does_not_count(commune, commune_of):
    MilitaryPartyCellFactory(commune=commune, established_on=DAY + ONE_DAY)
    assert compute(WITH_CELL, commune_of) == Counts(0, 1)


def test_cell_dissolved_on_the_date_still_counts(commune, commune_of):
    MilitaryPartyCellFactory(commune=commune, dissolved_on=DAY)
    assert compute(WITH_CELL, commune_of) == Counts(1, 1)


def test_cell_dissolved_the_day_before_does_not_count(commune, commune_of):
    MilitaryPartyCellFactory(commune=commune, dissolved_on=DAY - ONE_DAY)
    assert compute(WITH_CELL, commune_of) == Counts(0, 1)


def test_commune_with_two_cells_counts_once(commune, commune_of):
    MilitaryPartyCellFactory(commune=commune, dissolved_on=DAY)
    MilitaryPartyCellFactory(commune=commune)
    assert compute(WITH_CELL, commune_of) == Counts(1, 1)


def test_cells_with_a_committee_covering_the_date(communes, province_of):
    with_committee = MilitaryPartyCellFactory(commune=communes[0])
    CellCommitteePeriodFactory(cell=with_committee, start=datetime.date(2025, 1, 1))
    lapsed = MilitaryPartyCellFactory(commune=communes[1])
    CellCommitteePeriodFactory(cell=lapsed, start=datetime.date(2021, 1, 1), end=DAY - ONE_DAY)
    MilitaryPartyCellFactory(commune=communes[2])
    assert compute(COMMITTEE, province_of) == Counts(1, 3)


def test_committee_period_ending_on_the_date_counts(commune, commune_of):
    cell = MilitaryPartyCellFactory(commune=commune)
    CellCommitteePeriodFactory(cell=cell, start=datetime.date(2021, 1, 1), end=DAY)
    assert compute(COMMITTEE, commune_of) == Counts(1, 1)


def test_cells_rated_good_or_excellent_over_cells_rated_in_the_year(communes, province_of):
    ratings = (Rating.EXCELLENT, Rating.GOOD, Rating.COMPLETED, Rating.NOT_COMPLETED)
    for commune, rating in zip(
        [*communes, CommuneFactory(province=communes[0].province)], ratings, strict=True
    ):
        CellRatingFactory(cell=MilitaryPartyCellFactory(commune=commune), year=2026, rating=rating)
    assert compute(RATED_GOOD, province_of) == Counts(2, 4)


def test_cells_that_completed_their_tasks_are_rated_completed_or_better(communes, province_of):
    ratings = [Rating.EXCELLENT, Rating.GOOD, Rating.COMPLETED, Rating.NOT_COMPLETED]
    for commune, rating in zip(
        [*communes, CommuneFactory(province=communes[0].province)], ratings, strict=True
    ):
        CellRatingFactory(cell=MilitaryPartyCellFactory(commune=commune), year=2026, rating=rating)
    assert compute(COMPLETED, province_of) == Counts(3, 4)


def test_ratings_outside_the_periods_years_do_not_count(commune, commune_of):
    cell = MilitaryPartyCellFactory(commune=commune)
    CellRatingFactory(cell=cell, year=2025, rating=Rating.GOOD)
    CellRatingFactory(cell=cell, year=2026, rating=Rating.COMPLETED)
    assert compute(RATED_GOOD, commune_of) == Counts(0, 1)


def test_a_period_over_two_years_counts_cell_years(commune, commune_of):
    cell = MilitaryPartyCellFactory(commune=commune)
    CellRatingFactory(cell=cell, year=2025, rating=Rating.GOOD)
    CellRatingFactory(cell=cell, year=2026, rating=Rating.COMPLETED)
    counts = compute(RATED_GOOD, commune_of, start=datetime.date(2025, 1, 1))
    assert counts == Counts(1, 2)
