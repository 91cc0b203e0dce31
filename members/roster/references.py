"""Resolve a batch's communes, villages and units in a few set-based queries.

Each lookup loads what the batch needs and the caches do not hold yet, so a file of one
commune costs one query per kind, whatever its length.
"""

import datetime

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from units.models import Commune, Force, ForceUnit, Village

from . import columns as c
from .columns import RowError
from .parsing import ParsedRow
from .state import CommuneRef, ImportContext


def resolve_communes(
    rows: list[ParsedRow], ctx: ImportContext
) -> tuple[dict[int, CommuneRef], list[RowError]]:
    """Map each row number to the commune its code names on the service start date."""
    _load_communes({row.commune_code for row in rows} - ctx.communes.keys(), ctx)
    found, errors = {}, []
    for row in rows:
        candidates = ctx.communes.get(row.commune_code, [])
        commune = next((ref for ref in candidates if ref.covers(row.start)), None)
        if commune is None:
            errors.append(RowError(row.number, c.COMMUNE_CODE, _commune_missing(row, candidates)))
        elif not ctx.in_area(commune):
            errors.append(
                RowError(
                    row.number,
                    c.COMMUNE_CODE,
                    _("%(commune)s (%(code)s) is outside your area.")
                    % {"commune": commune.name, "code": commune.code},
                )
            )
        else:
            found[row.number] = commune
    return found, errors


def _load_communes(codes: set[str], ctx: ImportContext) -> None:
    for code in codes:
        ctx.communes[code] = []
    fields = ("id", "code", "name", "province_id", "valid_from", "valid_to")
    for values in Commune.objects.filter(code__in=codes).values_list(*fields):
        ref = CommuneRef(*values)
        ctx.communes[ref.code].append(ref)


def _commune_missing(row: ParsedRow, candidates: list[CommuneRef]) -> str:
    if not candidates:
        return _("No commune has the code %(code)s.") % {"code": row.commune_code}
    periods = "; ".join(
        f"{ref.name}: {_day(ref.valid_from)} – {_day(ref.valid_to)}" for ref in candidates
    )
    return _(
        "The code %(code)s names no commune on the service start date %(day)s (%(periods)s)."
    ) % {
        "code": row.commune_code,
        "day": date_format(row.start, "SHORT_DATE_FORMAT"),
        "periods": periods,
    }


def _day(day: datetime.date | None) -> str:
    return date_format(day, "SHORT_DATE_FORMAT") if day else "…"


def resolve_villages(
    rows: list[ParsedRow], communes: dict[int, CommuneRef], ctx: ImportContext
) -> dict[int, int | None]:
    """Map row numbers to village ids, creating the villages the commune does not have yet.

    A missing village is created by name: communes keep their village lists in Excel, and a
    roster is often the first place the product hears of one.
    """
    wanted = {(communes[row.number].id, row.village) for row in rows if row.village}
    _load_villages({commune_id for commune_id, _name in wanted} - ctx.villages.keys(), ctx)
    missing = sorted(
        (commune_id, name) for commune_id, name in wanted if name not in ctx.villages[commune_id]
    )
    new = [Village(commune_id=commune_id, name=name) for commune_id, name in missing]
    if new and ctx.writing:
        Village.objects.bulk_create(new)
    for village in new:
        ctx.villages[village.commune_id][village.name] = village.pk
    ctx.report.villages_created += len(new)
    return {
        row.number: ctx.villages[communes[row.number].id].get(row.village)
        for row in rows
        if row.village
    }


def _load_villages(commune_ids: set[int], ctx: ImportContext) -> None:
    for commune_id in commune_ids:
        ctx.villages[commune_id] = {}
    for commune_id, name, pk in Village.objects.filter(commune_id__in=commune_ids).values_list(
        "commune_id", "name", "id"
    ):
        ctx.villages[commune_id][name] = pk


def resolve_units(
    rows: list[ParsedRow], communes: dict[int, CommuneRef], ctx: ImportContext
) -> tuple[dict[int, int], list[RowError]]:
    """Map row numbers to existing force units named in the commune's province.

    Units are never created from a file: a unit needs an echelon, a category and (for
    self-defence) a host organisation that a roster does not carry.
    """
    keys = {(communes[row.number].province_id, row.force) for row in rows if row.unit}
    _load_units(keys - ctx.units.keys(), ctx)
    found, errors = {}, []
    for row in rows:
        if not row.unit:
            continue
        commune = communes[row.number]
        candidates = ctx.units[(commune.province_id, row.force)].get(row.unit, [])
        here = [pk for pk, commune_id in candidates if commune_id == commune.id]
        chosen = here or [pk for pk, _commune in candidates]
        if len(chosen) == 1:
            found[row.number] = chosen[0]
        else:
            errors.append(RowError(row.number, c.UNIT, _unit_error(row, chosen)))
    return found, errors


def _unit_error(row: ParsedRow, chosen: list[int]) -> str:
    if chosen:
        return _(
            "Several %(force)s units of this province are named %(name)s: rename one first."
        ) % {"force": Force(row.force).label, "name": row.unit}
    return _("No %(force)s unit named %(name)s in this province: create it first.") % {
        "force": Force(row.force).label,
        "name": row.unit,
    }


def _load_units(keys: set[tuple[int, str]], ctx: ImportContext) -> None:
    if not keys:
        return
    for key in keys:
        ctx.units[key] = {}
    units = ForceUnit.objects.filter(
        province_id__in={province_id for province_id, _force in keys},
        force__in={force for _province, force in keys},
    ).values_list("province_id", "force", "name", "id", "commune_id")
    for province_id, force, name, pk, commune_id in units:
        if (province_id, force) in keys:
            ctx.units[(province_id, force)].setdefault(name, []).append((pk, commune_id))
