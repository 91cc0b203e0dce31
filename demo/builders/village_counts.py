"""The party register's count of party members living in each demo village (DOMAIN.md §6).

Written after the people: at the end of each year the village existed, and on the day a
current village began. The count is the demo's own party members living there on that day,
plus party members outside the forces (retired cadres, teachers…) in the villages that have
any: never in the villages seed 001 calls without a party member (`memberless_villages`).
Its own random source, so that the rest of the demo stays what it was.
"""

import datetime
import random
from collections import Counter

from members.models import PartyRecord
from members.querysets import member_on
from units.models import Village, VillagePartyCount

from .context import DemoContext

OUTSIDE_THE_FORCES = (2, 14)


def count_days(village: Village, until: datetime.date) -> list[datetime.date]:
    """The days a village is counted: its first day if it began in a year, every year end."""
    first = village.valid_from or datetime.date(2019, 1, 1)
    last = min(village.valid_to or until, until)
    days = [datetime.date(year, 12, 31) for year in range(first.year, last.year + 1)]
    days = [day for day in days if first <= day <= last]
    return [first, *days] if village.valid_from else days


def build_village_counts(ctx: DemoContext) -> None:
    rng = random.Random(f"village-counts-{ctx.seed}")
    villages = [v for vs in ctx.villages.values() for v in vs]
    extra = {v.pk: rng.randint(*OUTSIDE_THE_FORCES) for v in villages}
    days_of = {v.pk: set(count_days(v, ctx.until)) for v in villages}
    counts = []
    for day in sorted(set().union(*days_of.values())):
        residents = Counter(
            PartyRecord.objects.filter(
                member_on(day), person__residence_village__isnull=False
            ).values_list("person__residence_village", flat=True)
        )
        for village in villages:
            if day not in days_of[village.pk]:
                continue
            memberless = village.pk in ctx.memberless_villages
            members = 0 if memberless else residents[village.pk] + extra[village.pk]
            counts.append(VillagePartyCount(village=village, counted_on=day, members=members))
    VillagePartyCount.objects.bulk_create(counts)
