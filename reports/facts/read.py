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


def totals_on(area: Area, day: datetime.date, *, by_unit: bool) -> FactGroups:
    """Return the totals on `day` of each child of `area`, force and category (one query)."""
    rows = (
        children_rows(area, by_unit=by_unit)
        .filter(up_to(day))
        .order_by()
        .values("child", "force", "category")
        .annotate(**{c: Sum(c) for c in COUNTERS})
    )
    unit_level = area.level == Level.UNIT or (area.level == Level.COMMUNE and by_unit)
    return {
        (
            None if unit_level and row["child"] == 0 else row["child"],
            row["force"],
            row["category"],
        ): (Totals(*(row[c] for c in COUNTERS)))
        for row in rows
    }
