"""Yearly ratings of the military cells and the committees of the larger ones."""

import datetime
from collections import Counter

from members.models import AdmissionRuleSet
from units.models import CellCommitteePeriod, CellRating, Rating

from . import constants
from .context import DemoContext

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
            if datetime.date(year, 12, 31) > ctx.day:
                continue
            choice = fixed.get(cell.pk) if year == 2023 else None
            choice = choice or ctx.rng.choices([r for r, _ in YEARLY], [w for _, w in YEARLY])[0]
            ratings.append(CellRating(cell=cell, year=year, rating=choice))
    CellRating.objects.bulk_create(ratings, batch_size=1000)


def build_committees(ctx: DemoContext) -> None:
    """Give a committee to each cell with enough full members on the demo date (rule set)."""
    rules = AdmissionRuleSet.objects.filter(effective_from__lte=ctx.day).first()
    needed = rules.cell_committee_min_full_members if rules else 9
    full = Counter(
        r.military_cell.pk
        for r in ctx.rows.party_records
        if r.military_cell and r.full_member_on and r.full_member_on <= ctx.day and not r.exit_on
    )
    periods = []
    for cell in ctx.cells.values():
        start = cell.established_on + datetime.timedelta(days=ctx.rng.randint(60, 400))
        if full[cell.pk] >= needed and start <= ctx.day:
            periods.append(CellCommitteePeriod(cell=cell, start=start))
    CellCommitteePeriod.objects.bulk_create(periods)
