"""Admissions after the seed date and the cases open on the demo date, among people serving.

Each year after 2024 admits about as many DQTV members as seed 002's recent years (and the same
reserve rate); the people admitted served for over a year before their case began. A decision
before 1 July 2025 belongs to the legacy commune, one after it to the current commune, which
takes over the case (its first steps may predate the reform). The cases still open on the demo
date lie in current communes and start after the reform.
"""

import datetime

from members.models import Stage
from members.querysets import is_member_on
from units.models import DQTV_FORCES, REFORM_DATE, Force

from . import constants
from .context import DemoContext
from .dqtv import build_candidates
from .forces import CELL_CATEGORIES, Member, struck_off_day
from .history import Chain
from .people import home_village
from .pipeline import admit, timeline

DAYS = datetime.timedelta
SERVED_BEFORE = DAYS(450)  # in the force before the case's first step, with room to spare
SETTLED = DAYS(700)  # serving this long when picked as a source (as `dqtv.settled`)
TRIES = 80


def _yearly(ctx: DemoContext, counts: dict[int, int], default: int) -> list[datetime.date]:
    """Return the decision days of each year after the seed date, up to the demo date."""
    days = []
    for year in range(constants.SEED_DATE.year + 1, ctx.until.year + 1):
        first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        working = ctx.calendar.between(first, last)
        days += [ctx.rng.choice(working) for _ in range(counts.get(year, default))]
    return sorted(day for day in days if day <= ctx.until)


def _eligible(chain: Chain, day: datetime.date) -> bool:
    """Say whether `chain`'s person, not a party member, serves from well before to `day`."""
    return (
        not chain.member
        and chain.first.is_core
        and chain.first_start <= day - SERVED_BEFORE
        and (chain.end is None or chain.end >= day)
    )


def _pick(ctx: DemoContext, pool: list[Chain], day: datetime.date) -> Chain | None:
    for _ in range(TRIES):
        chain = pool[ctx.rng.randrange(len(pool))]
        if _eligible(chain, day):
            return chain
    return None


def _cell(ctx: DemoContext, record) -> object:
    """Return the military cell a member serving on `record` belongs to, if any."""
    if record.force != Force.MILITIA or record.category not in CELL_CATEGORIES:
        return None
    return ctx.cells.get(record.commune.pk)


def admit_serving(ctx: DemoContext, chain: Chain, decision: datetime.date) -> None:
    """Queue the case and party record of `chain`'s person, admitted on `decision` where they
    serve that day; a member still serving in a cell's unit on the demo date is in its cell."""
    dates = timeline(ctx, decision)
    record = chain.record_on(decision)
    cell = _cell(ctx, record)
    at_vote = cell if cell and cell.established_on <= dates[Stage.CELL_VOTE] else None
    party = admit(
        ctx,
        chain.person,
        commune=record.commune,
        dates=dates,
        cell=at_vote,
        struck_off=struck_off_day(ctx, dates),
    )
    chain.member = True
    if chain.end is None and is_member_on(party.admitted_on, party.exit_on, ctx.until):
        party.military_cell = _cell(ctx, chain.record_on(ctx.until))
    person = chain.person
    if person.residence_village and person.residence_village.pk in ctx.memberless_villages:
        person.residence_village = home_village(ctx, person.residence_commune, member=True)


def build_admissions(ctx: DemoContext, chains: list[Chain]) -> None:
    """Admit DQTV and reserve members serving after the seed date, at the yearly rates."""
    admitted = {id(record.person) for record in ctx.rows.party_records}
    for chain in chains:
        chain.member = id(chain.person) in admitted
    dqtv = [c for c in chains if c.force in DQTV_FORCES and c.first.is_core]
    reserve = [c for c in chains if c.force == Force.RESERVE]
    yearly = constants.DQTV_ADMISSIONS_AFTER
    plan = [(d, dqtv) for d in _yearly(ctx, yearly, constants.DQTV_ADMISSIONS_LATER)]
    plan += [(d, reserve) for d in _yearly(ctx, {}, constants.RESERVE_ADMISSIONS_PER_YEAR)]
    for decision, pool in sorted(plan, key=lambda item: item[0]):
        chain = _pick(ctx, pool, decision)
        if chain is not None:
            admit_serving(ctx, chain, decision)


def build_open_cases(ctx: DemoContext, chains: list[Chain]) -> None:
    """Stop cases at every stage before the decision in current communes, all begun after
    the reform, and close some as stopped or transferred (as the legacy demo does)."""
    settled = [
        Member(c.person, c.current, None)
        for c in chains
        if c.current is not None
        and c.force in DQTV_FORCES
        and c.current.is_core
        and c.end is None
        and not c.member
        and c.first_start <= ctx.until - SETTLED
    ]
    build_candidates(ctx, settled, not_before=REFORM_DATE)
