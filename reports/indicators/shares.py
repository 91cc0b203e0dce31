"""Party shares of the forces and the size of DQTV against population (stock indicators)."""

from django.db.models import Count, Q, QuerySet, Sum

from members.models import ServiceRecord
from targets.indicators import Indicator
from units.models import DQTV_FORCES, Commune, CommunePopulation, Force, ReserveCategory

from ..areas import Area
from .base import (
    Compute,
    Definition,
    Grouped,
    Window,
    covers,
    grouped_counts,
    party_member_on,
    per_commune,
)


def core_service_on(
    window: Window, forces: tuple[str, ...], categories: tuple[str, ...] = ()
) -> QuerySet:
    """Return the core service records of `forces` (and `categories`) covering the date."""
    records = ServiceRecord.objects.filter(covers(window.on), is_core=True, force__in=forces)
    return records.filter(category__in=categories) if categories else records


def party_share(forces: tuple[str, ...], categories: tuple[str, ...] = ()) -> Compute:
    """Build the computation of 'party members among the core members of `forces`'.

    Nobody has two overlapping core records, so counting distinct people per group counts
    each serving person once, in the commune and unit where they serve on the date.
    """

    def compute(area: Area, window: Window) -> Grouped:
        return grouped_counts(
            core_service_on(window, forces, categories),
            area,
            commune_path="commune",
            unit_path="unit",
            numerator=Count("person", distinct=True, filter=Q(party_member_on(window.on))),
            denominator=Count("person", distinct=True),
        )

    return compute


def dqtv_population_share(area: Area, window: Window) -> Grouped:
    """Compare the DQTV core members with the population of the date's year, per commune.

    Rows are the communes valid on the date, each carrying its members and its population
    as subqueries, so that one grouped query adds both up.
    """
    population = CommunePopulation.objects.filter(year=window.on.year)
    return grouped_counts(
        Commune.objects.valid_on(window.on),
        area,
        commune_path="",
        numerator=Sum(
            per_commune(core_service_on(window, DQTV_FORCES), Count("person", distinct=True))
        ),
        denominator=Sum(per_commune(population, Sum("population"))),
    )


DQTV = tuple(DQTV_FORCES)
RESERVE = (Force.RESERVE,)

DEFINITIONS = [
    Definition(Indicator.PARTY_SHARE_DQTV, party_share(DQTV), by_unit=True),
    Definition(Indicator.PARTY_SHARE_MILITIA, party_share((Force.MILITIA,)), by_unit=True),
    Definition(
        Indicator.PARTY_SHARE_SELF_DEFENCE, party_share((Force.SELF_DEFENCE,)), by_unit=True
    ),
    Definition(Indicator.PARTY_SHARE_RESERVE, party_share(RESERVE), by_unit=True),
    Definition(
        Indicator.PARTY_SHARE_RESERVE_OFFICERS,
        party_share(RESERVE, (ReserveCategory.OFFICER,)),
        by_unit=True,
    ),
    Definition(Indicator.DQTV_POPULATION_SHARE, dqtv_population_share),
]
