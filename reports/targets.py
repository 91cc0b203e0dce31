"""Which target applies to an area on a date, and how far the area is from it.

A target applies to an area on a date when its directive is in force on that date and not
superseded by another directive in force then, and when either its area is the area itself or
it is an "each commune of" target whose area contains the commune. Among those, the most
specific area wins (commune > district > province > nation), then the directive issued last.

Targets are bound to a unit (its surrogate key), never to a code: a directive of a legacy
province does not apply to the current province that reuses its code.
"""

import datetime
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from enum import StrEnum

from django.db.models import Q
from django.utils.translation import pgettext_lazy

from targets.indicators import IndicatorUnit
from targets.models import Bound, Directive, Target
from units.querysets import covers

from .areas import Area, Level
from .indicators import Counts

SPECIFICITY = {Level.NATION: 0, Level.PROVINCE: 1, Level.DISTRICT: 2, Level.COMMUNE: 3}
HUNDRED = Decimal(100)


class Status(StrEnum):
    BELOW = "below"
    IN_RANGE = "in_range"
    ABOVE = "above"
    MET = "met"


# The words every page shows beside a status's colour, keyed by the code reports carry.
STATUS_LABELS = {
    Status.BELOW: pgettext_lazy("target status", "below target"),
    Status.IN_RANGE: pgettext_lazy("target status", "in range"),
    Status.MET: pgettext_lazy("target status", "met"),
    Status.ABOVE: pgettext_lazy("target status", "above"),
}


@dataclass(frozen=True)
class Evaluation:
    """Where a value stands against a target.

    `gap`: people (or admissions) still needed to reach the lower bound (to pass it for
    "over"), 0 when reached.
    `room`: people that can still be added before passing the upper bound (before reaching
    it for "under"); negative when already past it; None without an upper bound.
    """

    status: Status
    gap: int
    room: int | None


def in_force_q(on: datetime.date, prefix: str = "") -> Q:
    """Match directives in force on `on` (both ends inclusive, open end allowed)."""
    return Q(**{f"{prefix}effective_from__lte": on}) & (
        Q(**{f"{prefix}effective_to__isnull": True}) | Q(**{f"{prefix}effective_to__gte": on})
    )


def target_area(target: Target) -> tuple[Level, int | None]:
    """Return the level and id of the area a target names; empty means the directive's area."""
    for holder in (target, target.directive):
        if holder.commune_id:
            return Level.COMMUNE, holder.commune_id
        if holder.district_id:
            return Level.DISTRICT, holder.district_id
        if holder.province_id:
            return Level.PROVINCE, holder.province_id
    return Level.NATION, None


def covers_area(target: Target, area: Area) -> bool:
    """Tell whether `target` is a bound on `area` itself (or on it as one of 'each commune')."""
    level, pk = target_area(target)
    if not target.each_commune:
        return level == area.level and pk == area.pk
    if area.level != Level.COMMUNE:
        return False
    containing = {
        Level.NATION: None,
        Level.PROVINCE: area.province_pk,
        Level.DISTRICT: area.district_pk,
        Level.COMMUNE: area.pk,
    }
    return containing[level] == pk


def _in_force(directive: Directive, on: datetime.date) -> bool:
    """`in_force_q` in memory."""
    return covers(directive.effective_from, directive.effective_to, on)


class TargetBook:
    """The targets in force on one date, loaded in one query and matched in memory.

    Directives in force at a date are few (tens per province), so matching in Python keeps
    a report's query count independent of its number of children. A series of dates loads
    its books together (`for_days`).
    """

    def __init__(self, on: datetime.date, targets: list[Target] | None = None) -> None:
        self.on = on
        if targets is None:
            superseded = (
                Directive.objects.filter(in_force_q(on), supersedes__isnull=False)
                .values("supersedes_id")
                .order_by()
            )
            targets = list(
                Target.objects.filter(in_force_q(on, "directive__"))
                .exclude(directive_id__in=superseded)
                .select_related("directive")
            )
        self.targets = targets

    @classmethod
    def for_days(cls, days: list[datetime.date]) -> dict[datetime.date, "TargetBook"]:
        """Return the book of each of `days` from two queries, whatever their number: the
        targets of every directive in force at some point between the first and the last day,
        and the directives that supersede one in that span; each day keeps what is in force
        and not superseded on it."""
        if not days:
            return {}
        first, last = min(days), max(days)
        span = Q(effective_from__lte=last) & (
            Q(effective_to__isnull=True) | Q(effective_to__gte=first)
        )
        targets = list(
            Target.objects.filter(directive__in=Directive.objects.filter(span)).select_related(
                "directive"
            )
        )
        superseding = list(Directive.objects.filter(span, supersedes__isnull=False))
        books = {}
        for day in set(days):
            gone = {d.supersedes_id for d in superseding if _in_force(d, day)}
            books[day] = cls(
                day,
                [t for t in targets if _in_force(t.directive, day) and t.directive_id not in gone],
            )
        return books

    def find(self, area: Area, indicator: str) -> Target | None:
        """Return the target that applies to `area` for `indicator`, or None."""
        candidates = [t for t in self.targets if t.indicator == indicator and covers_area(t, area)]
        if not candidates:
            return None
        return max(candidates, key=lambda target: _precedence(target, self.on))


def _precedence(target: Target, on: datetime.date) -> tuple:
    """Rank targets: the most specific area, then the latest directive, then the deadline.

    A directive often sets one indicator for several deadlines (2011 and 2015): the nearest
    deadline still ahead applies; once all have passed, the last one does.
    """
    level, _pk = target_area(target)
    directive = target.directive
    due = deadline(target)
    by_deadline = (1, -due.toordinal()) if due >= on else (0, due.toordinal())
    return SPECIFICITY[level], directive.issued_on, directive.effective_from, by_deadline


def deadline(target: Target) -> datetime.date:
    """Return the deadline as a date; a deadline given as a year ends on 31 December."""
    return target.deadline_date or datetime.date(target.deadline_year, 12, 31)


def shortfall(bound: Decimal, unit: str, counts: Counts) -> Decimal:
    """Return how many people the numerator lacks to reach `bound` (negative when past it)."""
    if unit == IndicatorUnit.PERCENT:
        needed = bound * Decimal(counts.denominator or 0) / HUNDRED
    elif unit == IndicatorUnit.RATIO:
        needed = bound * Decimal(counts.denominator or 0)
    else:
        needed = bound
    return needed - Decimal(counts.numerator)


def evaluate(target: Target, unit: str, counts: Counts) -> Evaluation | None:
    """Compare `counts` with `target` exactly (not the rounded value); None without a value."""
    if unit != IndicatorUnit.COUNT and not counts.denominator:
        return None
    below = None if target.lower is None else shortfall(target.lower, unit, counts)
    headroom = None if target.upper is None else shortfall(target.upper, unit, counts)
    strict = target.bound in (Bound.OVER, Bound.UNDER)
    gap = 0 if below is None else people_to_reach(below, strict=strict)
    room = None if headroom is None else people_to_spare(headroom, strict=strict)
    return Evaluation(status=status(target.bound, below, headroom), gap=gap, room=room)


def people_to_reach(below: Decimal, *, strict: bool) -> int:
    """Whole people to add so that the lower bound is reached (or, `strict`, passed)."""
    if strict:
        # "Over 30 %" of 10 people is 4 or more: past 3 exactly, not at it.
        return 0 if below < 0 else int(below.to_integral_value(ROUND_FLOOR)) + 1
    return max(0, int(below.to_integral_value(ROUND_CEILING)))


def people_to_spare(headroom: Decimal, *, strict: bool) -> int:
    """Whole people that can be added while staying at the upper bound or under it (`strict`:
    under it); negative when the bound is already passed."""
    if strict:
        return int(headroom.to_integral_value(ROUND_CEILING)) - 1
    return int(headroom.to_integral_value(ROUND_FLOOR))


def status(bound: str, below: Decimal | None, headroom: Decimal | None) -> Status:
    """Name the status from the shortfalls to the lower and the upper bound."""
    if bound == Bound.AT_LEAST:
        return Status.MET if below is not None and below <= 0 else Status.BELOW
    if bound == Bound.OVER:
        return Status.MET if below is not None and below < 0 else Status.BELOW
    if bound == Bound.AT_MOST:
        return Status.MET if headroom is not None and headroom >= 0 else Status.ABOVE
    if bound == Bound.UNDER:
        return Status.MET if headroom is not None and headroom > 0 else Status.ABOVE
    if below is not None and below > 0:
        return Status.BELOW
    if headroom is not None and headroom < 0:
        return Status.ABOVE
    return Status.MET if bound == Bound.EXACT else Status.IN_RANGE
