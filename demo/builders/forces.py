"""Service records and the people of each force: admitted, long-standing members, the rest."""

import datetime
from dataclasses import dataclass

from members.models import PartyRecord, ServiceEndReason, ServiceRecord, Stage
from members.querysets import is_member_on
from units.models import Commune, DqtvCategory, Force

from .calendar import add_years
from .context import DemoContext
from .people import birth_for_age, home_village, new_person, pick_sex
from .pipeline import admit, timeline

DAYS = datetime.timedelta
MAX_SERVICE_DAYS = 2400  # a 4-year term, extended by 2 years, and a little slack
CELL_CATEGORIES = (DqtvCategory.STANDING, DqtvCategory.MOBILE, DqtvCategory.MARITIME)
MIX = {
    "admitted": [("standing", 20), ("mobile", 45), ("in_place", 30), ("arms", 5)],
    "plain": [("standing", 5), ("mobile", 18), ("in_place", 67), ("arms", 10)],
}
RETENTION = [0.95, 0.85, 0.6, 0.45, 0.3, 0.15]
END_REASONS = [ServiceEndReason.TERM_COMPLETED] * 5 + [
    ServiceEndReason.MOVED_AWAY,
    ServiceEndReason.ENLISTED,
    ServiceEndReason.HEALTH,
]


@dataclass
class Member:
    """A person with the service record covering the demo date (if any) and party record."""

    person: object
    service: ServiceRecord | None
    record: PartyRecord | None

    def is_party_member(self, day: datetime.date) -> bool:
        record = self.record
        return bool(record and is_member_on(record.admitted_on, record.exit_on, day))


def serve(ctx: DemoContext, person: object, force: str, commune: Commune, kind: str, **dates):
    """Queue a service record in a unit of `force` of the commune matching `kind`."""
    unit = choose_unit(ctx, force, commune, kind, dates.pop("member", False))
    category = unit.category if unit else DqtvCategory.IN_PLACE
    record = ServiceRecord(
        person=person,
        force=force,
        category=category,
        commune=commune,
        village=unit.village if unit else None,
        unit=unit,
        **dates,
    )
    ctx.rows.services.append(record)
    return record


def choose_unit(ctx: DemoContext, force: str, commune: Commune, kind: str, member: bool):
    """Return a unit of the commune for `kind`; members avoid memberless villages' squads."""
    units = ctx.units.get(commune.pk, {})
    if force == Force.SELF_DEFENCE:
        options = [u for key, us in units.items() if key.startswith(force) for u in us]
    elif kind == "arms":
        options = [
            u
            for key, us in units.items()
            if key.split(":")[1] not in ("standing", "mobile", "in_place")
            and key.startswith("militia")
            for u in us
        ]
    else:
        options = units.get(f"militia:{kind}", [])
    if member:
        options = [u for u in options if u.village_id not in ctx.memberless_villages] or options
    return ctx.rng.choice(options) if options else None


def kind_of(ctx: DemoContext, mix: str) -> str:
    """Return a unit kind (standing, mobile, in_place, arms) drawn from `mix`."""
    pairs = MIX[mix]
    return ctx.rng.choices([k for k, _ in pairs], [w for _, w in pairs])[0]


def leave(ctx: DemoContext, service: ServiceRecord, after: datetime.date) -> bool:
    """End `service` between `after` and the day before the demo date; False if no room."""
    first = max(after, service.start + DAYS(365))
    last = ctx.day - DAYS(1)
    if first > last:
        return False
    service.end = first + DAYS(ctx.rng.randint(0, (last - first).days))
    service.end_reason = ctx.rng.choice(END_REASONS)
    if service.end_reason == ServiceEndReason.TERM_COMPLETED and ctx.rng.random() < 0.4:
        ctx.rows.services.append(
            ServiceRecord(
                person=service.person,
                force=service.force,
                category=service.category,
                commune=service.commune,
                is_core=False,
                start=service.end + DAYS(1),
            )
        )
    return True


def retained(ctx: DemoContext, year: int) -> bool:
    """Say whether someone admitted in `year` still serves on the demo date."""
    age = min(ctx.day.year - year, len(RETENTION) - 1)
    return ctx.rng.random() < RETENTION[age]


def admitted_member(ctx: DemoContext, slot, *, force: str, keep: bool | None = None) -> Member:
    """Queue a person admitted while serving in `force`, per the slot, and the case behind it."""
    dates = timeline(ctx, slot.day)
    stays = retained(ctx, slot.day.year) if keep is None else keep
    struck = struck_off_day(ctx, dates) if keep is None else None
    sex = pick_sex(ctx, 0.12 if force == Force.MILITIA else 0.3)
    person = new_person(
        ctx,
        commune=slot.commune,
        sex=sex,
        birth_date=birth_for_age(ctx, slot.day, 20, 32),
        village=home_village(ctx, slot.commune, member=stays and not struck),
    )
    start = dates[Stage.SOURCED] - DAYS(ctx.rng.randint(30, 400))
    start = max(start, add_years(person.birth_date, 18) + DAYS(1))
    if stays and start < ctx.day - DAYS(MAX_SERVICE_DAYS):
        stays = False
    kind = "mobile" if keep else kind_of(ctx, "admitted")
    service = serve(ctx, person, force, slot.commune, kind, start=start, member=stays)
    if not stays and not leave(ctx, service, after=slot.day + DAYS(30)):
        stays = True
    in_cell = force == Force.MILITIA and service.category in CELL_CATEGORIES
    cell = ctx.cells.get(slot.commune.pk) if in_cell else None
    at_vote = cell if cell and cell.established_on <= dates[Stage.CELL_VOTE] else None
    record = admit(ctx, person, commune=slot.commune, dates=dates, cell=at_vote, struck_off=struck)
    member = Member(person, service if stays else None, record)
    if stays and cell and member.is_party_member(ctx.day):
        record.military_cell = cell
    return member


def struck_off_day(ctx: DemoContext, dates: dict) -> datetime.date | None:
    """Return the day a new probationer is struck off (1.5 % of them), or None."""
    if ctx.rng.random() >= 0.015:
        return None
    day = dates[Stage.CEREMONY] + DAYS(ctx.rng.randint(60, 300))
    return day if day <= ctx.day else None
