"""When and where admissions happen: the yearly figures of seed 002, placed on working days."""

import datetime
from dataclasses import dataclass

from units.models import Commune, Force

from . import constants
from .context import DemoContext

SELF_DEFENCE_SHARE = 0.3  # of admissions in a commune that hosts self-defence units


@dataclass(frozen=True)
class Slot:
    """One admission decision: its date, the commune and the force the person serves in."""

    day: datetime.date
    commune: Commune
    force: str | None  # None: a private-enterprise worker outside the forces


def _days(ctx: DemoContext, first: datetime.date, last: datetime.date, count: int) -> list:
    working = ctx.calendar.between(first, last)
    return sorted(ctx.rng.choice(working) for _ in range(count))


def _force(ctx: DemoContext, commune: Commune) -> str:
    hosts = any(key.startswith(Force.SELF_DEFENCE) for key in ctx.units.get(commune.pk, {}))
    return Force.SELF_DEFENCE if hosts and ctx.rng.random() < SELF_DEFENCE_SHARE else Force.MILITIA


def _spread(ctx: DemoContext, communes: list, first, last, count: int) -> list[Slot]:
    """Return `count` DQTV admissions in `communes` between two dates, weighted by population."""
    weights = [ctx.populations[c.pk] for c in communes]
    chosen = ctx.rng.choices(communes, weights, k=count)
    return [
        Slot(day, commune, _force(ctx, commune))
        for day, commune in zip(_days(ctx, first, last, count), chosen, strict=True)
    ]


def quotas(year: int) -> list[tuple[str | None, int, datetime.date, datetime.date]]:
    """Return (district code or None for the rest, count, first, last) for one year."""
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    total = constants.DQTV_ADMISSIONS[year]
    if year == 2023:
        fixed = [
            (constants.CHI_LANG, constants.CHI_LANG_2023, start, end),
            (constants.CAO_LOC, constants.CAO_LOC_DQTV_2023, start, end),
        ]
    elif year == 2024:
        fixed = [
            (constants.CHI_LANG, constants.CHI_LANG_EARLY_2024, start, datetime.date(2024, 2, 29)),
            (constants.CHI_LANG, constants.CHI_LANG_REST_2024, datetime.date(2024, 3, 1), end),
        ]
        total -= 1  # Tân Thành's admission
    else:
        fixed = []
    return [*fixed, (None, total - sum(q[1] for q in fixed), start, end)]


def dqtv_slots(ctx: DemoContext) -> list[Slot]:
    """Return every DQTV admission dated on or before the demo date."""
    slots = []
    for year in constants.DQTV_ADMISSIONS:
        plan = quotas(year)
        fixed = {code for code, *_ in plan if code}
        for code, count, first, last in plan:
            communes = ctx.district_communes(code) if code else _rest(ctx, fixed)
            communes = [c for c in communes if c.code != constants.TAN_THANH]
            slots += _spread(ctx, communes, first, last, count)
    tan_thanh = ctx.commune(constants.TAN_THANH)
    if tan_thanh is not None:
        slots.append(Slot(constants.TAN_THANH_ADMISSION, tan_thanh, Force.MILITIA))
    return [slot for slot in slots if slot.day <= ctx.day]


def _rest(ctx: DemoContext, excluded_districts: set[str]) -> list[Commune]:
    excluded = {ctx.districts[code].pk for code in excluded_districts}
    return [c for c in ctx.communes if c.district_id not in excluded]


def enterprise_slots(ctx: DemoContext) -> list[Slot]:
    """Return Cao Lộc's 2023 admissions of private-enterprise workers outside the forces."""
    communes = ctx.district_communes(constants.CAO_LOC)
    first, last = datetime.date(2023, 1, 1), datetime.date(2023, 12, 31)
    days = _days(ctx, first, last, constants.CAO_LOC_ENTERPRISE_2023)
    return [Slot(day, ctx.rng.choice(communes), None) for day in days if day <= ctx.day]


def reserve_slots(ctx: DemoContext) -> list[Slot]:
    """Return reserve admissions, none in Cao Lộc in 2023 (its 27 are militia and enterprise)."""
    cao_loc = ctx.districts[constants.CAO_LOC].pk
    slots = []
    for year in constants.DQTV_ADMISSIONS:
        first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        for day in _days(ctx, first, last, constants.RESERVE_ADMISSIONS_PER_YEAR):
            communes = [c for c in ctx.communes if year != 2023 or c.district_id != cao_loc]
            slots.append(Slot(day, ctx.rng.choice(communes), Force.RESERVE))
    return [slot for slot in slots if slot.day <= ctx.day]
