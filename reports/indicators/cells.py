"""Commune military party cells: coverage, committees and yearly ratings.

These stay on the fly (cells change rarely): a few thousand cells, their committee periods and
yearly ratings, read in three small grouped queries per report, 6-11 ms for the nation at 4 M
people (bench/RESULTS.md); the cells existing on a date are counted once per report for both
the committee share and the admissions per cell (`cell_counts`).
"""

import datetime
from collections.abc import Callable

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from targets.indicators import Indicator
from units.models import (
    COMPLETED_RATINGS,
    GOOD_RATINGS,
    CellCommitteePeriod,
    CellRating,
    Commune,
    MilitaryPartyCell,
)
from units.querysets import interval_covers

from ..areas import Area
from .base import Counts, Definition, Grouped, Window, grouped_counts, grouped_rows, shared


def cells_existing_on(day: datetime.date) -> QuerySet:
    """Return the cells established on or before `day` and not dissolved before it.

    The dissolution date is the cell's last day, like every end date in the domain: a cell
    dissolved on 30 June still counts on 30 June.
    """
    return MilitaryPartyCell.objects.filter(
        interval_covers(day, start="established_on", end="dissolved_on")
    )


def communes_with_military_cell(area: Area, window: Window) -> Grouped:
    """Count the communes valid on the date that have a cell on the date."""
    has_cell = Exists(cells_existing_on(window.on).filter(commune=OuterRef("pk")))
    return grouped_counts(
        Commune.objects.valid_on(window.on),
        area,
        commune_path="",
        numerator=Count("pk", filter=Q(has_cell)),
        denominator=Count("pk"),
    )


def cell_counts(area: Area, day: datetime.date) -> Grouped:
    """Count, per child of `area`, the cells existing on `day` (denominator) and those whose
    committee period covers the day (numerator); one query per report and day."""
    has_committee = Exists(
        CellCommitteePeriod.objects.filter(cell=OuterRef("pk")).filter(interval_covers(day))
    )

    def run() -> Grouped:
        rows = grouped_rows(
            cells_existing_on(day),
            area,
            commune_path="commune",
            aggregates={"cells": Count("pk"), "with_committee": Count("pk", filter=has_committee)},
        )
        return {row["child"]: Counts(row["with_committee"], row["cells"]) for row in rows}

    return shared(("cells", area, day), run)


def military_cells_with_committee(area: Area, window: Window) -> Grouped:
    """Count the cells existing on the date whose committee period covers the date."""
    return cell_counts(area, window.on)


def rating_counts(area: Area, window: Window) -> dict[int | None, dict[str, int]]:
    """Count, per child, the yearly ratings of the period's years: all of them, those good or
    excellent, and those completed or better; one query per report for both indicators.

    A period spanning several years counts cell-years, so each year's rating weighs the same.
    """

    def run() -> dict[int | None, dict[str, int]]:
        rows = grouped_rows(
            CellRating.objects.filter(year__in=list(window.years)),
            area,
            commune_path="cell__commune",
            aggregates={
                "rated": Count("pk"),
                "good": Count("pk", filter=Q(rating__in=GOOD_RATINGS)),
                "completed": Count("pk", filter=Q(rating__in=COMPLETED_RATINGS)),
            },
        )
        return {row["child"]: row for row in rows}

    return shared(("ratings", area, tuple(window.years)), run)


def cells_rated(numerator: str) -> Callable[[Area, Window], Grouped]:
    """Build the computation of 'ratings `numerator` among the ratings of the period'."""

    def compute(area: Area, window: Window) -> Grouped:
        return {
            child: Counts(counts[numerator], counts["rated"])
            for child, counts in rating_counts(area, window).items()
        }

    return compute


# Cells rated good or excellent (seed 002: 188 of 194 in 2023).
military_cells_rated_good = cells_rated("good")
# Cells that completed their tasks: rated completed or better (seed 002: "100 %").
military_cells_completed_tasks = cells_rated("completed")


DEFINITIONS = [
    Definition(Indicator.COMMUNES_WITH_MILITARY_CELL, communes_with_military_cell),
    Definition(Indicator.MILITARY_CELLS_WITH_COMMITTEE, military_cells_with_committee),
    Definition(Indicator.MILITARY_CELLS_RATED_GOOD, military_cells_rated_good),
    Definition(Indicator.MILITARY_CELLS_COMPLETED_TASKS, military_cells_completed_tasks),
]
