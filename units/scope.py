"""Which rows a user may see: the area scope, and the querysets that filter through it.

The scope is built once per user object from the role and area (by `accounts.scope`,
reached as `user.area_scope`) and read here through `scope_of`, the one entry for every list,
page, form, service, export, import, admin and report. It fails closed: a user with no role or
no area, or an anonymous visitor, sees nothing. A row outside the scope answers exactly as a
missing one (404), never as "forbidden".

It lives in `units` because it is a set of units; `accounts` builds it from a user, and nothing
here imports `accounts`.
"""

from dataclasses import dataclass
from typing import Any, Protocol

from django.db import models
from django.db.models import Q

NOTHING_Q = Q(pk__in=[])


class AreaLike(Protocol):
    """An area of a report (`reports.areas.Area`): a level and the keys that place it."""

    level: str
    pk: int | None
    province_pk: int | None
    commune_pk: int | None


@dataclass(frozen=True)
class AreaScope:
    """The provinces and communes a user covers; `everything` for the nation."""

    everything: bool = False
    province_ids: frozenset[int] = frozenset()
    commune_ids: frozenset[int] = frozenset()

    @property
    def is_empty(self) -> bool:
        return not (self.everything or self.province_ids or self.commune_ids)

    def contains_province(self, province_id: int | None) -> bool:
        """Tell whether the whole province lies in the scope (never for a commune scope)."""
        return self.everything or province_id in self.province_ids

    def contains_commune(self, commune_id: int | None, province_id: int | None) -> bool:
        """Tell whether the commune `commune_id` of province `province_id` lies in the scope."""
        if self.everything:
            return True
        if self.commune_ids:
            return commune_id in self.commune_ids
        return province_id in self.province_ids

    def contains_area(self, area: AreaLike) -> bool:
        """Tell whether a report area (nation, province, district, commune, unit) lies inside."""
        if self.everything:
            return True
        if area.level in ("province", "district"):
            return self.contains_province(area.province_pk)
        if area.level in ("commune", "unit"):
            # A unit without a commune (a reserve unit) belongs to its province alone.
            return self.contains_commune(area.commune_pk, area.province_pk)
        return False

    def q(self, *, commune: str | None, province: tuple[str, ...]) -> Q:
        """Return a filter on rows whose commune id is at `commune`, province id at `province`.

        Called by `AreaBoundQuerySet.within` alone. A commune scope needs the commune path; a
        province scope matches any of the province paths. Without a usable path: nothing.
        """
        if self.everything:
            return Q()
        if self.commune_ids:
            return Q(**{f"{commune}__in": self.commune_ids}) if commune else NOTHING_Q
        query = NOTHING_Q
        for path in province if self.province_ids else ():
            query |= Q(**{f"{path}__in": self.province_ids})
        return query


NOTHING = AreaScope()
EVERYTHING = AreaScope(everything=True)


def scope_of(user: Any) -> AreaScope:
    """Return the area scope of `user`; an anonymous or unknown user gets the empty scope."""
    scope = getattr(user, "area_scope", None)
    return scope if isinstance(scope, AreaScope) else NOTHING


class AreaBoundQuerySet(models.QuerySet):
    """Rows that lie in one commune, or in one province: filtered by the scope, nothing else.

    A subclass names where its rows keep their commune id (`commune_path`) and province id
    (`province_paths`, any of which places a row in a province).
    """

    commune_path: str | None = "commune_id"
    province_paths: tuple[str, ...] = ("commune__province_id",)

    def within(self, scope: AreaScope) -> Any:
        return self.filter(scope.q(commune=self.commune_path, province=self.province_paths))

    def visible_to(self, user: Any) -> Any:
        return self.within(scope_of(user))
