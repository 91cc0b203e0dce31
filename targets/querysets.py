"""Which directives and targets lie in an area scope, and which govern it.

Two questions, two methods. `within(scope)` (the `units.scope` seam) keeps the rows whose area
lies in the scope: the rows a user may edit. `governing(scope)` keeps the rows whose area lies
in the scope or contains part of it, the nation included: the rules a user works under, which
they must read although they cannot change them.
"""

from typing import Any

from django.db.models import Q

from units.models import Commune
from units.scope import NOTHING_Q, AreaBoundQuerySet, AreaScope

AREA_FIELDS = ("province", "district", "commune")
PROVINCE_PATHS = ("province_id", "district__province_id", "commune__province_id")
# No area at all: the nation for a directive, the directive's own area for a target.
NO_AREA = Q(province__isnull=True, district__isnull=True, commune__isnull=True)


def containing_q(scope: AreaScope) -> Q:
    """Match rows whose own area (a province or district) contains a commune of the scope.

    A province scope has no container but the nation, which `NO_AREA` matches; a commune scope
    is contained in its communes' provinces and districts, legacy predecessors included.
    """
    if not scope.commune_ids:
        return NOTHING_Q
    communes = Commune.objects.filter(pk__in=scope.commune_ids)
    return Q(province_id__in=communes.values("province_id")) | Q(
        district_id__in=communes.filter(district__isnull=False).values("district_id")
    )


class DirectiveQuerySet(AreaBoundQuerySet):
    """A directive lies in its area; a nation-wide one (no area) only in the everything scope."""

    commune_path = "commune_id"
    province_paths = PROVINCE_PATHS

    def governing(self, scope: AreaScope) -> Any:
        """Keep the directives within the scope, nation-wide ones and those of areas above it."""
        if scope.everything:
            return self.all()
        if scope.is_empty:
            return self.none()
        return self.within(scope) | self.filter(NO_AREA | containing_q(scope))


class TargetQuerySet(AreaBoundQuerySet):
    """A target lies where its own area is or, with no area of its own, where its directive's is."""

    commune_path = "commune_id"
    province_paths = PROVINCE_PATHS

    def within(self, scope: AreaScope) -> Any:
        if scope.everything:
            return self.all()
        return super().within(scope) | self.filter(
            NO_AREA, directive__in=self._directives().within(scope)
        )

    def governing(self, scope: AreaScope) -> Any:
        """Keep the targets whose area (their own, else their directive's) governs the scope."""
        if scope.everything:
            return self.all()
        if scope.is_empty:
            return self.none()
        own = super().within(scope) | self.filter(containing_q(scope))
        return own | self.filter(NO_AREA, directive__in=self._directives().governing(scope))

    def editable_within(self, scope: AreaScope) -> Any:
        """Keep the targets within the scope whose directive lies in it too.

        A national directive may name a target for one province; its staff read that target,
        but only whoever may change the directive may change what it sets.
        """
        return self.within(scope).filter(directive__in=self._directives().within(scope))

    def _directives(self) -> Any:
        return self.model._meta.get_field("directive").related_model.objects.all()
