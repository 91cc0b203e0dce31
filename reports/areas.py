"""Areas a report is about: the nation, a province, a legacy district, a commune or a force unit.

An official code names a unit only together with a date (the 2025 reform reused codes), so an
area is always resolved *at the report date*. Force units have no official code; they are named
``U`` followed by their database id (``U12``).

Children, one level down on the report date:

- the nation → the provinces valid on the date;
- a province → its communes valid on the date, in both eras. Legacy districts are not offered
  as the province's children, so that a province has the same kind of drill-down before and
  after 1 July 2025 and trends compare like with like; a district report is one ``--area``
  away;
- a district → its communes valid on the date;
- a commune → its force units valid on the date;
- a force unit → none.
"""

import datetime
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.db.models import F, Q
from django.utils.translation import gettext as _

from units.models import Commune, DatedQuerySet, District, ForceUnit, Province

NATION_CODE = "VN"
UNIT_PREFIX = "U"


class Level(StrEnum):
    NATION = "nation"
    PROVINCE = "province"
    DISTRICT = "district"
    COMMUNE = "commune"
    UNIT = "unit"


class AreaNotFound(LookupError):
    """No area has this code on this date."""


@dataclass(frozen=True)
class Area:
    """One area on one date; `pk` is the surrogate key of the unit (None for the nation).

    `commune_pk` is the commune the area lies in (a commune's own key, a force unit's commune,
    None for a reserve unit without one and for wider areas): the area scope reads it.
    """

    level: Level
    code: str
    name: str
    pk: int | None = None
    province_pk: int | None = None
    district_pk: int | None = None
    commune_pk: int | None = None

    def commune_q(self, commune_path: str) -> Q:
        """Match rows whose commune (reached through `commune_path`) lies in this area."""
        lookups = {
            Level.NATION: None,
            Level.PROVINCE: "province_id",
            Level.DISTRICT: "district_id",
            Level.COMMUNE: "id",
        }
        if self.level not in lookups:
            raise ValueError(f"A {self.level} area is not a set of communes.")
        lookup = lookups[self.level]
        return Q() if lookup is None else Q(**{join(commune_path, lookup): self.pk})

    def child_key(self, commune_path: str, unit_path: str | None = None) -> str:
        """Name the field whose value is the id of the child area a row counts in.

        Where rows have no unit (commune bodies, villages), a commune's rows group under the
        commune itself.
        """
        if self.level == Level.NATION:
            return join(commune_path, "province_id")
        if self.level in (Level.PROVINCE, Level.DISTRICT):
            return join(commune_path, "id")
        if unit_path is not None:
            return f"{unit_path}_id"
        return join(commune_path, "id")


def join(path: str, field: str) -> str:
    """Join a lookup path and a field name; an empty path means the model itself."""
    return f"{path}__{field}" if path else field


def nation() -> Area:
    return Area(level=Level.NATION, code=NATION_CODE, name=_("Viet Nam"))


def province_area(province: Province) -> Area:
    return Area(
        level=Level.PROVINCE,
        code=province.code,
        name=province.name,
        pk=province.pk,
        province_pk=province.pk,
    )


def district_area(district: District) -> Area:
    return Area(
        level=Level.DISTRICT,
        code=district.code,
        name=district.name,
        pk=district.pk,
        province_pk=district.province_id,
        district_pk=district.pk,
    )


def commune_area(commune: Commune) -> Area:
    return Area(
        level=Level.COMMUNE,
        code=commune.code,
        name=commune.name,
        pk=commune.pk,
        province_pk=commune.province_id,
        district_pk=commune.district_id,
        commune_pk=commune.pk,
    )


def unit_area(unit: ForceUnit) -> Area:
    return Area(
        level=Level.UNIT,
        code=f"{UNIT_PREFIX}{unit.pk}",
        name=unit.name,
        pk=unit.pk,
        province_pk=unit.province_id,
        commune_pk=unit.commune_id,
    )


def resolve_area(code: str, on: datetime.date) -> Area:
    """Return the area named `code` on `on`; raise AreaNotFound when none is valid then."""
    code = code.strip().upper()
    if code == NATION_CODE:
        return nation()
    if code.startswith(UNIT_PREFIX) and code[1:].isascii() and code[1:].isdigit():
        return unit_area(_valid_one(ForceUnit.objects.filter(pk=int(code[1:])), code, on))
    if code.isdigit() and len(code) == 2:
        return province_area(_valid_one(Province.objects.filter(code=code), code, on))
    if code.isdigit() and len(code) == 3:
        return district_area(_valid_one(District.objects.filter(code=code), code, on))
    if code.isdigit() and len(code) == 5:
        return commune_area(_valid_one(Commune.objects.filter(code=code), code, on))
    raise AreaNotFound(code)


def _valid_one(queryset: DatedQuerySet, code: str, on: datetime.date) -> Any:
    """Return the row of `queryset` valid on `on`; raise AreaNotFound when there is none."""
    # Validity intervals of one code should not overlap; if bad data makes them, the unit
    # that started last is the one the date most plausibly means.
    row = queryset.valid_on(on).order_by(F("valid_from").desc(nulls_last=True)).first()
    if row is None:
        raise AreaNotFound(code)
    return row


def child_areas(area: Area, on: datetime.date) -> list[Area]:
    """List the areas one level below `area` that are valid on `on`, ordered by code."""
    if area.level == Level.NATION:
        provinces = Province.objects.valid_on(on).order_by("code")
        return [province_area(p) for p in provinces]
    if area.level in (Level.PROVINCE, Level.DISTRICT):
        field = "province_id" if area.level == Level.PROVINCE else "district_id"
        communes = Commune.objects.valid_on(on).filter(**{field: area.pk}).order_by("code")
        return [commune_area(c) for c in communes]
    if area.level == Level.COMMUNE:
        units = ForceUnit.objects.valid_on(on).filter(commune_id=area.pk).order_by("name", "pk")
        return [unit_area(u) for u in units]
    return []
