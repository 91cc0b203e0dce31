"""Which rows a user may see: decided here, once, from the user's role and area.

Every list, page, export, report and API filters through `AreaScope`. It fails closed: a user
with no role, or a role without its area, sees nothing. A row outside the scope is answered
exactly as a missing one (404), never as "forbidden".
"""

from dataclasses import dataclass

from django.db.models import Q

from units.models import Commune, CommuneLineage, Province, ProvinceLineage

from .models import Role, User


@dataclass(frozen=True)
class AreaScope:
    """The provinces and communes a user covers; `everything` for the nation."""

    everything: bool = False
    province_ids: frozenset[int] = frozenset()
    commune_ids: frozenset[int] = frozenset()

    @property
    def is_empty(self) -> bool:
        return not (self.everything or self.province_ids or self.commune_ids)

    def q(self, *, commune: str | None = None, province: str | None = None) -> Q:
        """Return a filter for rows reaching their commune via `commune` or province via `province`.

        A commune scope needs the commune path; a province scope is tried through the commune's
        province and the province path. With no usable path the filter matches nothing.
        """
        if self.everything:
            return Q()
        nothing = Q(pk__in=[])
        if self.commune_ids:
            return Q(**{f"{commune}__in": self.commune_ids}) if commune else nothing
        if not self.province_ids:
            return nothing
        paths = [f"{commune}__province"] if commune else []
        paths += [province] if province else []
        if not paths:
            return nothing
        query = nothing
        for path in paths:
            query |= Q(**{f"{path}__in": self.province_ids})
        return query


def scope_for(user: User | None) -> AreaScope:
    """Build the area scope of `user`; an anonymous or area-less user gets the empty scope."""
    if user is None or not user.is_authenticated or not user.is_active:
        return AreaScope()
    if user.is_superuser or user.role == Role.NATIONAL_ADMIN:
        return AreaScope(everything=True)
    if user.role == Role.COMMUNE_CADRE and user.commune_id:
        return AreaScope(commune_ids=_with_whole_predecessors(user.commune_id))
    if user.role in (Role.PROVINCIAL_STAFF, Role.AGGREGATE_CLIENT) and user.province_id:
        return AreaScope(province_ids=_province_with_predecessors(user.province_id))
    if user.role == Role.AGGREGATE_CLIENT and user.commune_id:
        return AreaScope(commune_ids=_with_whole_predecessors(user.commune_id))
    return AreaScope()


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
