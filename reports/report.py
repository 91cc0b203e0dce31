"""Build the indicator report of an area on a date: one dict that every format renders.

The query count is fixed: one read of the indicator facts for every indicator that reads them,
one grouped query per theme computed on the fly (cells, command posts, population, villages),
one for the targets in force, one for the children; it does not grow with the number of
children.
"""

import datetime
from decimal import Decimal
from typing import Any

from targets.indicators import IndicatorSpec, IndicatorUnit, catalogue
from targets.models import Target

from .areas import Area, child_areas
from .indicators import REGISTRY, Counts, Grouped, Window, indicator_value, sharing, total
from .indicators.base import live
from .indicators.shares import prefetch_window
from .targets import TargetBook, deadline, evaluate


def default_window(
    on: datetime.date,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
) -> Window:
    """Return the window of a report; the period defaults to 1 January of the year → the date."""
    return Window(on=on, start=start or on.replace(month=1, day=1), end=end or on)


def build_report(
    *, area: Area, window: Window, children: bool = False, kind: str | None = None
) -> dict[str, Any]:
    """Compute every indicator of `area` (and of its children when asked) with its target.

    `kind` (stock or flow) keeps the indicators of that kind only.
    """
    kids = child_areas(area, window.on) if children else []
    specs = [
        spec
        for spec in catalogue()
        if REGISTRY[spec.code].supports(area.level) and kind in (None, spec.kind)
    ]
    with sharing():
        if not live() and any(REGISTRY[spec.code].reads_facts for spec in specs):
            prefetch_window(area, window)
        results = {spec.code: REGISTRY[spec.code].compute(area, window) for spec in specs}
    book = TargetBook(window.on)
    report: dict[str, Any] = {
        "area": area_dict(area),
        "date": window.on.isoformat(),
        "period": {"start": window.start.isoformat(), "end": window.end.isoformat()},
        "indicators": [
            indicator_entry(spec, _total(spec, results[spec.code]), book.find(area, spec.code))
            for spec in specs
        ],
    }
    if children:
        report["children"] = [child_entry(kid, specs, results, book) for kid in kids]
    return report


def child_entry(
    kid: Area, specs: list[IndicatorSpec], results: dict[str, Grouped], book: TargetBook
) -> dict[str, Any]:
    """Pick the child's counts out of the grouped results; a child without rows counts zero."""
    entries = []
    for spec in specs:
        if not REGISTRY[spec.code].supports(kid.level):
            continue
        counts = results[spec.code].get(kid.pk) or _total(spec, {})
        entries.append(indicator_entry(spec, counts, book.find(kid, spec.code)))
    return {"area": area_dict(kid), "indicators": entries}


def _total(spec: IndicatorSpec, grouped: Grouped) -> Counts:
    return total(grouped, counts_only=spec.unit == IndicatorUnit.COUNT)


def area_dict(area: Area) -> dict[str, str]:
    return {"code": area.code, "name": area.name, "level": str(area.level)}


def indicator_entry(spec: IndicatorSpec, counts: Counts, target: Target | None) -> dict[str, Any]:
    """Describe one indicator of one area: counts, value, target, status and gap."""
    value = indicator_value(spec.unit, counts)
    evaluation = evaluate(target, spec.unit, counts) if target and not counts.unknown else None
    return {
        "code": spec.code,
        "name": spec.name,
        "unit": spec.unit,
        "numerator": counts.numerator,
        "denominator": counts.denominator,
        "value": counts.numerator
        if spec.unit == IndicatorUnit.COUNT and not counts.unknown
        else _number(value),
        # How many of the things counted have no data (villages without a count): the value
        # is then unknown (null), the numerator only what is known.
        "unknown": counts.unknown,
        "target": target_dict(target) if target else None,
        "status": str(evaluation.status) if evaluation else None,
        "gap": evaluation.gap if evaluation else None,
        "room": evaluation.room if evaluation else None,
        "approximate": False,
    }


def target_dict(target: Target) -> dict[str, Any]:
    return {
        "directive": target.directive.number,
        "bound": target.bound,
        "lower": _number(target.lower),
        "upper": _number(target.upper),
        "deadline": deadline(target).isoformat(),
    }


def _number(value: Decimal | None) -> float | None:
    """Turn an exact decimal into a JSON number; the value is already rounded for display."""
    return None if value is None else float(value)
