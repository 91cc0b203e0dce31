"""The demo after the seed date: service goes on, ends at its term or age and is taken up by
recruits, and on 1 July 2025 whatever is open in a legacy commune continues in its successor.

Every service record and command post open on 30 June 2025 in a legacy commune ends that day
(a transfer) and continues from 1 July in the successor commune; nothing ends on 30 June for
another reason, so whoever served that day serves the next. Residence is not dated: people live
in the current communes (their village's copy) once the demo lives past the reform.
"""

import datetime
from dataclasses import dataclass

from members.models import (
    CommandPost,
    MilitaryTraining,
    Person,
    Position,
    ServiceEndReason,
    ServiceRecord,
    Sex,
)
from units.models import DQTV_FORCES, REFORM_DATE, DqtvCategory, Force

from . import constants
from .cadres import AGES, long_standing_record, post
from .calendar import add_years
from .context import DemoContext
from .dqtv import FEMALE_SHARE
from .forces import serve
from .people import birth_for_age, home_village, new_person, pick_sex
from .reform import predecessors

DAYS = datetime.timedelta
EARLY_LEAVE_SHARE = 0.06  # of serving DQTV members who leave before their term ends
EARLY_REASONS = [ServiceEndReason.MOVED_AWAY, ServiceEndReason.HEALTH, ServiceEndReason.ENLISTED]
RESERVE_LEAVE_SHARE = 0.03
BROAD_SHARE = 0.4  # of those completing their term who stay in the broad force
OFFICER_APPOINTED_BY = datetime.date(2026, 3, 31)
EXTRA_DEPUTIES = 1  # another predecessor's commander serves as a deputy of the merged command
KINDS = {
    DqtvCategory.STANDING: "standing",
    DqtvCategory.MOBILE: "mobile",
    DqtvCategory.IN_PLACE: "in_place",
}


@dataclass
class Chain:
    """One person's service open on the seed date (or a recruit's), followed to the demo date:
    the first record and, past the reform, its continuation in the successor commune."""

    person: Person
    first_start: datetime.date
    first: ServiceRecord
    current: ServiceRecord | None = None
    member: bool = False

    @property
    def end(self) -> datetime.date | None:
        return (self.current or self.first).end

    @property
    def force(self) -> str:
        return self.first.force

    def record_on(self, day: datetime.date) -> ServiceRecord:
        """Return the record in force on `day` (the continuation from the reform on)."""
        return self.current if self.current and day >= REFORM_DATE else self.first


def _planned_end(ctx: DemoContext, record: ServiceRecord) -> tuple[datetime.date | None, str]:
    """Return when a record open on the seed date ends and why; None when it outlives the demo.

    A DQTV member serves the term (4 years, standing 2, for half of them extended by 1 or 2)
    and not past the age limit; a few leave early. A term already over ends during 2025.
    """
    if not record.is_core:
        return None, ""
    if record.force == Force.RESERVE:
        leaves = ctx.rng.random() < RESERVE_LEAVE_SHARE
        end, reason = _early(ctx) if leaves else (ctx.until, "")
    else:
        end, reason = min(_dqtv_ends(ctx, record))
    if end <= ctx.day:
        end = ctx.day + DAYS(ctx.rng.randint(1, 365))
    if end == constants.LEGACY_END:
        end -= DAYS(1)  # whoever serves on 30 June continues on 1 July
    return (None, "") if end >= ctx.until else (end, reason)


def _dqtv_ends(ctx: DemoContext, record: ServiceRecord) -> list[tuple[datetime.date, str]]:
    """Return the term's end, the last day under the age limit and maybe an early leave."""
    person = record.person
    years = constants.STANDING_TERM_YEARS if record.category == DqtvCategory.STANDING else 0
    years = years or constants.TERM_YEARS
    if ctx.rng.random() < constants.EXTENDED_SHARE:
        years += ctx.rng.choice((1, 2))
    ends = [
        (add_years(record.start, years) - DAYS(1), ServiceEndReason.TERM_COMPLETED),
        (
            add_years(person.birth_date, constants.LAST_BIRTHDAY[person.sex]) - DAYS(1),
            ServiceEndReason.OVER_AGE,
        ),
    ]
    if ctx.rng.random() < EARLY_LEAVE_SHARE:
        ends.append(_early(ctx))
    return ends


def _early(ctx: DemoContext) -> tuple[datetime.date, str]:
    """Return a day between the seed date and the demo date, and a reason to leave early."""
    day = ctx.day + DAYS(ctx.rng.randint(1, max((ctx.until - ctx.day).days - 1, 1)))
    return day, ctx.rng.choice(EARLY_REASONS)


def carry(
    ctx: DemoContext, record: ServiceRecord, end: datetime.date | None, reason: str
) -> ServiceRecord | None:
    """End `record` on `end`, or on 30 June 2025 and continue it from 1 July in the successor
    commune (its unit's and village's successors) to `end`; return the continuation."""
    if end is not None and end < REFORM_DATE:
        record.end, record.end_reason = end, reason
        return None
    era = ctx.era
    record.end, record.end_reason = constants.LEGACY_END, ServiceEndReason.TRANSFERRED
    unit = era.units.get(record.unit.pk) if record.unit else None
    village = era.villages.get(record.village.pk) if record.village else None
    current = ServiceRecord(
        person=record.person,
        force=record.force,
        category=record.category,
        is_core=record.is_core,
        commune=era.successor[record.commune.pk],
        village=unit.village if unit else village,
        unit=unit,
        start=REFORM_DATE,
        end=end,
        end_reason=reason if end else "",
    )
    ctx.rows.services.append(current)
    return current


def _broad(ctx: DemoContext, record: ServiceRecord) -> None:
    """Queue the broad-force record of someone whose term ended (some of them)."""
    broad = ServiceRecord(
        person=record.person,
        force=record.force,
        category=record.category,
        commune=record.commune,
        is_core=False,
        start=record.end + DAYS(1),
    )
    ctx.rows.services.append(broad)
    if broad.start < REFORM_DATE:
        carry(ctx, broad, None, "")


def continue_service(ctx: DemoContext) -> list[Chain]:
    """Follow every record open on the seed date to the demo date, and replace each DQTV
    member who left by a recruit in the same commune and kind of unit."""
    chains, leavers = [], []
    for record in [r for r in ctx.rows.services if r.end is None]:
        end, reason = _planned_end(ctx, record)
        chain = Chain(record.person, record.start, record, carry(ctx, record, end, reason))
        chains.append(chain)
        if end is not None and record.is_core and record.force in DQTV_FORCES:
            leavers.append(chain)
    for chain in leavers:
        last = chain.record_on(chain.end)
        if last.end_reason == ServiceEndReason.TERM_COMPLETED and ctx.rng.random() < BROAD_SHARE:
            _broad(ctx, last)
        recruit = _recruit(ctx, last)
        if recruit is not None:
            chains.append(recruit)
    return chains


def _recruit(ctx: DemoContext, left: ServiceRecord) -> Chain | None:
    """Queue a recruit joining a few weeks after `left` ended, where it served."""
    start = left.end + DAYS(ctx.rng.randint(1, 45))
    if start >= ctx.until:
        return None
    commune = left.commune
    if start >= REFORM_DATE and commune.pk in ctx.era.successor:
        commune = ctx.era.successor[commune.pk]
    member = ctx.rng.random() < constants.RECRUIT_PARTY_SHARE[left.force]
    low, high = (23, 30) if member else (18, 27)
    sex = pick_sex(ctx, FEMALE_SHARE[left.force])
    person = new_person(
        ctx,
        commune=commune,
        birth_date=birth_for_age(ctx, start, low, high),
        sex=sex,
        village=home_village(ctx, commune, member=member),
    )
    kind = KINDS.get(left.category, "arms")
    record = serve(ctx, person, left.force, commune, kind, start=start, member=member)
    if member:
        long_standing_record(ctx, person, before=start)
    current = carry(ctx, record, None, "") if start < REFORM_DATE else None
    return Chain(person, start, record, current, member)


def continue_posts(ctx: DemoContext) -> None:
    """End the legacy posts on 30 June 2025; in each current command, the cadres of the
    namesake predecessor keep their posts and another predecessor's commander becomes a
    deputy commander; from 2026 a regular officer takes the commander's post."""
    held, commanders = {}, {}
    for old in ctx.rows.posts:
        if old.end is None:
            old.end = constants.LEGACY_END
            held[(old.command.commune_id, old.position)] = old
    for commune in ctx.era.communes:
        seat, *others = predecessors(ctx, commune)
        holders = {}
        for position in AGES:
            old = held.get((seat.pk, position))
            if old is not None:
                new = _hold(ctx, old.person, commune, position, in_committee=old.in_party_committee)
                holders[position] = old.person
                if position == Position.COMMANDER:
                    commanders[commune.pk] = new
        for other in others[:EXTRA_DEPUTIES]:
            old = held.get((other.pk, Position.COMMANDER))
            if old is not None:
                _hold(ctx, old.person, commune, Position.DEPUTY_COMMANDER, in_committee=False)
        ctx.cadres[commune.pk] = holders
        ctx.introducers[commune.pk] = [
            pair for old in (seat, *others) for pair in ctx.introducers.get(old.pk, [])
        ]
        _officer_commander(ctx, commune, commander=commanders.get(commune.pk))


def _hold(ctx: DemoContext, person, commune, position: str, **fields) -> CommandPost:
    post(ctx, person, commune, position, start=REFORM_DATE, **fields)
    return ctx.rows.posts[-1]


def _officer_commander(ctx: DemoContext, commune, *, commander: CommandPost | None) -> None:
    """Appoint a regular officer commander early in 2026; the commander before stays on as a
    deputy commander."""
    days = ctx.calendar.between(
        constants.OFFICER_COMMANDERS_FROM, min(ctx.until - DAYS(1), OFFICER_APPOINTED_BY)
    )
    if not days:
        return
    start = ctx.rng.choice(days)
    officer = new_person(
        ctx,
        commune=commune,
        birth_date=birth_for_age(ctx, ctx.until, 30, 45),
        sex=Sex.MALE,
        village=home_village(ctx, commune, member=True),
        training=ctx.rng.choice([MilitaryTraining.COLLEGE, MilitaryTraining.UNIVERSITY]),
    )
    record = long_standing_record(ctx, officer, before=start, cell=ctx.cells.get(commune.pk))
    ctx.introducers[commune.pk].append((officer, record))
    if commander is not None:
        commander.end = start - DAYS(1)
        post(ctx, commander.person, commune, Position.DEPUTY_COMMANDER, start=start)
    post(ctx, officer, commune, Position.COMMANDER, start=start, in_committee=True)
    ctx.cadres[commune.pk][Position.COMMANDER] = officer


def move_residences(ctx: DemoContext) -> None:
    """Make everyone living in a legacy commune live in its successor (the village's copy)."""
    era = ctx.era
    for person in ctx.rows.persons:
        successor = era.successor.get(person.residence_commune.pk)
        if successor is None:
            continue
        village = person.residence_village
        person.residence_commune = successor
        person.residence_village = era.villages.get(village.pk) if village else None
