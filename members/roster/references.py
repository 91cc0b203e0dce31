"""Resolve a batch's communes, villages and units in a few set-based queries.

Each lookup loads what the batch needs and the caches do not hold yet, so a file of one
commune costs one query per kind, whatever its length.
"""

import datetime
from collections import defaultdict

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from units.models import Commune, Force, ForceUnit, Village

from . import columns as c
from .columns import RowError
from .parsing import ParsedRow
from .state import CommuneRef, ImportContext, NamedCommune
from .vocabulary import name_keys


def resolve_communes(
    rows: list[ParsedRow], ctx: ImportContext
) -> tuple[dict[int, CommuneRef], list[RowError]]:
    """Map each row number to the commune its cell names on the service start date.

    The cell gives a code, a name, or both ("Xã Chi Lăng (06001)"): a code is looked up across
    the country and refused outside the area; a name is looked up in the area alone, so that a
    name outside it is refused as one that names nothing.
    """
    codes = {row.commune_code for row in rows if row.commune_code}
    _load_communes(codes - ctx.communes.keys(), ctx)
    found, errors = {}, []
    for row in rows:
        commune, message = _by_code(row, ctx) if row.commune_code else _by_name(row, ctx)
        if commune is None:
            errors.append(RowError(row.number, c.COMMUNE_CODE, message))
        else:
            found[row.number] = commune
    return found, errors


def _by_code(row: ParsedRow, ctx: ImportContext) -> tuple[CommuneRef | None, str]:
    candidates = ctx.communes.get(row.commune_code, [])
    commune = next((ref for ref in candidates if ref.covers(row.start)), None)
    if commune is None:
        return None, _commune_missing(row, candidates)
    if not ctx.in_area(commune):
        return None, _("%(commune)s (%(code)s) is outside your area.") % {
            "commune": commune.name,
            "code": commune.code,
        }
    if row.commune_name and name_keys(row.commune_name)[0] not in name_keys(commune.name):
        message = _(
            "The code %(code)s names %(commune)s on the service start date, not %(name)s: "
            "correct the name or the code."
        )
        return None, message % {
            "code": commune.code,
            "commune": commune.name,
            "name": row.commune_name,
        }
    return commune, ""


def _by_name(row: ParsedRow, ctx: ImportContext) -> tuple[CommuneRef | None, str]:
    named = _commune_names(ctx).get(name_keys(row.commune_name)[0], [])
    on_day = [commune for commune in named if commune.ref.covers(row.start)]
    if len(on_day) == 1:
        return on_day[0].ref, ""
    values = {"name": row.commune_name}
    if on_day:
        message = _(
            "%(name)s names several communes of your area: %(candidates)s. Write the code of "
            "the one you mean."
        )
        values["candidates"] = "; ".join(
            f"{commune.ref.name} ({', '.join(filter(None, (commune.ref.code, commune.place)))})"
            for commune in on_day
        )
        return None, message % values
    if named:
        message = _(
            "%(name)s names no commune of your area on the service start date %(day)s "
            "(%(periods)s)."
        )
        values["day"] = date_format(row.start, "SHORT_DATE_FORMAT")
        values["periods"] = _periods([commune.ref for commune in named])
        return None, message % values
    message = _(
        "No commune of your area is named %(name)s: write the name as the template's list "
        "gives it, or the commune's code."
    )
    return None, message % values


def _commune_names(ctx: ImportContext) -> dict[str, list[NamedCommune]]:
    """Index the communes of the actor's area by name, once per import."""
    if ctx.commune_names is None:
        index: dict[str, list[NamedCommune]] = defaultdict(list)
        fields = ("id", "code", "name", "province_id", "valid_from", "valid_to")
        places = ("district__name", "province__name")
        communes = Commune.objects.within(ctx.scope).order_by("code", "valid_from")
        for values in communes.values_list(*fields, *places):
            commune = NamedCommune(CommuneRef(*values[:6]), ", ".join(filter(None, values[6:])))
            for key in name_keys(commune.ref.name):
                index[key].append(commune)
        ctx.commune_names = dict(index)
    return ctx.commune_names


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
    return _(
        "The code %(code)s names no commune on the service start date %(day)s (%(periods)s)."
    ) % {
        "code": row.commune_code,
        "day": date_format(row.start, "SHORT_DATE_FORMAT"),
        "periods": _periods(candidates),
    }


def _periods(communes: list[CommuneRef]) -> str:
    return "; ".join(
        f"{ref.name}: {_day(ref.valid_from)} – {_day(ref.valid_to)}" for ref in communes
    )


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
