"""Party shares of the forces and the size of DQTV against population (stock indicators).

All six read who serves on the date per child, force and category, once per report (see
`sharing`): from the indicator facts (`serving_groups`), or on the fly from the core service
records covering the date (`serving_live`, the reference); each definition adds up the groups
it covers.

The party shares also list the people they count (`share_rows`): the same core records covering
the date, the party members among them judged by the same predicate, in the area as the count
places them, of the forces the same `Forces` picks.
"""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum, Value

from members.models import ServiceRecord
from targets.indicators import Indicator
from units.models import DQTV_FORCES, CommunePopulation, Force, ReserveCategory
from units.querysets import interval_covers

from ..areas import Area, Level
from ..facts.read import Totals, totals_on, totals_on_days, totals_series
from .base import (
    Compute,
    Counts,
    Definition,
    Grouped,
    Part,
    Rows,
    Window,
    grouped_counts,
    grouped_queryset,
    in_area,
    live,
    party_member_on,
    remember,
    shared,
)


@dataclass(frozen=True)
class Serving:
    """Core members serving on the date in one group, the party members among them, and
    those serving in a commune valid on the date (the population share counts only these)."""

    members: int
    people: int
    valid_commune: int


# (child id, force, category) → who serves there on the date.
ServingGroups = Mapping[tuple[int | None, str, str], Serving]


def commune_valid_on(window: Window, prefix: str = "") -> Q:
    """Match rows whose commune (reached through `prefix`) is valid on the date."""
    return interval_covers(
        window.on, start="valid_from", end="valid_to", prefix=prefix, open_start=True
    )


def core_service_on(window: Window) -> QuerySet:
    """Return the core service records covering the date, of every force; of the reserve,
    only the reservists assigned to a mobilisation unit (the registered alone do not count)."""
    return ServiceRecord.objects.filter(interval_covers(window.on), is_core=True, unassigned=False)


def party_members_among(records: QuerySet, window: Window) -> QuerySet:
    """Keep the service records whose person is a party member on the date."""
    return records.filter(party_member_on(window.on))


@dataclass(frozen=True)
class Forces:
    """The forces (and, when given, the categories) a party share covers."""

    forces: tuple[str, ...]
    categories: tuple[str, ...] = ()

    def match(self, force: str, category: str) -> bool:
        """Tell whether a group of the serving counts belongs to the share (in Python)."""
        return force in self.forces and (not self.categories or category in self.categories)

    def q(self) -> Q:
        """Match the service records `match` accepts (in SQL)."""
        chosen = Q(force__in=self.forces)
        return chosen & Q(category__in=self.categories) if self.categories else chosen


def serving_query(area: Area, window: Window, unit_path: str | None) -> tuple[QuerySet, str]:
    """Return one query (a UNION ALL of two groupings) of who serves on the date, and the name
    of its child column.

    The first branch counts everyone serving; the second the party members among them, with
    membership in WHERE rather than in a FILTER, so that PostgreSQL joins the members as a set
    (hash semi-join) instead of probing the party records once per serving person. Counting
    the (never null) person column rather than the primary key lets the covering index
    service_counted_on_idx answer without reading the table.
    """

    def grouped(records: QuerySet, **aggregates: Any) -> tuple[QuerySet, str]:
        return grouped_queryset(
            records,
            area,
            commune_path="commune",
            unit_path=unit_path,
            fields=("force", "category"),
            aggregates=aggregates,
        )

    everyone, child = grouped(
        core_service_on(window),
        members=Value(0),
        people=Count("person"),
        valid=Count("person", filter=commune_valid_on(window, "commune__")),
    )
    members, _child = grouped(
        party_members_among(core_service_on(window), window),
        members=Count("person"),
        people=Value(0),
        valid=Value(0),
    )
    return everyone.union(members, all=True), child


def fact_totals(area: Area, day: datetime.date, *, by_unit: bool) -> Mapping[Any, Totals]:
    """Read the facts' totals of `area` on `day` once per report (see `totals_on`).

    A commune's own totals are the sum of its units' rows (the same changes, grouped by unit),
    so one read serves both.
    """
    units = shared(("facts", area, day), lambda: totals_on(area, day, by_unit=True))
    if by_unit or area.level != Level.COMMUNE:
        return units
    own: dict[tuple[int | None, str, str], Totals] = {}
    for (_unit, force, category), totals in units.items():
        key = (area.pk, force, category)
        own[key] = own.get(key, Totals()) + totals
    return own


# Up to this many days, the facts are added up in SQL, one sum per day and counter; beyond it
# (a trend) the rows are read once and added up in date order in Python.
FEW_DAYS = 4


def prefetch_totals(areas: list[Area], days: list[datetime.date]) -> None:
    """Read the totals of `areas` on all `days` in one pass per area, for the definitions
    computed next in the same `sharing()` block (a report's dates, a trend's points)."""
    read = totals_on_days if len(set(days)) <= FEW_DAYS else totals_series
    for area in areas:
        for day, totals in read(area, days, by_unit=True).items():
            remember(("facts", area, day), totals)


def prefetch_window(area: Area, window: Window) -> None:
    """Read the facts a report of `area` on `window` needs, in one query: the stocks on the
    date and the flows over the period (the totals the day before it and at its end)."""
    prefetch_totals([area], [window.on, window.end, window.start - datetime.timedelta(days=1)])


def serving_groups(area: Area, window: Window, *, by_unit: bool) -> ServingGroups:
    """Count, per child, force and category, who serves on the date: from the facts, or on
    the fly in one query per report when computing live (the reference)."""
    if not live():
        return {
            group: Serving(t.members, t.people, t.valid)
            for group, t in fact_totals(area, window.on, by_unit=by_unit).items()
            if t.people or t.members or t.valid
        }
    return serving_live(area, window, by_unit=by_unit)


def serving_live(area: Area, window: Window, *, by_unit: bool) -> ServingGroups:
    """Count, per child, force and category, who serves on the date, on the fly.

    Counting records counts people: the database refuses two overlapping core records of one
    person (exclusion constraint, triggers on SQLite), so a person has one record on the date.
    """
    unit_path = "unit" if by_unit else None
    key = ("serving", area, window.on, unit_path if area.level == Level.COMMUNE else None)

    def run() -> ServingGroups:
        rows, child = serving_query(area, window, unit_path)
        groups: dict[tuple[int | None, str, str], Serving] = {}
        for row in rows:
            group = (row[child], row["force"], row["category"])
            old = groups.get(group, Serving(0, 0, 0))
            groups[group] = Serving(
                old.members + row["members"],
                old.people + row["people"],
                old.valid_commune + row["valid"],
            )
        return groups

    return shared(key, run)


def party_share(forces: Forces) -> Compute:
    """Build the computation of 'party members among the core members of `forces`'.

    Each serving person counts once, in the commune and unit where they serve on the date.
    """

    def compute(area: Area, window: Window) -> Grouped:
        result: dict[int | None, Counts] = {}
        for (child, force, category), serving in serving_groups(area, window, by_unit=True).items():
            if forces.match(force, category):
                counts = Counts(serving.members, serving.people)
                result[child] = result.get(child, Counts(0, 0)) + counts
        return result

    return compute


def share_rows(forces: Forces) -> Rows:
    """Build the listing of the core records a party share of `forces` counts, one per person.

    The denominator is everyone `serving_query` counts in the area; the numerator the party
    members among them, as its second branch counts them.
    """

    def rows(area: Area, window: Window, part: Part) -> QuerySet:
        records = core_service_on(window)
        if part == Part.NUMERATOR:
            records = party_members_among(records, window)
        records = in_area(records, area, commune_path="commune", unit_path="unit")
        return records.filter(forces.q())

    return rows


def share(code: str, forces: Forces) -> Definition:
    return Definition(
        code, party_share(forces), by_unit=True, rows=share_rows(forces), reads_facts=True
    )


def dqtv_population_share(area: Area, window: Window) -> Grouped:
    """Compare the DQTV core members with the population of the date's year, per commune.

    Both sides count only communes valid on the date, so that a report on a date after the
    reform does not add the legacy communes' population.
    """
    population = grouped_counts(
        CommunePopulation.objects.filter(
            commune_valid_on(window, "commune__"), year=window.on.year
        ),
        area,
        commune_path="commune",
        numerator=Sum("population"),
    )
    result = {child: Counts(0, counts.numerator) for child, counts in population.items()}
    for (child, force, _category), serving in serving_groups(area, window, by_unit=False).items():
        if force in DQTV_FORCES:
            counts = Counts(serving.valid_commune, 0)
            result[child] = result.get(child, Counts(0, 0)) + counts
    return result


DQTV = tuple(DQTV_FORCES)
RESERVE = (Force.RESERVE,)

SHARE_FORCES = {
    Indicator.PARTY_SHARE_DQTV: Forces(DQTV),
    Indicator.PARTY_SHARE_MILITIA: Forces((Force.MILITIA,)),
    Indicator.PARTY_SHARE_SELF_DEFENCE: Forces((Force.SELF_DEFENCE,)),
    Indicator.PARTY_SHARE_RESERVE: Forces(RESERVE),
    # The facts keep this category apart (reports.facts.sql.KEPT_CATEGORIES).
    Indicator.PARTY_SHARE_RESERVE_OFFICERS: Forces(RESERVE, (ReserveCategory.OFFICER,)),
}

DEFINITIONS = [
    *(share(code, forces) for code, forces in SHARE_FORCES.items()),
    # The population (one row per commune and year) stays on the fly: it is small.
    Definition(Indicator.DQTV_POPULATION_SHARE, dqtv_population_share, reads_facts=True),
]
