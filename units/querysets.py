"""Querysets of the units app: dated validity, and which units a user's area covers.

`accounts.scope` imports `units.models`, so the scope is imported inside each method: at the
time these classes are defined the units models do not exist yet.
"""

import datetime
from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Q

if TYPE_CHECKING:
    from accounts.models import User
    from accounts.scope import AreaScope


def _scope(user: "User") -> "AreaScope":
    from accounts.scope import scope_for

    return scope_for(user)


class DatedQuerySet(models.QuerySet):
    def valid_on(self, day: datetime.date) -> "DatedQuerySet":
        """Keep the rows whose validity interval (both ends inclusive) covers `day`."""
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_to__isnull=True) | Q(valid_to__gte=day),
        )


class CommuneQuerySet(DatedQuerySet):
    def visible_to(self, user: "User") -> "CommuneQuerySet":
        scope = _scope(user)
        # A commune reaches itself through its key, not through a relation: "pk__province"
        # is no lookup, so the commune path is only given to a commune scope.
        if scope.commune_ids:
            return self.filter(scope.q(commune="pk"))
        return self.filter(scope.q(province="province"))


class VillageQuerySet(DatedQuerySet):
    def visible_to(self, user: "User") -> "VillageQuerySet":
        return self.filter(_scope(user).q(commune="commune"))


class ForceUnitQuerySet(DatedQuerySet):
    def visible_to(self, user: "User") -> "ForceUnitQuerySet":
        """Keep the units of the user's area; reserve units (no commune) only by province."""
        return self.filter(_scope(user).q(commune="commune", province="province"))


class ByCommuneQuerySet(models.QuerySet):
    """Commune military commands and party cells: visible with their commune."""

    def visible_to(self, user: "User") -> "ByCommuneQuerySet":
        return self.filter(_scope(user).q(commune="commune"))
