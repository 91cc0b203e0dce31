"""Querysets of the units app: dated validity, and which units a user's area covers.

Every area-bound queryset filters through `units.scope.AreaBoundQuerySet.within`; they only
say where their rows keep the commune and province ids.
"""

import datetime

from django.db import models
from django.db.models import Q

from units.scope import AreaBoundQuerySet


def interval_covers(day: datetime.date, *, start: str = "start", end: str = "end") -> Q:
    """Rows dated `start`..`end`, both inclusive, an empty end (or start) open, that cover `day`.

    The one definition of "a dated interval covers day D": units' validity, service records,
    posts, committee periods and the indicator engine all build on it.
    """
    return (Q(**{f"{start}__isnull": True}) | Q(**{f"{start}__lte": day})) & (
        Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": day})
    )


def covers(start: datetime.date | None, end: datetime.date | None, day: datetime.date) -> bool:
    """Tell in Python what `interval_covers` tells in SQL, for rows already in memory."""
    return (start is None or start <= day) and (end is None or day <= end)


class DatedQuerySet(models.QuerySet):
    def valid_on(self, day: datetime.date) -> "DatedQuerySet":
        """Keep the rows whose validity interval (both ends inclusive) covers `day`."""
        return self.filter(interval_covers(day, start="valid_from", end="valid_to"))


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


class ByCellQuerySet(AreaBoundQuerySet):
    """Committee periods and ratings of a cell: they lie in the cell's commune."""

    commune_path = "cell__commune_id"
    province_paths = ("cell__commune__province_id",)
