"""Villages without a party member living there (seed 001, Quảng Trị 14-CT/TU)."""

from django.db.models import Count, Exists, OuterRef, Q, Sum

from targets.indicators import Indicator
from units.models import Village

from ..areas import Area
from ..facts.read import up_to
from ..models import FactLevel, IndicatorFact
from .base import (
    Definition,
    Grouped,
    Window,
    grouped_counts,
    in_area,
    live,
    member_records_on,
)


def villages_without_party_members(area: Area, window: Window) -> Grouped:
    """Count the villages valid on the date where no resident is a party member on the date.

    Residence is not dated in the model, so the person's current village stands for the date.
    The villages with a resident member come from the facts (level VILLAGE), or, live, from
    the party records; the condition sits in WHERE, not in the count's FILTER, so that the
    database answers it with one anti-join rather than one probe per village.
    """
    villages = in_area(Village.objects.valid_on(window.on), area, commune_path="commune")
    if live():
        with_member = Exists(
            member_records_on(window.on).filter(person__residence_village=OuterRef("pk"))
        )
        villages = villages.filter(~Q(with_member))
    else:
        with_member = (
            IndicatorFact.objects.filter(level=FactLevel.VILLAGE, parent=0)
            .filter(up_to(window.on), child__in=villages.values("pk"))
            .order_by()
            .values("child")
            .annotate(members=Sum("members"))
            .filter(members__gt=0)
            .values("child")
        )
        villages = villages.exclude(pk__in=with_member)
    return grouped_counts(villages, area, commune_path="commune", numerator=Count("pk"))


DEFINITIONS = [
    Definition(
        Indicator.VILLAGES_WITHOUT_PARTY_MEMBERS, villages_without_party_members, reads_facts=True
    ),
]
