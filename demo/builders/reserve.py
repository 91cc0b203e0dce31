"""The reserve on the demo date: 6,000 members, 350 of them party members (seed 000)."""

import datetime

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from members.models import PartyRecord, ServiceEndReason, ServiceRecord, Stage
from units.models import Commune, DqtvCategory, Force, ReserveCategory

from . import constants
from .admission_plan import Slot
from .cadres import long_standing_record
from .calendar import add_months, add_years
from .context import DemoContext
from .forces import Member
from .people import birth_for_age, home_village, new_person, pick_sex
from .pipeline import admit, timeline

DAYS = datetime.timedelta
NCO = (ReserveCategory.NCO_SOLDIER_1, ReserveCategory.NCO_SOLDIER_2)


def register(ctx: DemoContext, person: object, commune: Commune, start: datetime.date):
    """Queue a reserve record at the commune; the category is set once shares are known."""
    service = ServiceRecord(
        person=person,
        force=Force.RESERVE,
        category=NCO[0],
        commune=commune,
        unit=ctx.rng.choice(ctx.reserve_units),
        start=start,
    )
    ctx.rows.services.append(service)
    return service


def _person(ctx: DemoContext, commune: Commune, *, on: datetime.date, member: bool):
    return new_person(
        ctx,
        commune=commune,
        sex=pick_sex(ctx, 0.05),
        birth_date=birth_for_age(ctx, on, 24, 38),
        village=home_village(ctx, commune, member=member),
    )


def admitted(ctx: DemoContext, slot: Slot) -> Member:
    """Queue a reserve member admitted while registered in the reserve."""
    dates = timeline(ctx, slot.day)
    person = _person(ctx, slot.commune, on=slot.day, member=True)
    start = dates[Stage.SOURCED] - DAYS(ctx.rng.randint(60, 900))
    service = register(ctx, person, slot.commune, max(start, add_years(person.birth_date, 20)))
    record = admit(ctx, person, commune=slot.commune, dates=dates)
    if ctx.rng.random() < 0.1 and slot.day + DAYS(400) < ctx.day:
        service.end, service.end_reason = slot.day + DAYS(400), ServiceEndReason.MOVED_AWAY
        return Member(person, None, record)
    return Member(person, service, record)


def after_army(ctx: DemoContext, person: object, commune: Commune) -> tuple:
    """Queue militia service ended by enlistment; return its end and the reserve registration
    two years later (or shortly before the demo date)."""
    start = add_years(person.birth_date, 18) + DAYS(ctx.rng.randint(30, 700))
    end = start + DAYS(ctx.rng.randint(200, 900))
    ctx.rows.services.append(
        ServiceRecord(
            person=person,
            force=Force.MILITIA,
            category=DqtvCategory.IN_PLACE,
            commune=commune,
            start=start,
            end=end,
            end_reason=ServiceEndReason.ENLISTED,
        )
    )
    return end, min(add_months(end, 25), ctx.day - DAYS(30))


def registered(ctx: DemoContext, commune: Commune, *, member: bool) -> Member:
    """Queue a reserve member; former militia enlisted, and members joined the Party in the army."""
    person = _person(ctx, commune, on=ctx.day, member=member)
    if ctx.rng.random() < 0.3:
        end, start = after_army(ctx, person, commune)
        army = end + DAYS(ctx.rng.randint(30, max(31, (start - end).days - 30)))
        record = _army_record(ctx, person, army) if member else None
    else:
        start = add_years(person.birth_date, 21) + DAYS(ctx.rng.randint(0, 2000))
        record = long_standing_record(ctx, person, before=start) if member else None
    start = min(start, ctx.day - DAYS(30))
    return Member(person, register(ctx, person, commune, start), record)


def _army_record(ctx: DemoContext, person: object, admitted: datetime.date) -> PartyRecord:
    ceremony = ctx.calendar.add(admitted, 10)
    record = PartyRecord(
        person=person,
        admitted_on=admitted,
        ceremony_on=ceremony,
        full_member_on=add_months(ceremony, 12),
        decision_number=f"{ctx.next_number('army')}-QĐ/ĐU",
    )
    ctx.rows.party_records.append(record)
    return record


def categorise(ctx: DemoContext, members: list[Member], officers: int, professionals: int) -> None:
    """Set the categories: the first `officers` are officers, then professionals, then NCOs."""
    for index, member in enumerate(members):
        if index < officers:
            member.service.category = ReserveCategory.OFFICER
        elif index < officers + professionals:
            member.service.category = ReserveCategory.PROFESSIONAL
        else:
            member.service.category = NCO[ctx.rng.random() < 0.3]


def build_reserve(ctx: DemoContext, slots: list[Slot]) -> None:
    """Queue reserve admissions, then fill the reserve to its seed-000 counts and shares."""
    serving = [m for m in (admitted(ctx, slot) for slot in slots) if m.service]
    members = [m for m in serving if m.is_party_member(ctx.day)]
    if len(members) > constants.RESERVE_PARTY:
        raise CommandError(_("The demo plan admits too many reserve members."))
    communes = ctx.communes
    members += [
        registered(ctx, ctx.rng.choice(communes), member=True)
        for _ in range(constants.RESERVE_PARTY - len(members))
    ]
    others = [m for m in serving if not m.is_party_member(ctx.day)]
    others += [
        registered(ctx, ctx.rng.choice(communes), member=False)
        for _ in range(constants.RESERVE_TOTAL - constants.RESERVE_PARTY - len(others))
    ]
    ctx.rng.shuffle(members)
    categorise(ctx, members, constants.RESERVE_OFFICER_PARTY, constants.RESERVE_PROFESSIONAL_PARTY)
    categorise(
        ctx,
        others,
        constants.RESERVE_OFFICERS - constants.RESERVE_OFFICER_PARTY,
        constants.RESERVE_PROFESSIONALS - constants.RESERVE_PROFESSIONAL_PARTY,
    )
