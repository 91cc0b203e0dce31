"""The area of a directive or target held in memory: which field names it, and what holds what.

`DirectiveQuerySet.within` answers for stored rows in SQL; these answer the same for a row being
edited, before it is saved. `area_fields_on` turns an official code typed in a form or sent to
the API into the three area fields, the same way for both.
"""

import datetime
from typing import Protocol

from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from units.models import Commune, District, Province
from units.scope import AreaScope
from units.selectors import area_on

from .querysets import AREA_FIELDS

AreaUnit = Province | District | Commune


class HasArea(Protocol):
    """A directive or target: at most one of its three area fields is set."""

    province_id: int | None
    district_id: int | None
    commune_id: int | None
    province: Province | None
    district: District | None
    commune: Commune | None


def area_field(holder: HasArea) -> str | None:
    """Return the name of the field that holds the area, None for no area."""
    for name in ("commune", "district", "province"):
        if getattr(holder, f"{name}_id"):
            return name
    return None


def area_lies_in(scope: AreaScope, holder: HasArea) -> bool:
    """Tell whether the area of `holder` lies in `scope`.

    No area is the nation, which lies only in the everything scope.
    """
    if holder.commune_id and holder.commune is not None:
        return scope.contains_commune(holder.commune_id, holder.commune.province_id)
    if holder.district_id and holder.district is not None:
        return scope.contains_province(holder.district.province_id)
    if holder.province_id:
        return scope.contains_province(holder.province_id)
    return scope.everything


def area_contains(outer: HasArea, inner: HasArea) -> bool:
    """Tell whether the area of `inner` is, or lies inside, the area of `outer`.

    No area is the nation: it contains every area and lies inside none but itself.
    """
    if outer.commune_id:
        return inner.commune_id == outer.commune_id
    if outer.district_id:
        return outer.district_id in (inner.district_id, _district_of(inner))
    if outer.province_id:
        return outer.province_id in (inner.province_id, *_provinces_of(inner))
    return True


def _district_of(holder: HasArea) -> int | None:
    return holder.commune.district_id if holder.commune_id and holder.commune else None


def _provinces_of(holder: HasArea) -> tuple[int | None, ...]:
    district = holder.district.province_id if holder.district_id and holder.district else None
    commune = holder.commune.province_id if holder.commune_id and holder.commune else None
    return district, commune


def area_fields_on(*, code: str | None, on: datetime.date) -> dict[str, AreaUnit | None]:
    """Return the values of the province, district and commune fields for the unit `code` names
    on `on`; an empty code sets none of them (no area).

    A code names a unit only together with a date (the 2025 reform reused codes): a directive's
    area is read on its `effective_from`, a target's on its directive's. Raise ValidationError
    keyed "area" (code `unknown_area`) when no unit has that code on that day.
    """
    unit = area_on(code=code, on=on) if code else None
    if code and unit is None:
        message = gettext("No province, district or commune has the code %(code)s on %(day)s.")
        params = {"code": code, "day": on.strftime("%d/%m/%Y")}
        raise ValidationError({"area": ValidationError(message, "unknown_area", params)})
    return {name: unit if _is(unit, name) else None for name in AREA_FIELDS}


def _is(unit: AreaUnit | None, model_name: str) -> bool:
    return unit is not None and unit._meta.model_name == model_name


def area_code(holder: HasArea) -> str:
    """Return the official code of the area of `holder`, empty for no area."""
    area = holder.commune or holder.district or holder.province
    return area.code if area is not None else ""
