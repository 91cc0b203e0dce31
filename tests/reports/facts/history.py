"""Random histories for the fact tests: people moving between communes of both eras and their
units, transfers the day after (or before) another record ends, exits, and admissions on the
edges of service records and periods."""

import datetime
import random
from dataclasses import dataclass, field

from members.models import ExitKind, PartyRecord, ServiceRecord
from reports.areas import Area, commune_area, district_area, nation, province_area, unit_area
from reports.indicators import Window
from tests.members.factories import PersonFactory
from tests.units.factories import (
    CURRENT_START,
    LEGACY_END,
    CommuneFactory,
    DistrictFactory,
    ForceUnitFactory,
    ProvinceFactory,
    VillageFactory,
)
from units.models import Commune, DqtvCategory, Force, ForceUnit, ReserveCategory, Village

FIRST = datetime.date(2016, 1, 1)
LAST = datetime.date(2026, 6, 30)
ONE_DAY = datetime.timedelta(days=1)
CATEGORIES = {
    Force.MILITIA: [DqtvCategory.STANDING, DqtvCategory.MOBILE, DqtvCategory.IN_PLACE],
    Force.SELF_DEFENCE: [DqtvCategory.MOBILE, DqtvCategory.IN_PLACE],
    Force.RESERVE: [ReserveCategory.OFFICER, ReserveCategory.NCO_SOLDIER_1],
}


@dataclass
class World:
    """Two legacy communes of a legacy district, two current ones, units in each."""

    communes: list[Commune]
    units: list[ForceUnit]
    areas: list[Area] = field(default_factory=list)
    villages: list[Village] = field(default_factory=list)


def build_world() -> World:
    legacy_province = ProvinceFactory(valid_from=None, valid_to=LEGACY_END)
    district = DistrictFactory(province=legacy_province)
    current_province = ProvinceFactory(valid_from=CURRENT_START, valid_to=None)
    legacy = [CommuneFactory(province=legacy_province, district=district) for _ in range(2)]
    current = [CommuneFactory(province=current_province) for _ in range(2)]
    communes = legacy + current
    units = [
        ForceUnitFactory(commune=commune, force=force, category=CATEGORIES[force][0])
        for commune in communes
        for force in (Force.MILITIA, Force.RESERVE)
    ]
    areas = [
        nation(),
        province_area(legacy_province),
        province_area(current_province),
        district_area(district),
        *(commune_area(c) for c in communes),
        *(unit_area(u) for u in units),
    ]
    villages = [VillageFactory(commune=commune) for commune in communes for _ in range(3)]
    return World(communes, units, areas, villages)


def random_day(rng: random.Random, first: datetime.date = FIRST, last: datetime.date = LAST):
    return first + datetime.timedelta(days=rng.randint(0, (last - first).days))


def random_service(rng: random.Random, world: World, person, start: datetime.date, end):
    force = rng.choice(list(CATEGORIES))
    commune = rng.choice(world.communes)
    units = [u for u in world.units if u.commune_id == commune.pk and u.force == force]
    return ServiceRecord.objects.create(
        person=person,
        force=force,
        category=rng.choice(CATEGORIES[force]),
        is_core=force == Force.RESERVE or rng.random() < 0.85,
        # Some reservists are registered at the commune only, not assigned to a unit.
        unassigned=force == Force.RESERVE and rng.random() < 0.2,
        commune=commune,
        unit=units[0] if units and rng.random() < 0.7 else None,
        start=start,
        end=end,
        end_reason="transferred" if end else "",
    )


def random_person(rng: random.Random, world: World) -> None:
    """One person: up to three records one after another, maybe party records."""
    village = rng.choice(world.villages)
    person = PersonFactory(
        residence_commune=village.commune,
        residence_village=village if rng.random() < 0.8 else None,
    )
    start, edges = random_day(rng), []
    for _ in range(rng.randint(1, 3)):
        end = None if rng.random() < 0.3 else min(LAST, start + ONE_DAY * rng.randint(0, 1500))
        random_service(rng, world, person, start, end)
        edges += [start, end or LAST]
        if end is None or end >= LAST:
            break
        # A transfer: the next record starts the day after, or some time later.
        start = end + ONE_DAY * (1 if rng.random() < 0.5 else rng.randint(2, 400))
        if start > LAST:
            break
    if rng.random() < 0.5:
        random_party(rng, person, edges)


def random_party(rng: random.Random, person, edges: list[datetime.date]) -> None:
    """An admission on a record's edge or any day; maybe an exit and a later re-admission."""
    admitted = rng.choice(edges) if rng.random() < 0.5 else random_day(rng)
    exit_on = None
    if rng.random() < 0.3 and admitted < LAST:
        exit_on = random_day(rng, admitted + ONE_DAY)
    PartyRecord.objects.create(
        person=person,
        admitted_on=admitted,
        exit_on=exit_on,
        exit_kind=ExitKind.values[0] if exit_on else "",
    )
    if exit_on and exit_on < LAST and rng.random() < 0.5:
        PartyRecord.objects.create(person=person, admitted_on=random_day(rng, exit_on + ONE_DAY))


def random_window(rng: random.Random) -> Window:
    """A random date, or an edge of the reform, with a period around it (sometimes one day)."""
    on = rng.choice([random_day(rng), LEGACY_END, CURRENT_START, LAST])
    start = random_day(rng)
    end = start if rng.random() < 0.2 else random_day(rng, start)
    return Window(on=on, start=start, end=end)


def populated_world(seed: int, people: int) -> World:
    """A world with `people` random histories drawn from `seed`."""
    world = build_world()
    rng = random.Random(seed)
    for _ in range(people):
        random_person(rng, world)
    return world
