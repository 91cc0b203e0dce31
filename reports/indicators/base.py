"""What every indicator definition shares: counts, the time window, grouping and the value.

A definition answers, for an area and a window, a mapping from child id to `Counts` in one
aggregate query grouped by child. The area's own figure is the sum of all groups, so numerators
and denominators are added before any division, never percentages averaged.

A definition that counts people may also list them (`Definition.people`): the rows behind its
numerator or denominator, taken from the same querysets its count aggregates, so that an
explanation of a number cannot drift from the number.
"""

import datetime
from collections.abc import Callable, Hashable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Any, TypeVar

from django.db.models import Exists, OuterRef, QuerySet
from django.db.models.expressions import BaseExpression, Combinable

from members.models import PartyRecord
from members.querysets import member_on
from targets.indicators import IndicatorUnit

from ..areas import Area, Level

T = TypeVar("T")
TWO_PLACES = Decimal("0.01")
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Window:
    """The report date (for stock indicators) and the period (for flow ones), all inclusive."""

    on: datetime.date
    start: datetime.date
    end: datetime.date

    @property
    def years(self) -> range:
        return range(self.start.year, self.end.year + 1)


@dataclass(frozen=True)
class Counts:
    """A numerator and a denominator; count indicators have no denominator.

    `unknown` counts what the figure needs but the data do not say (villages without a count
    of their party members): while it is not zero, the value is unknown, never a guess.
    """

    numerator: int
    denominator: int | None
    unknown: int = 0

    def __add__(self, other: "Counts") -> "Counts":
        unknown = self.unknown + other.unknown
        if self.denominator is None or other.denominator is None:
            return Counts(self.numerator + other.numerator, None, unknown)
        return Counts(
            self.numerator + other.numerator, self.denominator + other.denominator, unknown
        )


class Part(StrEnum):
    """Which side of a figure a listing explains."""

    NUMERATOR = "numerator"
    DENOMINATOR = "denominator"


# Child id (or None for rows that belong to the area but to none of its children) → counts.
Grouped = Mapping[int | None, Counts]
Compute = Callable[[Area, Window], Grouped]
# The rows one side of a figure counts, one per person counted (None: that side lists nobody).
Rows = Callable[[Area, Window, Part], QuerySet | None]


@dataclass(frozen=True)
class Definition:
    """How one catalogue indicator is computed.

    `compute` runs one aggregate query. `by_unit` says the rows carry a force unit, so the
    indicator can be shown for force units (the children of a commune). `rows`, where given,
    lists the service records behind a side of the figure (see `people`).
    """

    code: str
    compute: Compute
    by_unit: bool = False
    rows: Rows | None = None
    # True when `compute` reads the indicator facts (reports.facts) unless `computing_live()`
    # asks for the on-the-fly reference; False when it always computes on the fly.
    reads_facts: bool = False

    def supports(self, level: Level) -> bool:
        return level != Level.UNIT or self.by_unit

    def people(self, area: Area, window: Window, part: Part) -> QuerySet | None:
        """Return the service records counted by `part` of the figure of `area`, one per count.

        None when this indicator cannot list the rows behind that side (it counts no people,
        or has no such side).
        """
        if self.rows is None or not self.supports(area.level):
            return None
        return self.rows(area, window, part)


def total(grouped: Grouped, *, counts_only: bool) -> Counts:
    """Add up every group; an empty result is zero (with a zero denominator for shares)."""
    empty = Counts(0, None if counts_only else 0)
    result = empty
    for counts in grouped.values():
        result = result + counts
    return result


def grouped_queryset(
    queryset: QuerySet,
    area: Area,
    *,
    commune_path: str,
    aggregates: Mapping[str, BaseExpression | Combinable],
    unit_path: str | None = None,
    fields: tuple[str, ...] = (),
) -> tuple[QuerySet, str]:
    """Filter `queryset` to `area`, group it by child (and `fields`) and aggregate.

    Return the grouped queryset and the name of its child column. `commune_path` leads from
    the model to the commune a row counts in; `unit_path`, when given, to its force unit (so
    that a commune's rows group by unit, and a unit can be the area).
    """
    queryset = in_area(queryset, area, commune_path=commune_path, unit_path=unit_path)
    unit_key = f"{unit_path}_id"
    key = unit_key if area.level == Level.UNIT else area.child_key(commune_path, unit_path)
    return queryset.order_by().values(key, *fields).annotate(**aggregates), key


def in_area(
    queryset: QuerySet, area: Area, *, commune_path: str, unit_path: str | None = None
) -> QuerySet:
    """Keep the rows of `queryset` that count in `area` (paths as in `grouped_queryset`)."""
    if area.level != Level.UNIT:
        return queryset.filter(area.commune_q(commune_path))
    if unit_path is None:
        raise ValueError("This indicator has no figure for a force unit.")
    return queryset.filter(**{f"{unit_path}_id": area.pk})


def grouped_rows(queryset: QuerySet, area: Area, **grouping: Any) -> list[dict[str, Any]]:
    """Run `grouped_queryset`; each row carries the child's id under "child"."""
    rows, key = grouped_queryset(queryset, area, **grouping)
    return [{**row, "child": row[key]} for row in rows]


def grouped_counts(
    queryset: QuerySet,
    area: Area,
    *,
    commune_path: str,
    numerator: BaseExpression | Combinable,
    denominator: BaseExpression | Combinable | None = None,
    unit_path: str | None = None,
) -> Grouped:
    """Group `queryset` by child of `area` (see `grouped_rows`); count numerator and denominator."""
    aggregates = {"num": numerator, **({} if denominator is None else {"den": denominator})}
    rows = grouped_rows(
        queryset, area, commune_path=commune_path, aggregates=aggregates, unit_path=unit_path
    )
    return {
        row["child"]: Counts(row["num"] or 0, None if denominator is None else row["den"] or 0)
        for row in rows
    }


# Whether definitions that read facts compute on the fly instead (the reference).
_LIVE: ContextVar[bool] = ContextVar("compute_live", default=False)


@contextmanager
def computing_live() -> Iterator[None]:
    """Compute every indicator on the fly inside this block, without the facts.

    The facts are checked against this reference (`rebuild_indicator_facts`, the fact tests).
    """
    token = _LIVE.set(True)
    try:
        yield
    finally:
        _LIVE.reset(token)


def live() -> bool:
    """Tell whether the definitions are to compute on the fly (see `computing_live`)."""
    return _LIVE.get()


# Queries several definitions have in common, kept for the length of one report only.
_SHARED: ContextVar[dict[Hashable, Any] | None] = ContextVar("shared_queries", default=None)


@contextmanager
def sharing() -> Iterator[None]:
    """Let the definitions computed inside run the queries they have in common once.

    Outside this block every computation queries afresh, so no result outlives its report.
    """
    token = _SHARED.set({})
    try:
        yield
    finally:
        _SHARED.reset(token)


def remember(key: Hashable, value: Any) -> None:
    """Store `value` as the result of `key` for the rest of the `sharing()` block, if any."""
    memo = _SHARED.get()
    if memo is not None:
        memo[key] = value


def shared(key: Hashable, run: Callable[[], T]) -> T:
    """Return `run()`, computed once per `key` inside `sharing()` and every time outside it."""
    memo = _SHARED.get()
    if memo is None:
        return run()
    if key not in memo:
        memo[key] = run()
    return memo[key]


def member_records_on(day: datetime.date) -> QuerySet:
    """Return the party records that make their person a party member on `day`."""
    return PartyRecord.objects.filter(member_on(day))


def party_member_on(day: datetime.date, person_ref: str = "person") -> Exists:
    """Be true when the person of the outer row is a party member on `day`."""
    return Exists(member_records_on(day).filter(person=OuterRef(person_ref)))


def indicator_value(unit: str, counts: Counts) -> Decimal | None:
    """Return the value shown for `counts`: a percentage, a ratio or the count itself.

    Rounded half-up to two places; None when a share has nothing to divide by, or when part
    of what it counts is unknown.
    """
    if counts.unknown:
        return None
    if unit == IndicatorUnit.COUNT:
        return Decimal(counts.numerator).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)
    if not counts.denominator:
        return None
    scale = HUNDRED if unit == IndicatorUnit.PERCENT else Decimal(1)
    exact = Decimal(counts.numerator) * scale / Decimal(counts.denominator)
    return exact.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)
