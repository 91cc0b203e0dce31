"""Command cadres of each commune: who held each post, from when, and their party records."""

import datetime

from members.models import (
    CommandPost,
    ExitKind,
    HolderKind,
    MilitaryTraining,
    PartyRecord,
    Position,
    Sex,
)
from units.models import REFORM_DATE, Commune

from . import constants
from .calendar import add_months, add_years
from .context import DemoContext
from .people import birth_for_age, home_village, new_person

TRAINING = [
    (MilitaryTraining.NONE, 3),
    (MilitaryTraining.ELEMENTARY, 12),
    (MilitaryTraining.INTERMEDIATE, 50),
    (MilitaryTraining.COLLEGE, 20),
    (MilitaryTraining.UNIVERSITY, 15),
]
# The five posts of a commune command the demo staffs, with the ages of their holders.
AGES = {
    Position.COMMANDER: (30, 52),
    Position.POLITICAL_COMMISSAR: (35, 55),
    Position.DEPUTY_COMMANDER: (26, 48),
    Position.DEPUTY_COMMISSAR: (24, 32),
    Position.ASSISTANT: (24, 45),
}
MEMBER_SHARE = {Position.DEPUTY_COMMISSAR: 0.9, Position.ASSISTANT: 0.6}


def long_standing_record(
    ctx: DemoContext, person: object, *, before: datetime.date, cell: object = None
) -> PartyRecord:
    """Queue a party record of someone admitted years before `before`, with no admission case."""
    earliest = add_years(person.birth_date, 19)
    latest = min(before, ctx.day) - datetime.timedelta(days=400)
    span = max((latest - earliest).days, 0)
    admitted = ctx.calendar.subtract(latest - datetime.timedelta(days=ctx.rng.randint(0, span)), 0)
    ceremony = ctx.calendar.add(admitted, ctx.rng.randint(5, 25))
    record = PartyRecord(
        person=person,
        admitted_on=admitted,
        decision_number=f"{ctx.next_number('decision')}-QĐ/HU",
        ceremony_on=ceremony,
        full_member_on=add_months(ceremony, 12),
        military_cell=cell,
    )
    ctx.rows.party_records.append(record)
    return record


def hire(
    ctx: DemoContext,
    commune: Commune,
    position: str,
    *,
    start: datetime.date,
    member: bool,
    in_cell: bool = True,
) -> object:
    """Queue a cadre holding `position` from `start`, with a party record when `member`."""
    low, high = AGES[position]
    female = position in (Position.DEPUTY_COMMISSAR, Position.ASSISTANT) and ctx.rng.random() < 0.3
    sex = Sex.FEMALE if female else Sex.MALE
    training = ctx.rng.choices([t for t, _ in TRAINING], [w for _, w in TRAINING])[0]
    person = new_person(
        ctx,
        commune=commune,
        birth_date=birth_for_age(ctx, ctx.day, low, high),
        sex=sex,
        village=home_village(ctx, commune, member=member),
        training=training,
    )
    if member:
        cell = ctx.cells.get(commune.pk) if in_cell else None
        record = long_standing_record(ctx, person, before=start, cell=cell)
        ctx.introducers.setdefault(commune.pk, []).append((person, record))
    return person


def post(ctx: DemoContext, person: object, commune: Commune, position: str, **dates) -> None:
    """Queue a post in the commune's command."""
    in_committee = dates.pop("in_committee", position == Position.POLITICAL_COMMISSAR)
    ctx.rows.posts.append(
        CommandPost(
            person=person,
            command=ctx.commands[commune.pk],
            position=position,
            in_party_committee=in_committee,
            **dates,
        )
    )


def staff_commune(ctx: DemoContext, commune: Commune, *, deputy_member: bool, seated: bool) -> None:
    """Fill the five posts of one commune; some posts changed hands since 2015."""
    holders = {}
    for position in AGES:
        member = {
            Position.DEPUTY_COMMANDER: deputy_member,
            Position.COMMANDER: True,
            Position.POLITICAL_COMMISSAR: True,
        }.get(position, ctx.rng.random() < MEMBER_SHARE.get(position, 1))
        if commune.code == constants.TAN_THANH:
            member = True  # its cell had exactly the 5 cadres and 3 militia in 2023
        start = _start(ctx, commune, position)
        person = hire(ctx, commune, position, start=start, member=member)
        committee = position == Position.POLITICAL_COMMISSAR or (
            position == Position.COMMANDER and seated
        )
        post(ctx, person, commune, position, start=start, in_committee=committee)
        if start.year > 2015:
            _predecessor(ctx, commune, position, until=start - datetime.timedelta(days=1))
        holders[position] = person
    ctx.cadres[commune.pk] = holders


def _start(ctx: DemoContext, commune: Commune, position: str) -> datetime.date:
    if commune.code == constants.TAN_THANH or ctx.rng.random() < 0.6:
        return datetime.date(ctx.rng.randint(2012, 2015), ctx.rng.randint(1, 12), 1)
    latest = ctx.day - datetime.timedelta(days=90)
    return ctx.rng.choice(ctx.calendar.between(datetime.date(2016, 1, 4), latest))


def _predecessor(ctx: DemoContext, commune: Commune, position: str, until: datetime.date) -> None:
    start = add_years(until, -ctx.rng.randint(3, 8))
    member = position != Position.ASSISTANT
    person = hire(ctx, commune, position, start=start, member=member, in_cell=False)
    post(
        ctx,
        person,
        commune,
        position,
        start=start,
        end=until,
        in_committee=position in (Position.COMMANDER, Position.POLITICAL_COMMISSAR),
    )


def build_cadres(ctx: DemoContext) -> None:
    """Staff every command: 34 deputy commanders are not party members, some commanders are
    not on the commune party committee (seed 000)."""
    others = [c for c in ctx.communes if c.code != constants.TAN_THANH]
    outsiders = {c.pk for c in ctx.rng.sample(others, constants.DEPUTIES_NOT_MEMBERS)}
    unseated = {c.pk for c in ctx.rng.sample(others, constants.COMMANDERS_OFF_COMMITTEE)}
    for commune in ctx.communes:
        staff_commune(
            ctx,
            commune,
            deputy_member=commune.pk not in outsiders,
            seated=commune.pk not in unseated,
        )
    _one_deputy_resigned(ctx, outsiders)


def _one_deputy_resigned(ctx: DemoContext, outsiders: set[int]) -> None:
    """Give one non-member deputy a past membership that ended: exits stop counting."""
    commune_pk = min(outsiders)
    person = ctx.cadres[commune_pk][Position.DEPUTY_COMMANDER]
    record = long_standing_record(ctx, person, before=ctx.day - datetime.timedelta(days=900))
    record.exit_on = ctx.calendar.add(record.full_member_on, 200)
    record.exit_kind = ExitKind.RESIGNED


def set_holder_kinds(ctx: DemoContext) -> None:
    """Say who holds each post (DOMAIN.md §4): before the reform commanders were commune civil
    servants and deputies and assistants part-time; after it deputies and assistants are civil
    servants, and from 2026 commanders are regular officers. Commissars hold theirs by office
    (party and youth-union secretaries): not said."""
    for held in ctx.rows.posts:
        held.holder_kind = _holder_kind(held.position, held.start)


def _holder_kind(position: str, start: datetime.date) -> str:
    if position == Position.COMMANDER:
        officer = start >= constants.OFFICER_COMMANDERS_FROM
        return HolderKind.REGULAR_OFFICER if officer else HolderKind.CIVIL_SERVANT
    if position in (Position.DEPUTY_COMMANDER, Position.ASSISTANT):
        after = start >= REFORM_DATE
        return HolderKind.CIVIL_SERVANT if after else HolderKind.PART_TIME
    return ""
