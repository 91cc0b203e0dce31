"""Build a user's area scope from their role and area: the one place access is decided.

`units.scope` holds the scope itself and the querysets that filter through it; every reader
reaches it as `scope_of(user)`, which reads `User.area_scope`, which calls `scope_for` once
per user object (a request's user is one object). It fails closed: a user with no role, or a
role without its area, sees nothing.
"""

from units.models import Commune, CommuneLineage, Province, ProvinceLineage
from units.scope import EVERYTHING, NOTHING, AreaScope

from .models import Role


def scope_for(user) -> AreaScope:
    """Build the area scope of `user`; an anonymous, inactive or area-less user gets nothing."""
    if user is None or not user.is_authenticated or not user.is_active:
        return NOTHING
    if user.is_superuser or user.role == Role.NATIONAL_ADMIN:
        return EVERYTHING
    if user.role == Role.COMMUNE_CADRE and user.commune_id:
        return AreaScope(commune_ids=_with_whole_predecessors(user.commune_id))
    if user.role in (Role.PROVINCIAL_STAFF, Role.AGGREGATE_CLIENT) and user.province_id:
        return AreaScope(province_ids=_province_with_predecessors(user.province_id))
    if user.role == Role.AGGREGATE_CLIENT and user.commune_id:
        return AreaScope(commune_ids=_with_whole_predecessors(user.commune_id))
    return NOTHING


def _province_with_predecessors(province_id: int) -> frozenset[int]:
    """Return the province and every legacy province that went into it, whatever the depth.

    Every legacy province went whole into one current province, so the staff of the current
    province read all of its history.
    """
    found, frontier = {province_id}, {province_id}
    while frontier:
        frontier = set(
            ProvinceLineage.objects.filter(successor_id__in=frontier)
            .exclude(predecessor_id__in=found)
            .values_list("predecessor_id", flat=True)
        )
        found |= frontier
    return frozenset(Province.objects.filter(pk__in=found).values_list("pk", flat=True))


def _with_whole_predecessors(commune_id: int) -> frozenset[int]:
    """Return the commune and the legacy communes that went wholly into it.

    A commune split across several new ones (partial lineage) stays with the province: its
    people may now live in a neighbour's territory, and a cadre must not read them by default.
    """
    found, frontier = {commune_id}, {commune_id}
    while frontier:
        frontier = set(
            CommuneLineage.objects.filter(successor_id__in=frontier, partial=False)
            .exclude(predecessor_id__in=found)
            .values_list("predecessor_id", flat=True)
        )
        found |= frontier
    return frozenset(Commune.objects.filter(pk__in=found).values_list("pk", flat=True))


def reads_aggregates_only(user) -> bool:
    """Tell whether `user` may read aggregates but no person's record (small cells are hidden)."""
    return not user.has_perm("members.view_person")
