"""Read the facts: the totals of an area's children on a day, per force and category.

A total on day D is the year's opening total (kind "y") plus the changes of the months before
D's month (kind "m") plus those of D's month up to D (kind "d"): one indexed range of at most
43 rows per child, force and category (more only after LAST_YEAR, month rows instead).
"""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass

from django.db.models import Q, QuerySet, Sum

from units.models import Commune

from ..areas import Area, Level
from ..models import FactKind, FactLevel, IndicatorFact
from .sql import COUNTERS, LAST_YEAR


@dataclass(frozen=True)
class Totals:
    """Core members serving on the day, party members among them, those serving in a commune
    valid on the day, and admissions inside core service up to the day."""

    people: int = 0
    members: int = 0
    valid: int = 0
    admitted: int = 0

    def __add__(self, other: "Totals") -> "Totals":
        return Totals(
            self.people + other.people,
            self.members + other.members,
            self.valid + other.valid,
            self.admitted + other.admitted,
        )


# (child id or None for no unit, force, category) → totals.
FactGroups = Mapping[tuple[int | None, str, str], Totals]


def up_to(day: datetime.date) -> Q:
    """Match the rows whose sum is the total on `day`."""
    year_start = datetime.date(min(day.year, LAST_YEAR), 1, 1)
    month_start = day.replace(day=1)
    return (
        Q(kind=FactKind.YEAR, at=year_start)
        | Q(kind=FactKind.MONTH, at__gte=year_start, at__lt=month_start)
        | Q(kind=FactKind.DAY, at__gte=month_start, at__lte=day)
    )


def children_rows(area: Area, *, by_unit: bool) -> QuerySet:
    """Return the fact rows of `area`, whose `child` is the child the report groups by.

    A commune groups by force unit when the indicator is shown by unit, else it is its own
    single group, like the live computation.
    """
    facts = IndicatorFact.objects.all()
    if area.level == Level.NATION:
        return facts.filter(level=FactLevel.PROVINCE, parent=0)
    if area.level == Level.PROVINCE:
        return facts.filter(level=FactLevel.COMMUNE, parent=area.pk)
    if area.level == Level.DISTRICT:
        communes = Commune.objects.filter(district_id=area.pk).values("pk")
        return facts.filter(level=FactLevel.COMMUNE, parent=area.province_pk, child__in=communes)
    if area.level == Level.COMMUNE and by_unit:
        return facts.filter(level=FactLevel.UNIT, parent=area.pk)
    if area.level == Level.COMMUNE:
        return facts.filter(level=FactLevel.COMMUNE, parent=area.province_pk, child=area.pk)
    return facts.filter(level=FactLevel.UNIT, child=area.pk)


def _by_unit_rows(area: Area, *, by_unit: bool) -> bool:
    """Tell whether the rows of `area` are unit rows, whose child 0 means "no unit" (None)."""
    return area.level == Level.UNIT or (area.level == Level.COMMUNE and by_unit)


def totals_on(area: Area, day: datetime.date, *, by_unit: bool) -> FactGroups:
    """Return the totals on `day` of each child of `area`, force and category (one query)."""
    return totals_on_days(area, [day], by_unit=by_unit)[day]


def totals_on_days(
    area: Area, days: list[datetime.date], *, by_unit: bool
) -> dict[datetime.date, FactGroups]:
    """Return `totals_on` for each of a few `days` (a report's date and period) from one
    query that adds up each day's rows in SQL; `totals_series` suits many days better."""
    days = sorted(set(days))
    wanted = Q()
    sums = {}
    for i, day in enumerate(days):
        wanted |= up_to(day)
        sums |= {f"{c}_{i}": Sum(c, filter=up_to(day), default=0) for c in COUNTERS}
    rows = (
        children_rows(area, by_unit=by_unit)
        .filter(wanted)
        .order_by()
        .values("child", "force", "category")
        .annotate(**sums)
    )
    unit_level = _by_unit_rows(area, by_unit=by_unit)
    result: dict[datetime.date, dict] = {day: {} for day in days}
    for row in rows:
        child = None if unit_level and row["child"] == 0 else row["child"]
        key = (child, row["force"], row["category"])
        for i, day in enumerate(days):
            result[day][key] = Totals(*(row[f"{c}_{i}"] for c in COUNTERS))
    return result


def _month_end(day: datetime.date) -> bool:
    return (day + datetime.timedelta(days=1)).day == 1


def _series_rows(area: Area, days: list[datetime.date], *, by_unit: bool) -> QuerySet:
    """The rows every total of `days` needs: one year total, the months, and the days of the
    months whose total is wanted before the month's end."""
    opening = datetime.date(min(min(days).year, LAST_YEAR), 1, 1)
    wanted = Q(kind=FactKind.YEAR, at=opening) | Q(
        kind=FactKind.MONTH, at__gte=opening, at__lte=max(days).replace(day=1)
    )
    for day in {d for d in days if not _month_end(d)}:
        wanted |= Q(kind=FactKind.DAY, at__gte=day.replace(day=1), at__lte=day)
    return children_rows(area, by_unit=by_unit).filter(wanted).order_by()


def totals_series(
    area: Area, days: list[datetime.date], *, by_unit: bool
) -> dict[datetime.date, FactGroups]:
    """Return `totals_on` for each of `days` from one query (a trend's points in one pass).

    The rows are added up once in date order; a month's row is its days' sum, so a total at a
    month's end needs no day rows.
    """
    unit_level = _by_unit_rows(area, by_unit=by_unit)
    running: dict[tuple, list[int]] = {}
    months: list[tuple[datetime.date, tuple, list[int]]] = []
    day_rows: dict[datetime.date, list[tuple[datetime.date, tuple, list[int]]]] = {}
    rows = _series_rows(area, days, by_unit=by_unit).values_list(
        "child", "force", "category", "kind", "at", *COUNTERS
    )
    for child, force, category, kind, at, *counters in rows:
        key = (None if unit_level and child == 0 else child, force, category)
        if kind == FactKind.YEAR:
            _add(running, key, counters)
        elif kind == FactKind.MONTH:
            months.append((at, key, counters))
        else:
            day_rows.setdefault(at.replace(day=1), []).append((at, key, counters))
    months.sort(key=lambda row: row[0])
    result, taken = {}, 0
    for day in sorted(set(days)):
        month = day.replace(day=1)
        while taken < len(months) and (
            months[taken][0] < month or (months[taken][0] == month and _month_end(day))
        ):
            _add(running, months[taken][1], months[taken][2])
            taken += 1
        totals = {key: list(values) for key, values in running.items()}
        if not _month_end(day):
            for at, key, counters in day_rows.get(month, []):
                if at <= day:
                    _add(totals, key, counters)
        result[day] = {key: Totals(*values) for key, values in totals.items()}
    return result


def _add(sums: dict[tuple, list[int]], key: tuple, counters: list[int]) -> None:
    total = sums.setdefault(key, [0, 0, 0, 0])
    for i, value in enumerate(counters):
        total[i] += value
