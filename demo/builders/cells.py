"""Yearly ratings of the military cells and the committees of the larger ones."""

import datetime
from collections import Counter, defaultdict

from members.models import AdmissionRuleSet
from members.querysets import is_member_on
from units.models import CellCommitteePeriod, CellRating, Force, Rating

from . import constants
from .context import DemoContext
from .forces import CELL_CATEGORIES

YEARLY = [
    (Rating.EXCELLENT, 15),
    (Rating.GOOD, 75),
    (Rating.COMPLETED, 9),
    (Rating.NOT_COMPLETED, 1),
]


def rating_2023(ctx: DemoContext, cells: list) -> dict[int, str]:
    """Rate 2023 as seed 002 says: all at least completed, all but 6 good or excellent."""
    others = [c for c in cells if c.commune.code != constants.TAN_THANH]
    plain = {c.pk for c in ctx.rng.sample(others, min(constants.CELLS_2023_COMPLETED, len(others)))}
    return {
        c.pk: Rating.COMPLETED
        if c.pk in plain
        else Rating.GOOD
        if c.commune.code == constants.TAN_THANH or ctx.rng.random() < 0.8
        else Rating.EXCELLENT
        for c in cells
    }


def build_ratings(ctx: DemoContext) -> None:
    """Rate every cell for each year it existed, once the year is over by the demo date."""
    cells = sorted(ctx.cells.values(), key=lambda c: c.commune.code)
    fixed = rating_2023(ctx, [c for c in cells if c.established_on.year <= 2023])
    ratings = []
    for cell in cells:
        for year in range(cell.established_on.year, ctx.day.year + 1):
            year_end = datetime.date(year, 12, 31)
            if year_end > ctx.day or (cell.dissolved_on and cell.dissolved_on < year_end):
                continue
            choice = fixed.get(cell.pk) if year == 2023 else None
            choice = choice or ctx.rng.choices([r for r, _ in YEARLY], [w for _, w in YEARLY])[0]
            ratings.append(CellRating(cell=cell, year=year, rating=choice))
    CellRating.objects.bulk_create(ratings, batch_size=1000)


def build_committees(ctx: DemoContext) -> None:
    """Give a committee to each cell with enough full members (rule set): on the demo date,
    or on its last day for a cell dissolved by the reform, whose committee ends with it."""
    rules = AdmissionRuleSet.objects.filter(effective_from__lte=ctx.day).first()
    needed = rules.cell_committee_min_full_members if rules else 9
    full = Counter(
        (r.military_cell.pk, r.full_member_on)
        for r in ctx.rows.party_records
        if r.military_cell and r.full_member_on and not r.exit_on
    )
    periods = []
    for cell in ctx.cells.values():
        if ctx.era and cell.commune_id not in ctx.era.successor:
            continue  # a current cell: `build_current_committees`
        start = cell.established_on + datetime.timedelta(days=ctx.rng.randint(60, 400))
        on = min(ctx.day, cell.dissolved_on or ctx.day)
        members = sum(n for (pk, day), n in full.items() if pk == cell.pk and day <= on)
        if members >= needed and start <= on:
            periods.append(CellCommitteePeriod(cell=cell, start=start, end=cell.dissolved_on))
    CellCommitteePeriod.objects.bulk_create(periods)


def _full_on(records: list, day: datetime.date) -> bool:
    return any(
        r.full_member_on and r.full_member_on <= day and is_member_on(r.admitted_on, r.exit_on, day)
        for r in records
    )


def build_current_committees(ctx: DemoContext) -> None:
    """Give a committee to each current cell whose commune has enough full members in it a
    few months after its founding: the command's cadres and the members of mobile, standing
    and maritime militia (guidance 24-HD/BTCTW), whatever cell their record still names."""
    rules = AdmissionRuleSet.objects.filter(effective_from__lte=ctx.day).first()
    needed = rules.cell_committee_min_full_members if rules else 9
    records = defaultdict(list)
    for record in ctx.rows.party_records:
        records[id(record.person)].append(record)
    current = {cell.commune_id: cell for cell in ctx.cells.values() if cell.dissolved_on is None}
    starts = {
        pk: cell.established_on + datetime.timedelta(days=ctx.rng.randint(30, 150))
        for pk, cell in current.items()
    }
    people = defaultdict(set)
    rows = [(s.commune_id, s.start, s.end, s.person) for s in ctx.rows.services if _in_cell(s)]
    rows += [(p.command.commune_id, p.start, p.end, p.person) for p in ctx.rows.posts]
    for commune_pk, start, end, person in rows:
        day = starts.get(commune_pk)
        covered = day and start <= day and (end is None or end >= day)
        if covered and _full_on(records[id(person)], day):
            people[commune_pk].add(id(person))
    periods = [
        CellCommitteePeriod(cell=cell, start=starts[pk])
        for pk, cell in current.items()
        if starts[pk] <= ctx.day and len(people[pk]) >= needed
    ]
    CellCommitteePeriod.objects.bulk_create(periods)


def _in_cell(record) -> bool:
    return record.is_core and record.force == Force.MILITIA and record.category in CELL_CATEGORIES
