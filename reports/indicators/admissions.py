"""Admissions from the forces (flow indicators) and admissions per commune military cell.

An admission from a force is a party record whose admission decision falls inside a core
service record of that force; it counts in that record's commune and unit. A person who joined
the Party before joining the force is a member in the shares but not an admission.

The admissions from the forces also list what they count (`admission_rows`): the same service
records joined to the same admissions, one row per admission.
"""

import datetime

from django.db.models import Count, F, Q, QuerySet

from members.models import ServiceRecord
from targets.indicators import Indicator
from units.models import DQTV_FORCES, Force

from ..areas import Area
from .base import (
    Compute,
    Counts,
    Definition,
    Grouped,
    Part,
    Rows,
    Window,
    grouped_counts,
    in_area,
    live,
)
from .cells import cell_counts
from .shares import fact_totals

ONE_DAY = datetime.timedelta(days=1)

ADMITTED = "person__party_records__admitted_on"


def admission_in_service(window: Window) -> Q:
    """Match joined party records admitted in the period and inside the service record."""
    return (
        Q(**{f"{ADMITTED}__range": (window.start, window.end)})
        & Q(**{f"{ADMITTED}__gte": F("start")})
        & (Q(end__isnull=True) | Q(**{f"{ADMITTED}__lte": F("end")}))
    )


def core_service_in_period(window: Window, forces: tuple[str, ...]) -> QuerySet:
    """Return the core service records of `forces` overlapping the period."""
    return ServiceRecord.objects.filter(
        Q(end__isnull=True) | Q(end__gte=window.start),
        is_core=True,
        unassigned=False,
        force__in=forces,
        start__lte=window.end,
    )


def admission_count(window: Window) -> Count:
    return Count("person__party_records", distinct=True, filter=admission_in_service(window))


def admitted(area: Area, window: Window, forces: tuple[str, ...], *, by_unit: bool) -> Grouped:
    """Count the admissions from `forces` in the period per child: from the facts (the total
    at the period's end less the total the day before it starts), or on the fly when live."""
    if live():
        return grouped_counts(
            core_service_in_period(window, forces),
            area,
            commune_path="commune",
            unit_path="unit" if by_unit else None,
            numerator=admission_count(window),
        )
    counts: dict[int | None, int] = {}
    for sign, day in ((1, window.end), (-1, window.start - ONE_DAY)):
        for (child, force, _category), totals in fact_totals(area, day, by_unit=by_unit).items():
            if force in forces:
                counts[child] = counts.get(child, 0) + sign * totals.admitted
    return {child: Counts(n, None) for child, n in counts.items() if n}


def admissions_from(forces: tuple[str, ...]) -> Compute:
    """Build the computation of 'admissions from `forces` in the period'."""

    def compute(area: Area, window: Window) -> Grouped:
        return admitted(area, window, forces, by_unit=True)

    return compute


def admission_rows(forces: tuple[str, ...]) -> Rows:
    """Build the listing of the admissions from `forces` in the period, one row per admission.

    Each row is the service record the admission fell in, annotated with `admitted_on`. A party
    record falls in one core record at most (core records of a person never overlap), so the
    rows are as many as the distinct party records the count counts. There is no denominator.
    """

    def rows(area: Area, window: Window, part: Part) -> QuerySet | None:
        if part != Part.NUMERATOR:
            return None
        records = in_area(
            core_service_in_period(window, forces), area, commune_path="commune", unit_path="unit"
        )
        # The annotation reuses the join the filter made: the party record that was admitted.
        return records.filter(admission_in_service(window)).annotate(admitted_on=F(ADMITTED))

    return rows


def admissions(code: str, forces: tuple[str, ...]) -> Definition:
    return Definition(
        code, admissions_from(forces), by_unit=True, rows=admission_rows(forces), reads_facts=True
    )


def admissions_per_military_cell(area: Area, window: Window) -> Grouped:
    """Divide the DQTV admissions of the period by the cells existing at its end, per child.

    The numerator is the figure of ADMISSIONS_DQTV itself, so the two agree on every page; the
    cells (a small table) are counted on the fly, by the same query as the committee share.
    """
    numerators = admitted(area, window, tuple(DQTV_FORCES), by_unit=False)
    cells = cell_counts(area, window.end)
    return {
        child: Counts(
            numerators.get(child, Counts(0, None)).numerator,
            cells.get(child, Counts(0, 0)).denominator,
        )
        for child in numerators.keys() | cells.keys()
    }


DEFINITIONS = [
    admissions(Indicator.ADMISSIONS_DQTV, tuple(DQTV_FORCES)),
    admissions(Indicator.ADMISSIONS_RESERVE, (Force.RESERVE,)),
    Definition(
        Indicator.ADMISSIONS_PER_MILITARY_CELL, admissions_per_military_cell, reads_facts=True
    ),
]
