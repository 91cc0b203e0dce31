"""Admissions from the forces (flow indicators) and admissions per commune military cell.

An admission from a force is a party record whose admission decision falls inside a core
service record of that force; it counts in that record's commune and unit. A person who joined
the Party before joining the force is a member in the shares but not an admission.
"""

from django.db.models import Count, F, Q, QuerySet, Sum

from members.models import ServiceRecord
from targets.indicators import Indicator
from units.models import DQTV_FORCES, Commune, Force

from ..areas import Area
from .base import Compute, Definition, Grouped, Window, grouped_counts, per_commune
from .cells import cells_existing_on

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
        force__in=forces,
        start__lte=window.end,
    )


def admission_count(window: Window) -> Count:
    return Count("person__party_records", distinct=True, filter=admission_in_service(window))


def admissions_from(forces: tuple[str, ...]) -> Compute:
    """Build the computation of 'admissions from `forces` in the period'."""

    def compute(area: Area, window: Window) -> Grouped:
        return grouped_counts(
            core_service_in_period(window, forces),
            area,
            commune_path="commune",
            unit_path="unit",
            numerator=admission_count(window),
        )

    return compute


def admissions_per_military_cell(area: Area, window: Window) -> Grouped:
    """Divide the DQTV admissions of the period by the cells existing at its end, per commune.

    Rows are the communes valid at some time in the period; each carries its admissions and
    its cells as subqueries so that one grouped query adds both up.
    """
    admissions = core_service_in_period(window, tuple(DQTV_FORCES))
    cells = cells_existing_on(window.end)
    communes = Commune.objects.filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=window.end),
        Q(valid_to__isnull=True) | Q(valid_to__gte=window.start),
    )
    return grouped_counts(
        communes,
        area,
        commune_path="",
        numerator=Sum(per_commune(admissions, admission_count(window))),
        denominator=Sum(per_commune(cells, Count("pk"))),
    )


DEFINITIONS = [
    Definition(Indicator.ADMISSIONS_DQTV, admissions_from(tuple(DQTV_FORCES)), by_unit=True),
    Definition(Indicator.ADMISSIONS_RESERVE, admissions_from((Force.RESERVE,)), by_unit=True),
    Definition(Indicator.ADMISSIONS_PER_MILITARY_CELL, admissions_per_military_cell),
]
