"""The way up from an area: nation › province › [district] › commune › force unit.

An area knows the keys of the units above it (`province_pk`, `district_pk`, `commune_pk`), not
their codes and names; these are read here in one query at most, whatever the depth. Each step
says whether the reader's scope contains it, so a page links only the levels the reader may
open: provincial staff never get a link to the nation, a commune cadre none to their province.
"""

from dataclasses import dataclass
from typing import Any

from units.models import Commune, District, Province
from units.scope import scope_of

from .areas import Area, Level, commune_area, district_area, nation, province_area


@dataclass(frozen=True)
class Crumb:
    area: Area
    linkable: bool


def breadcrumb(*, actor: Any, area: Area) -> list[Crumb]:
    """List the areas above `area`, the nation first, each marked linkable when in scope."""
    scope = scope_of(actor)
    return [Crumb(above, scope.contains_area(above)) for above in ancestors(area)]


def ancestors(area: Area) -> list[Area]:
    """List the areas above `area`, the nation first; the area itself is not in the list."""
    if area.level == Level.NATION:
        return []
    if area.level == Level.PROVINCE:
        return [nation()]
    if area.level == Level.DISTRICT:
        district = District.objects.select_related("province").get(pk=area.pk)
        return [nation(), province_area(district.province)]
    commune_pk = area.pk if area.level == Level.COMMUNE else area.commune_pk
    if commune_pk is None:
        # A reserve unit without a commune hangs from its province alone.
        return [nation(), province_area(Province.objects.get(pk=area.province_pk))]
    commune = Commune.objects.select_related("province", "district").get(pk=commune_pk)
    chain = [nation(), province_area(commune.province)]
    if commune.district is not None:
        chain.append(district_area(commune.district))
    if area.level == Level.UNIT:
        chain.append(commune_area(commune))
    return chain
