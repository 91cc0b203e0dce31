"""Militia and self-defence on the demo date: exactly the counts and party shares of seed 000."""

import datetime

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from members.models import Outcome, ServiceEndReason, Stage
from units.models import Commune, Force

from . import constants
from .admission_plan import Slot
from .cadres import long_standing_record
from .calendar import add_years
from .context import DemoContext
from .forces import (
    CELL_CATEGORIES,
    MAX_SERVICE_DAYS,
    Member,
    admitted_member,
    kind_of,
    leave,
    serve,
)
from .people import birth_for_age, home_village, new_person, pick_sex
from .pipeline import PRE_DECISION, admit, candidate, timeline

DAYS = datetime.timedelta
FEMALE_SHARE = {Force.MILITIA: 0.12, Force.SELF_DEFENCE: 0.3}
MAX_AGE = {"male": 45, "female": 40}


def _start(ctx: DemoContext, birth: datetime.date, adult_years: int = 18) -> datetime.date:
    first = max(ctx.day - DAYS(MAX_SERVICE_DAYS), add_years(birth, adult_years) + DAYS(1))
    last = ctx.day - DAYS(14)
    return first + DAYS(ctx.rng.randint(0, max((last - first).days, 0)))


def _person(ctx: DemoContext, force: str, commune: Commune, *, low: int, member: bool):
    sex = pick_sex(ctx, FEMALE_SHARE[force])
    birth = birth_for_age(ctx, ctx.day, low, MAX_AGE[sex])
    village = home_village(ctx, commune, member=member)
    return new_person(ctx, commune=commune, birth_date=birth, sex=sex, village=village)


def long_standing(ctx: DemoContext, force: str, commune: Commune, kind: str | None = None) -> None:
    """Queue a serving party member who joined the Party before joining the force."""
    person = _person(ctx, force, commune, low=24, member=True)
    start = _start(ctx, person.birth_date, adult_years=20)
    service = serve(
        ctx, person, force, commune, kind or kind_of(ctx, "plain"), start=start, member=True
    )
    cell = ctx.cells.get(commune.pk) if service.category in CELL_CATEGORIES else None
    long_standing_record(ctx, person, before=start, cell=cell if force == Force.MILITIA else None)


def plain(ctx: DemoContext, force: str, commune: Commune) -> Member:
    """Queue a serving non-member; a few came by transfer from another commune."""
    person = _person(ctx, force, commune, low=18, member=False)
    start = _start(ctx, person.birth_date)
    service = serve(ctx, person, force, commune, kind_of(ctx, "plain"), start=start)
    earliest = add_years(person.birth_date, 18) + DAYS(1)
    if force == Force.MILITIA and ctx.rng.random() < 0.03 and start - DAYS(400) > earliest:
        old = ctx.rng.choice(ctx.communes)
        ctx.rows.services.append(
            type(service)(
                person=person,
                force=force,
                category=service.category,
                commune=old,
                start=max(earliest, start - DAYS(1400)),
                end=start - DAYS(1),
                end_reason=ServiceEndReason.TRANSFERRED,
            )
        )
    return Member(person, service, None)


def fill_force(ctx: DemoContext, force: str, admitted: list[Member]) -> list[Member]:
    """Add long-standing members and non-members until the force has its seed-000 counts."""
    total, party = {
        Force.MILITIA: (constants.MILITIA_CORE, constants.MILITIA_PARTY),
        Force.SELF_DEFENCE: (constants.SELF_DEFENCE_CORE, constants.SELF_DEFENCE_PARTY),
    }[force]
    serving = [m for m in admitted if m.service and m.service.force == force]
    tan_thanh = ctx.commune(constants.TAN_THANH) if force == Force.MILITIA else None
    fixed = constants.TAN_THANH_PRE_FORCE_MEMBERS if tan_thanh else 0
    members = sum(m.is_party_member(ctx.day) for m in serving) + fixed
    if members > party:
        raise CommandError(_("The demo plan admits too many members: %(n)d.") % {"n": members})
    communes, weights = _where(ctx, force)
    for commune in ctx.rng.choices(communes, weights, k=party - members):
        long_standing(ctx, force, commune)
    for _index in range(fixed):
        long_standing(ctx, force, tan_thanh, kind="mobile")
    rest = total - len(serving) - (party - members) - fixed
    return [plain(ctx, force, c) for c in ctx.rng.choices(communes, weights, k=rest)]


def _where(ctx: DemoContext, force: str) -> tuple[list[Commune], list[int]]:
    if force == Force.SELF_DEFENCE:
        hosts = [c for c in ctx.communes if any(k.startswith(force) for k in ctx.units[c.pk])]
        return hosts, [1] * len(hosts)
    communes = [c for c in ctx.communes if c.code != constants.TAN_THANH]
    return communes, [ctx.populations[c.pk] for c in communes]


def build_dqtv(ctx: DemoContext, slots: list[Slot]) -> list[Member]:
    """Queue every DQTV admission, then fill militia and self-defence; return the non-members."""
    admitted = [
        admitted_member(
            ctx,
            slot,
            force=slot.force,
            keep=True if slot.commune.code == constants.TAN_THANH else None,
        )
        for slot in slots
    ]
    return fill_force(ctx, Force.MILITIA, admitted) + fill_force(ctx, Force.SELF_DEFENCE, admitted)


def settled(ctx: DemoContext, pool: list[Member]) -> list[Member]:
    """Keep those serving for 700 days or more: they were in the force when they were picked
    as sources."""
    return [m for m in pool if m.service.start <= ctx.day - DAYS(700)]


def build_candidates(
    ctx: DemoContext, settled: list[Member], not_before: datetime.date | None = None
) -> None:
    """Stop open cases at every stage before the decision, and close some as stopped; no step
    before `not_before` where the demo date leaves room."""
    plan = [(s, "") for s in PRE_DECISION for _ in range(constants.OPEN_CASES_PER_STAGE)]
    plan += [
        (ctx.rng.choice(PRE_DECISION[1:]), Outcome.STOPPED) for _ in range(constants.STOPPED_CASES)
    ]
    plan += [(Stage.VERIFICATION, Outcome.TRANSFERRED)] * constants.TRANSFERRED_CASES
    for member, (stop, outcome) in zip(ctx.rng.sample(settled, len(plan)), plan, strict=True):
        last_on = ctx.day - DAYS(ctx.rng.randint(45 if outcome else 1, 200))
        candidate(
            ctx,
            member.person,
            commune=member.service.commune,
            stop=stop,
            last_on=last_on,
            outcome=outcome,
            not_before=not_before,
        )


def build_former(ctx: DemoContext) -> None:
    """Queue people whose militia service ended before the demo date (never party members)."""
    for commune in ctx.rng.choices(ctx.communes, k=constants.FORMER_MILITIA):
        person = _person(ctx, Force.MILITIA, commune, low=22, member=False)
        start = _start(ctx, person.birth_date)
        service = serve(ctx, person, Force.MILITIA, commune, kind_of(ctx, "plain"), start=start)
        service.start = max(add_years(person.birth_date, 18) + DAYS(1), start - DAYS(1500))
        if not leave(ctx, service, after=service.start):
            service.end, service.end_reason = ctx.day - DAYS(1), ServiceEndReason.OVER_AGE


def build_enterprise_workers(ctx: DemoContext, slots: list[Slot]) -> None:
    """Queue Cao Lộc's private-enterprise workers admitted in 2023: outside the forces."""
    for slot in slots:
        person = _person(ctx, Force.MILITIA, slot.commune, low=22, member=True)
        admit(ctx, person, commune=slot.commune, dates=timeline(ctx, slot.day))
        case = ctx.rows.cases[-1]
        first = next(s for s in ctx.rows.steps if s.case is case)
        first.note = "Công nhân doanh nghiệp tư nhân trên địa bàn"
