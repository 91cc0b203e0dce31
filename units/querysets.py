"""Querysets of the units app: dated validity, and which units a user's area covers.

Every area-bound queryset filters through `units.scope.AreaBoundQuerySet.within`; they only
say where their rows keep the commune and province ids.
"""

import datetime

from django.db import models
from django.db.models import Q

from units.scope import AreaBoundQuerySet


def interval_covers(
    day: datetime.date,
    *,
    start: str = "start",
    end: str = "end",
    prefix: str = "",
    open_start: bool = False,
) -> Q:
    """Rows dated `start`..`end`, both inclusive, an empty end open, that cover `day`.

    The one definition of "a dated interval covers day D": units' validity, service records,
    posts, cells, committee periods and the indicator engine all build on it. `prefix` reaches
    the fields through a relation ("commune__"). Only where the start may be empty (a unit's
    `valid_from`) say `open_start`: on a NOT NULL start the extra OR costs PostgreSQL 15 the
    index.
    """
    starts = Q(**{f"{prefix}{start}__lte": day})
    if open_start:
        starts |= Q(**{f"{prefix}{start}__isnull": True})
    return starts & (Q(**{f"{prefix}{end}__isnull": True}) | Q(**{f"{prefix}{end}__gte": day}))


def covers(start: datetime.date | None, end: datetime.date | None, day: datetime.date) -> bool:
    """Tell in Python what `interval_covers` tells in SQL, for rows already in memory."""
    return (start is None or start <= day) and (end is None or day <= end)


class DatedQuerySet(models.QuerySet):
    def valid_on(self, day: datetime.date) -> "DatedQuerySet":
        """Keep the rows whose validity interval (both ends inclusive) covers `day`."""
        return self.filter(
            interval_covers(day, start="valid_from", end="valid_to", open_start=True)
        )


class ProvinceQuerySet(DatedQuerySet, AreaBoundQuerySet):
    # A province lies in a province scope; a commune scope covers no whole province.
    commune_path = None
    province_paths = ("pk",)


class DistrictQuerySet(DatedQuerySet, AreaBoundQuerySet):
    commune_path = None
    province_paths = ("province_id",)


class CommuneQuerySet(DatedQuerySet, AreaBoundQuerySet):
    commune_path = "pk"
    province_paths = ("province_id",)


class VillageQuerySet(DatedQuerySet, AreaBoundQuerySet):
    """Villages lie in their commune."""


class ForceUnitQuerySet(DatedQuerySet, AreaBoundQuerySet):
    """Units of a commune lie in it; reserve units (no commune) only in their province."""

    province_paths = ("province_id",)


class ByCommuneQuerySet(AreaBoundQuerySet):
    """Commune military commands, party cells and populations: they lie in their commune."""


class ByVillageQuerySet(AreaBoundQuerySet):
    """Figures of a village lie in the village's commune."""

    commune_path = "village__commune_id"
    province_paths = ("village__commune__province_id",)


class ByCellQuerySet(AreaBoundQuerySet):
    """Committee periods and ratings of a cell: they lie in the cell's commune."""

    commune_path = "cell__commune_id"
    province_paths = ("cell__commune__province_id",)
