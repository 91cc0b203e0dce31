"""Villages without a party member living there (seed 001, Quảng Trị 14-CT/TU)."""

from django.db.models import Count, Exists, OuterRef, Q

from targets.indicators import Indicator
from units.models import Village

from ..areas import Area
from .base import Definition, Grouped, Window, grouped_counts, member_records_on


def villages_without_party_members(area: Area, window: Window) -> Grouped:
    """Count the villages valid on the date where no resident is a party member on the date.

    Residence is not dated in the model, so the person's current village stands for the date.
    The condition sits in WHERE, not in the count's FILTER, so that the database answers it
    with one anti-join rather than one probe per village.
    """
    resident_member = Exists(
        member_records_on(window.on).filter(person__residence_village=OuterRef("pk"))
    )
    return grouped_counts(
        Village.objects.valid_on(window.on).filter(~Q(resident_member)),
        area,
        commune_path="commune",
        numerator=Count("pk"),
    )


DEFINITIONS = [
    Definition(Indicator.VILLAGES_WITHOUT_PARTY_MEMBERS, villages_without_party_members),
]
