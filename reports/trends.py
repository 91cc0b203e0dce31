"""Yearly or monthly series of one indicator for an area, across the July 2025 reform.

A current area has no records before it existed: its history is assembled from the units it
continues (its lineage predecessors). Before the area's first day, stocks are summed over the
predecessors; a flow period that straddles that day adds the predecessors' part before it and
the area's part from it. Every old province went whole into one new one, so province series
are exact; a commune that took only part of a predecessor (`CommuneLineage.partial`) counts
that predecessor whole, and those points say `"approximate": true`.

Only one generation of lineage is followed (the loader records the 2025 reform alone), and a
predecessor is counted whole: the model does not record which part of a split commune went where.

Each point of `build_trend` also carries the target in force on its date for the area (its
directive, bound and bounds, or None), so a chart can draw the band the value should sit in.

Queries: one for the lineage, then one per point (two for a flow period straddling the area's
first day). The predecessors are read together, as the children of their common parent (the
nation for provinces, the legacy province for communes), not one query each. `build_trend`
adds two queries for the targets in force on each point's date (`TargetBook.for_days`), since
directives change along a series; the API caps a series at 240 points.
"""

import calendar
import datetime
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_noop

from targets.indicators import IndicatorKind, IndicatorUnit, indicator_spec
from units.models import CommuneLineage, ProvinceLineage

from .areas import Area, Level, commune_area, nation, province_area
from .indicators import REGISTRY, Counts, Window, indicator_value, sharing, total
from .indicators.base import live
from .indicators.shares import prefetch_totals
from .report import target_dict
from .targets import TargetBook

ONE_DAY = datetime.timedelta(days=1)
BAND = ("directive", "bound", "lower", "upper")


@dataclass(frozen=True)
class Lineage:
    """The area's first day and the predecessors that stand for it before that day."""

    starts_on: datetime.date | None
    predecessors: list[Area]
    partial: bool


def yearly_windows(first_year: int, last_year: int) -> list[Window]:
    """Return one window per calendar year, the stock taken on 31 December."""
    return [
        Window(
            on=datetime.date(y, 12, 31), start=datetime.date(y, 1, 1), end=datetime.date(y, 12, 31)
        )
        for y in range(first_year, last_year + 1)
    ]


def monthly_windows(first: datetime.date, last: datetime.date) -> list[Window]:
    """Return one window per calendar month from `first`'s month to `last`'s month."""
    windows, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        end = datetime.date(year, month, calendar.monthrange(year, month)[1])
        windows.append(Window(on=end, start=end.replace(day=1), end=end))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return windows


def series_windows(first: datetime.date, last: datetime.date, step: str) -> list[Window]:
    """Return the yearly or monthly windows from `first` to `last`, cut to those two days.

    A point never looks past `last`: the last stock is taken on `last` itself, not at the end
    of its month or year, and the first period starts on `first`.
    """
    if step == "year":
        windows = yearly_windows(first.year, last.year)
    else:
        windows = monthly_windows(first, last)
    return [
        Window(on=min(w.on, last), start=max(w.start, first), end=min(w.end, last)) for w in windows
    ]


def build_trend(*, area: Area, code: str, windows: list[Window], step: str) -> dict[str, Any]:
    """Describe the series of indicator `code` for `area`: one point per window, with its target."""
    spec = indicator_spec(code)
    points = trend(area, code, windows)
    books = TargetBook.for_days([window.on for window in windows])
    return {
        "area": {"code": area.code, "name": area.name, "level": str(area.level)},
        "indicator": {"code": spec.code, "name": str(spec.name), "unit": str(spec.unit)},
        "step": step,
        "points": [
            {**point, "target": target_band(books[window.on], area, code)}
            for point, window in zip(points, windows, strict=True)
        ],
    }


def target_band(book: TargetBook, area: Area, code: str) -> dict[str, Any] | None:
    """Return the target for `code` in force for `area` on the book's date, or None.

    The band is the directive, the bound and its lower and upper ends; the deadline is left to
    the indicator report, a point only needs what to draw.
    """
    target = book.find(area, code)
    if target is None:
        return None
    return {key: value for key, value in target_dict(target).items() if key in BAND}


def lineage(area: Area) -> Lineage:
    """Find the area's first day and its predecessors (none for other levels)."""
    if area.level == Level.PROVINCE:
        links = ProvinceLineage.objects.filter(successor_id=area.pk).select_related(
            "predecessor", "successor"
        )
        build = province_area
    elif area.level == Level.COMMUNE:
        links = CommuneLineage.objects.filter(successor_id=area.pk).select_related(
            "predecessor", "successor"
        )
        build = commune_area
    else:
        return Lineage(starts_on=None, predecessors=[], partial=False)
    links = list(links)
    starts_on = links[0].successor.valid_from if links else None
    return Lineage(
        starts_on=starts_on,
        predecessors=[build(link.predecessor) for link in links],
        partial=any(link.partial for link in links),
    )


def trend(area: Area, code: str, windows: list[Window]) -> list[dict[str, Any]]:
    """Compute `code` for `area` in each window, reaching back through the area's lineage.

    An indicator that reads the facts reads those of every point in one pass first.
    """
    with sharing():
        history = lineage(area)
        if REGISTRY[code].reads_facts and not live():
            areas = [area, *{_parent(p) for p in history.predecessors}]
            days = [d for w in windows for d in (w.on, w.end, w.start - ONE_DAY)]
            prefetch_totals(areas, days)
        return _points(area, code, windows, history)


def _points(area: Area, code: str, windows: list[Window], history: Lineage) -> list[dict[str, Any]]:
    spec = indicator_spec(code)
    points = []
    for window in windows:
        counts, from_predecessors = _counts(area, code, window, history)
        points.append(
            {
                "start": window.start.isoformat(),
                "end": window.end.isoformat(),
                "date": window.on.isoformat(),
                "numerator": counts.numerator,
                "denominator": counts.denominator,
                "value": _value(spec.unit, counts),
                "approximate": from_predecessors and history.partial,
            }
        )
    return points


def _counts(area: Area, code: str, window: Window, history: Lineage) -> tuple[Counts, bool]:
    """Return the window's counts and whether predecessors contributed to them."""
    split = history.starts_on
    if split is None or not history.predecessors:
        return _own(area, code, window), False
    if indicator_spec(code).kind == IndicatorKind.STOCK:
        if window.on >= split:
            return _own(area, code, window), False
        return _sum(history.predecessors, code, window), True
    if window.start >= split:
        return _own(area, code, window), False
    if window.end < split:
        return _sum(history.predecessors, code, window), True
    before = Window(on=split - ONE_DAY, start=window.start, end=split - ONE_DAY)
    after = Window(on=window.on, start=split, end=window.end)
    return _sum(history.predecessors, code, before) + _own(area, code, after), True


def _counts_only(code: str) -> bool:
    return indicator_spec(code).unit == IndicatorUnit.COUNT


def _own(area: Area, code: str, window: Window) -> Counts:
    return total(REGISTRY[code].compute(area, window), counts_only=_counts_only(code))


def _sum(areas: list[Area], code: str, window: Window) -> Counts:
    """Add the counts of several areas: one grouped query per parent they share."""
    wanted: dict[Area, set[int | None]] = {}
    for area in areas:
        wanted.setdefault(_parent(area), set()).add(area.pk)
    result = Counts(0, None if _counts_only(code) else 0)
    for parent, pks in wanted.items():
        grouped = REGISTRY[code].compute(parent, window)
        picked = {pk: counts for pk, counts in grouped.items() if pk in pks}
        result = result + total(picked, counts_only=_counts_only(code))
    return result


def _parent(area: Area) -> Area:
    """Return the area whose children's groups include `area` (a province or a commune)."""
    if area.level == Level.PROVINCE:
        return nation()
    if area.level != Level.COMMUNE:
        raise ValueError(f"A {area.level} has no lineage predecessors.")
    pk = area.province_pk
    return Area(level=Level.PROVINCE, code="", name="", pk=pk, province_pk=pk)


def _value(unit: str, counts: Counts) -> float | int | None:
    if unit == IndicatorUnit.COUNT and not counts.unknown:
        return counts.numerator
    value = indicator_value(unit, counts)
    return None if value is None else float(value)


# Headings are marked for translation here and translated when the table is drawn.
COLUMNS = [
    ("area_code", gettext_noop("Area code")),
    ("area_name", gettext_noop("Area")),
    ("code", gettext_noop("Indicator code")),
    ("start", gettext_noop("Period start")),
    ("end", gettext_noop("Period end")),
    ("date", gettext_noop("Date")),
    ("numerator", gettext_noop("Numerator")),
    ("denominator", gettext_noop("Denominator")),
    ("value", gettext_noop("Value")),
    ("approximate", gettext_noop("Approximate")),
]


def trend_rows(series: dict[str, Any]) -> list[dict[str, Any]]:
    """Flatten a series into one row per point, each naming the area and the indicator."""
    head = {
        "area_code": series["area"]["code"],
        "area_name": series["area"]["name"],
        "code": series["indicator"]["code"],
    }
    return [{**head, **point} for point in series["points"]]
