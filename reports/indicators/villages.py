"""Villages without a party member living there (seed 001, Quảng Trị 14-CT/TU).

"Any party member living in the village", not only those in the forces (DOMAIN.md §6): the
party organisation's own register says it, so the figure reads the counts of party members per
village (`VillagePartyCount`, entered yearly by the commune or imported), the latest on or
before the date. A village with no count by then is unknown, never zero: the area's value is
then unknown (`Counts.unknown`), its numerator only the villages known to have none.

On the fly: one row per village and count, a small table read in one grouped query.
"""

from django.db.models import Count, OuterRef, Q, Subquery

from targets.indicators import Indicator
from units.models import Village, VillagePartyCount

from ..areas import Area
from .base import Counts, Definition, Grouped, Window, grouped_rows


def villages_without_party_members(area: Area, window: Window) -> Grouped:
    """Count, per child, the villages valid on the date whose latest count is zero, and those
    with no count at all."""
    latest = (
        VillagePartyCount.objects.filter(village=OuterRef("pk"), counted_on__lte=window.on)
        .order_by("-counted_on")
        .values("members")[:1]
    )
    villages = Village.objects.valid_on(window.on).annotate(members_on=Subquery(latest))
    rows = grouped_rows(
        villages,
        area,
        commune_path="commune",
        aggregates={
            "without": Count("pk", filter=Q(members_on=0)),
            "unknown": Count("pk", filter=Q(members_on__isnull=True)),
        },
    )
    return {row["child"]: Counts(row["without"], None, row["unknown"]) for row in rows}


DEFINITIONS = [
    Definition(Indicator.VILLAGES_WITHOUT_PARTY_MEMBERS, villages_without_party_members),
]
