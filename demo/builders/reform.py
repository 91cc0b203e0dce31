"""The current units of the demo province from 1 July 2025, made from the legacy ones.

Each legacy commune's records join one current commune (`CurrentEra.successor`). A current
commune takes over its predecessors' villages (a name two of them share gets the old commune's
name beside it), adds up their population, and gets a new military command, force units and,
in most communes, a new military party cell. The legacy villages, cells and units end on
30 June 2025 (`geography.py`, `units.py`); the people and posts move in `history.py`.
"""

import datetime

from units.models import (
    REFORM_DATE,
    CommuneCommand,
    CommunePopulation,
    DqtvCategory,
    Force,
    ForceUnit,
    MilitaryPartyCell,
    Village,
)

from . import constants
from .context import DemoContext
from .units import ARMS, cell_name, commune_militia, index_units

# Host agencies renamed by the 2025 merger of departments (the militia units stay).
HOST_RENAMES = {
    "Sở Nông nghiệp và Phát triển nông thôn tỉnh Lạng Sơn": (
        "Sở Nông nghiệp và Môi trường tỉnh Lạng Sơn"
    ),
}
PLAIN_MILITIA = (DqtvCategory.STANDING, DqtvCategory.MOBILE, DqtvCategory.IN_PLACE)
TYPE_WORDS = ("Thị trấn ", "Phường ", "Xã ")
FIRST_CELLS_BY = datetime.date(2025, 9, 30)
LATE_CELLS = (datetime.date(2025, 10, 1), datetime.date(2026, 6, 30))


def build_current_structure(ctx: DemoContext) -> None:
    """Create the current communes' villages, populations, commands, cells and force units."""
    build_villages(ctx)
    build_populations(ctx)
    build_commands(ctx)
    build_cells(ctx)
    build_force_units(ctx)


def predecessors(ctx: DemoContext, commune) -> list:
    """Return the legacy communes whose records join `commune`, its namesake code first."""
    return ctx.era.predecessors(commune, ctx.communes)


def _short(name: str) -> str:
    """Return "Tân Thành" for "Xã Tân Thành"."""
    return next((name[len(w) :] for w in TYPE_WORDS if name.startswith(w)), name)


def _free_name(name: str, legacy, taken: set[str]) -> str:
    """Return `name`, or `name (old commune)` when another village of the commune has it."""
    candidate, number = name, 1
    while candidate in taken:
        suffix = _short(legacy.name) if number == 1 else f"{_short(legacy.name)} {number}"
        candidate, number = f"{name} ({suffix})", number + 1
    taken.add(candidate)
    return candidate


def build_villages(ctx: DemoContext) -> None:
    """Copy the predecessors' villages into each current commune, valid from the reform."""
    pairs = []
    for commune in ctx.era.communes:
        taken: set[str] = set()
        for legacy in predecessors(ctx, commune):
            for village in ctx.villages.get(legacy.pk, []):
                name = _free_name(village.name, legacy, taken)
                kind = village.kind
                copy = Village(commune=commune, name=name, kind=kind, valid_from=REFORM_DATE)
                pairs.append((village, copy))
    Village.objects.bulk_create([copy for _, copy in pairs], batch_size=1000)
    for village, copy in pairs:
        ctx.era.villages[village.pk] = copy
        ctx.villages.setdefault(copy.commune_id, []).append(copy)
    ctx.memberless_villages |= {ctx.era.villages[pk].pk for pk in ctx.memberless_villages}


def build_populations(ctx: DemoContext) -> None:
    """Record each current commune's population from 2025: its predecessors', still growing."""
    rows = []
    for commune in ctx.era.communes:
        olds = predecessors(ctx, commune)
        for year in range(REFORM_DATE.year, ctx.until.year + 1):
            population = sum(
                round(ctx.populations[c.pk] * (1 + ctx.growth[c.pk]) ** (year - REFORM_DATE.year))
                for c in olds
            )
            rows.append(CommunePopulation(commune=commune, year=year, population=population))
        ctx.populations[commune.pk] = rows[-1].population
    CommunePopulation.objects.bulk_create(rows, batch_size=1000)


def build_commands(ctx: DemoContext) -> None:
    """Create one military command per current commune, from the reform."""
    commands = [CommuneCommand(commune=c, established_on=REFORM_DATE) for c in ctx.era.communes]
    CommuneCommand.objects.bulk_create(commands, batch_size=1000)
    ctx.commands.update({command.commune_id: command for command in commands})


def build_cells(ctx: DemoContext) -> None:
    """Found a military cell in most current communes by September 2025, a few later, and
    none yet in a few (never in the demo cadre's commune)."""
    communes = ctx.era.communes
    cadre = cadre_commune(ctx)
    others = [c for c in communes if c.pk != cadre.pk]
    without = {c.pk for c in ctx.rng.sample(others, constants.CURRENT_COMMUNES_WITHOUT_CELL)}
    rest = [c for c in others if c.pk not in without]
    late = {c.pk for c in ctx.rng.sample(rest, constants.CURRENT_LATE_CELLS)}
    cells = []
    for commune in communes:
        if commune.pk in without:
            continue
        first, last = LATE_CELLS if commune.pk in late else (REFORM_DATE, FIRST_CELLS_BY)
        founded = ctx.rng.choice(ctx.calendar.between(first, last))
        if founded <= ctx.until:
            name = cell_name(commune)
            cells.append(MilitaryPartyCell(commune=commune, name=name, established_on=founded))
    MilitaryPartyCell.objects.bulk_create(cells, batch_size=1000)
    ctx.cells.update({cell.commune_id: cell for cell in cells})


def cadre_commune(ctx: DemoContext):
    """Return the current commune of the demo commune cadre: Tân Thành's successor."""
    tan_thanh = ctx.commune(constants.TAN_THANH)
    return ctx.era.successor[tan_thanh.pk] if tan_thanh else ctx.era.communes[0]


def _arms(ctx: DemoContext, olds: list) -> list[tuple[str, str]]:
    """Return the arms of the predecessors' militia, each once."""
    held = {key.split(":")[1] for c in olds for key in ctx.units.get(c.pk, {})}
    return [(category, label) for category, label in ARMS if category in held]


def build_force_units(ctx: DemoContext) -> None:
    """Create the current communes' militia, the self-defence and reserve units carried over,
    and map each legacy unit to the one its members join."""
    era, militia = ctx.era, []
    common = {"province": era.province, "valid_from": REFORM_DATE}
    for commune in era.communes:
        militia += commune_militia(ctx, commune, _arms(ctx, predecessors(ctx, commune)), **common)
    carried = [(unit, _carried(ctx, unit, common)) for unit in _legacy_hosted(ctx)]
    carried += [(unit, _carried(ctx, unit, common)) for unit in ctx.reserve_units]
    ForceUnit.objects.bulk_create(militia + [new for _, new in carried], batch_size=1000)
    index_units(ctx, militia + [new for _, new in carried])
    era.units.update({old.pk: new for old, new in carried})
    _map_militia(ctx)


def _legacy_hosted(ctx: DemoContext) -> list[ForceUnit]:
    return [
        unit
        for commune in ctx.communes
        for key, units in ctx.units.get(commune.pk, {}).items()
        if key.startswith(Force.SELF_DEFENCE)
        for unit in units
    ]


def _carried(ctx: DemoContext, unit: ForceUnit, common: dict) -> ForceUnit:
    """Return the current copy of a self-defence or reserve unit (in the successor commune)."""
    host = HOST_RENAMES.get(unit.host_organisation, unit.host_organisation)
    name = unit.name.replace(unit.host_organisation, host) if unit.host_organisation else unit.name
    commune = ctx.era.successor[unit.commune_id] if unit.commune_id else None
    return ForceUnit(
        force=unit.force,
        category=unit.category,
        echelon=unit.echelon,
        name=name,
        commune=commune,
        host_organisation=host,
        **common,
    )


def _map_militia(ctx: DemoContext) -> None:
    """Map each legacy militia unit to the successor's unit of the same category (in-place
    squads: the squad of the village's copy)."""
    era = ctx.era
    by_village = {
        unit.village_id: unit
        for commune in era.communes
        for unit in ctx.units[commune.pk].get(f"{Force.MILITIA}:{DqtvCategory.IN_PLACE}", [])
    }
    for legacy in ctx.communes:
        current = ctx.units[era.successor[legacy.pk].pk]
        for key, units in ctx.units.get(legacy.pk, {}).items():
            if not key.startswith(Force.MILITIA):
                continue
            for unit in units:
                if unit.village_id:
                    era.units[unit.pk] = by_village[era.villages[unit.village_id].pk]
                else:
                    era.units[unit.pk] = current[key][0]
