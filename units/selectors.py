"""Reads of units: the geography on a date, force units in the reader's area, codes to units.

An official code names a unit only together with a date (the 2025 reform reused codes), so
every read here takes the date. Provinces and communes are public reference data; force units
are organisational data and pass through the reader's area scope.
"""

import datetime
from typing import Any

from django.db.models import F, QuerySet
from django.http import Http404

from units.models import Commune, District, ForceUnit, Province

# The model an official code of each length names (DOMAIN.md §3).
MODEL_OF_CODE_LENGTH: dict[int, type[Province] | type[District] | type[Commune]] = {
    2: Province,
    3: District,
    5: Commune,
}


def unit_on(*, model: Any, code: str, on: datetime.date) -> Any:
    """Return the `model` unit with official `code` valid on `on`, or None."""
    # Validity intervals of one code should not overlap; if bad data makes them, the unit
    # that started last is the one the date most plausibly means (as `reports.areas` reads it).
    rows = model.objects.filter(code=code).valid_on(on)
    return rows.order_by(F("valid_from").desc(nulls_last=True)).first()


def area_on(*, code: str, on: datetime.date) -> Province | District | Commune | None:
    """Return the province, legacy district or commune that `code` names on `on`, or None.

    The code's length says the level: 2 digits a province, 3 a district, 5 a commune.
    """
    model = MODEL_OF_CODE_LENGTH.get(len(code)) if code.isdigit() else None
    return unit_on(model=model, code=code, on=on) if model else None


def provinces_on(*, on: datetime.date) -> QuerySet[Province]:
    """Return the provinces valid on `on`, by code."""
    return Province.objects.valid_on(on).order_by("code")


def communes_on(*, province_code: str, on: datetime.date) -> QuerySet[Commune]:
    """Return the communes of province `province_code` valid on `on`, by code.

    Raise Http404 when no province has that code on that day.
    """
    province = unit_on(model=Province, code=province_code, on=on)
    if province is None:
        raise Http404
    return Commune.objects.valid_on(on).filter(province=province).order_by("code")


def force_units_on(*, actor: Any, commune_code: str, on: datetime.date) -> QuerySet[ForceUnit]:
    """Return the force units of commune `commune_code` valid on `on` that lie in the actor's area.

    The commune is public geography, so one outside the area gives an empty list, not 404;
    Http404 means no commune has that code on that day.
    """
    commune = unit_on(model=Commune, code=commune_code, on=on)
    if commune is None:
        raise Http404
    units = ForceUnit.objects.visible_to(actor).valid_on(on).filter(commune=commune)
    return units.select_related("commune").order_by("name", "pk")
