"""Dated service histories: terms that end, renew or move to another commune, split at the reform.

A history is a list of non-overlapping core stints (plus, for some militia, a broad record after
the last one), so the exclusion constraint on core records holds by construction.
"""

import random
from dataclasses import dataclass, replace

from members.models import ServiceEndReason
from units.models import DqtvCategory, Force, ReserveCategory

from .calendar import HISTORY_START, HORIZON, REFORM, YEAR
from .scope import Scope

MILITIA_CATEGORIES = (
    [DqtvCategory.IN_PLACE] * 60
    + [DqtvCategory.MOBILE] * 24
    + [DqtvCategory.STANDING] * 6
    + [DqtvCategory.MARITIME] * 3
    + [DqtvCategory.AIR_DEFENCE, DqtvCategory.ARTILLERY, DqtvCategory.RECONNAISSANCE]
    + [DqtvCategory.SIGNALS, DqtvCategory.ENGINEERS, DqtvCategory.CHEMICAL]
    + [DqtvCategory.MEDICAL]
)
SELF_DEFENCE_CATEGORIES = (
    [DqtvCategory.IN_PLACE] * 7 + [DqtvCategory.MOBILE] * 2 + [DqtvCategory.SIGNALS]
)
RESERVE_CATEGORIES = (
    [ReserveCategory.OFFICER] * 5
    + [ReserveCategory.PROFESSIONAL] * 3
    + [ReserveCategory.NCO_SOLDIER_1] * 60
    + [ReserveCategory.NCO_SOLDIER_2] * 32
)
STOP_REASONS = (
    ServiceEndReason.TERM_COMPLETED,
    ServiceEndReason.TERM_COMPLETED,
    ServiceEndReason.MOVED_AWAY,
    ServiceEndReason.OVER_AGE,
    ServiceEndReason.HEALTH,
    ServiceEndReason.ENLISTED,
)


@dataclass(frozen=True)
class Stint:
    force: str
    category: str
    commune: int
    start: int
    end: int | None
    reason: str = ""
    is_core: bool = True


def first_category(rng: random.Random, force: str) -> str:
    if force == Force.MILITIA:
        return rng.choice(MILITIA_CATEGORIES)
    if force == Force.SELF_DEFENCE:
        return rng.choice(SELF_DEFENCE_CATEGORIES)
    return rng.choice(RESERVE_CATEGORIES)


def term_days(rng: random.Random, force: str, category: str) -> int:
    """Return a term's length: 4 years in DQTV (2 when standing), 5–8 in the reserve."""
    if force == Force.RESERVE:
        return rng.randint(5 * YEAR, 8 * YEAR)
    years = 2 if category == DqtvCategory.STANDING else 4
    return years * YEAR + rng.randint(-60, 60)


def core_stints(rng: random.Random, force: str, home: int, scope: Scope) -> list[Stint]:
    """Chain terms from a first day since 2010: renew (55 %), move commune (8 %) or stop."""
    stints: list[Stint] = []
    start, commune = rng.randint(HISTORY_START, HORIZON - 30), home
    category = first_category(rng, force)
    while True:
        end = start + term_days(rng, force, category) - 1
        if end >= HORIZON:
            stints.append(Stint(force, category, commune, start, None))
            return stints
        roll = rng.random()
        if roll < 0.55:
            stints.append(Stint(force, category, commune, start, end, "term_completed"))
        elif roll < 0.63:
            stints.append(Stint(force, category, commune, start, end, "transferred"))
            commune = rng.choice(scope.by_province[scope.province_of[home]])
        else:
            stints.append(Stint(force, category, commune, start, end, rng.choice(STOP_REASONS)))
            return stints
        start = end + 1


def broad_after(rng: random.Random, stints: list[Stint]) -> list[Stint]:
    """Give a third of the militia who stopped a broad-force record from the next day on."""
    last = stints[-1]
    if last.force != Force.MILITIA or last.end is None or rng.random() > 0.33:
        return []
    return [Stint(last.force, last.category, last.commune, last.end + 1, None, is_core=False)]


def across_reform(rng: random.Random, stints: list[Stint], scope: Scope) -> list[Stint]:
    """Put the days before 1 July 2025 in a legacy predecessor commune, splitting at the reform.

    A stint running across the reform ends on 30 June in the legacy commune and goes on from
    1 July in the current one, as the records of a reorganised commune would.
    """
    legacy: dict[int, int] = {}
    result: list[Stint] = []
    for stint in stints:
        if stint.start >= REFORM or not scope.predecessors.get(stint.commune):
            result.append(stint)
            continue
        if stint.commune not in legacy:
            legacy[stint.commune] = rng.choice(scope.predecessors[stint.commune])
        before = replace(stint, commune=legacy[stint.commune])
        if stint.end is not None and stint.end < REFORM:
            result.append(before)
            continue
        result.append(replace(before, end=REFORM - 1, reason=ServiceEndReason.TRANSFERRED))
        result.append(replace(stint, start=REFORM))
    return result


def history(rng: random.Random, force: str, home: int, scope: Scope) -> list[Stint]:
    """Return a person's dated service records, oldest first."""
    stints = core_stints(rng, force, home, scope)
    return across_reform(rng, stints + broad_after(rng, stints), scope)
