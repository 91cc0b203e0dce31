"""Load the units of both eras and their lineage from `vietnamadminunits` rows and converter.

Every row is validated before anything is written, and the write is one transaction.
"""

import datetime
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from units.models import (
    REFORM_DATE,
    ChangeKind,
    Commune,
    CommuneLineage,
    District,
    Province,
    ProvinceLineage,
)

LEGACY_TABLE = "admin_units_legacy"
CURRENT_TABLE = "admin_units"
LEGACY_END = REFORM_DATE - datetime.timedelta(days=1)
BATCH_SIZE = 1000

PROVINCE_KINDS = {"Tỉnh": Province.Kind.PROVINCE, "Thành phố": Province.Kind.CITY}
DISTRICT_KINDS = {
    "Huyện": District.Kind.RURAL_DISTRICT,
    "Quận": District.Kind.URBAN_DISTRICT,
    "Thị xã": District.Kind.TOWN,
    "Thành phố": District.Kind.PROVINCIAL_CITY,
}
COMMUNE_KINDS = {
    "Xã": Commune.Kind.COMMUNE,
    "Phường": Commune.Kind.WARD,
    "Thị trấn": Commune.Kind.TOWNSHIP,
    "Đặc khu": Commune.Kind.SPECIAL_ZONE,
}

Row = Mapping[str, Any]
Json = Mapping[str, Any]


@dataclass(frozen=True)
class Unit:
    """One province, district or commune as the source describes it."""

    code: str
    name: str
    kind: str
    province: str | None = None
    district: str | None = None

    @property
    def short_name(self) -> str:
        """Return the name without its type word: "Phường Ba Đình" gives "Ba Đình"."""
        for word in (*PROVINCE_KINDS, *DISTRICT_KINDS, *COMMUNE_KINDS):
            if self.name.startswith(word + " "):
                return self.name[len(word) + 1 :]
        return self.name


@dataclass
class Era:
    """The units of one era, by code, and the converter's keys for them."""

    provinces: dict[str, Unit] = field(default_factory=dict)
    districts: dict[str, Unit] = field(default_factory=dict)
    communes: dict[str, Unit] = field(default_factory=dict)
    province_keys: dict[str, str] = field(default_factory=dict)
    commune_keys: dict[str, str] = field(default_factory=dict)

    def only_province(self, code: str) -> "Era":
        """Return the part of this era inside the province with `code`."""
        # The converter's keys are left out: lineage is built before the era is cut down.
        return Era(
            provinces={c: u for c, u in self.provinces.items() if c == code},
            districts={c: u for c, u in self.districts.items() if u.province == code},
            communes={c: u for c, u in self.communes.items() if u.province == code},
        )


@dataclass(frozen=True)
class Link:
    """One lineage edge between two units, named by their codes."""

    predecessor: str
    successor: str
    kind: str
    partial: bool = False
    is_default_successor: bool = True


@dataclass
class Lineage:
    provinces: list[Link] = field(default_factory=list)
    communes: list[Link] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)

    def among(self, legacy: Era, current: Era) -> "Lineage":
        """Keep the links whose both ends are in the given eras."""
        # Province and commune codes differ in length, so one set per era can hold both.
        before = legacy.provinces.keys() | legacy.communes.keys()
        after = current.provinces.keys() | current.communes.keys()
        provinces, communes = (
            [k for k in links if k.predecessor in before and k.successor in after]
            for links in (self.provinces, self.communes)
        )
        return Lineage(provinces, communes, self.unmatched)


class RowChecker:
    """Read the fields of one source row; each error names the table, the row and the field."""

    def __init__(self, table: str, row: Row, code_field: str, name_field: str) -> None:
        self.table, self.row = table, row
        self.label = (str(row.get(code_field) or "?"), str(row.get(name_field) or "?"))

    def error(self, field_name: str, problem: str) -> ValidationError:
        code, name = self.label
        message = _("Table %(table)s, row %(code)s %(name)s, field %(field)s: %(problem)s")
        params = {"table": self.table, "code": code, "name": name, "field": field_name}
        return ValidationError(message, code="invalid_row", params={**params, "problem": problem})

    def text(self, field_name: str) -> str:
        value = self.row.get(field_name)
        if not isinstance(value, str) or not value.strip():
            raise self.error(field_name, _("the value is empty."))
        return value.strip()

    def code(self, field_name: str, length: int) -> str:
        value = self.text(field_name)
        if len(value) != length or not value.isdigit():
            problem = _("%(value)r is not a code of %(length)d digits.")
            raise self.error(field_name, problem % {"value": value, "length": length})
        return value

    def typed_name(
        self, name_field: str, type_field: str | None, kinds: Mapping[str, str]
    ) -> tuple[str, str]:
        """Return the unit's name, with its type word spelt as in `kinds`, and its kind."""
        if type_field is not None and self.text(type_field) not in kinds:
            raise self.error(type_field, self._unknown(self.text(type_field), kinds))
        name = self.text(name_field)
        # The name wins over the type column: a few rows disagree (e.g. "Phường 5" typed
        # "Xã") and the name is what users read. Some spell the word "Thành Phố", "Thị Xã".
        for word, kind in kinds.items():
            if name.casefold().startswith(word.casefold() + " "):
                return word + name[len(word) :], kind
        raise self.error(name_field, self._unknown(name, kinds))

    def _unknown(self, value: str, kinds: Mapping[str, str]) -> str:
        problem = _("%(value)r does not start with a known type word (%(words)s).")
        return problem % {"value": value, "words": ", ".join(kinds)}


def _add(era_units: dict[str, Unit], unit: Unit, check: RowChecker, code_field: str) -> None:
    """Add `unit` unless another row already gave its code different data."""
    known = era_units.setdefault(unit.code, unit)
    if known != unit:
        problem = _("code %(code)s already names %(other)s.")
        raise check.error(code_field, problem % {"code": unit.code, "other": known.name})


def _province(check: RowChecker, era: Era) -> Unit:
    unit = Unit(check.code("provinceCode", 2), *check.typed_name("province", None, PROVINCE_KINDS))
    _add(era.provinces, unit, check, "provinceCode")
    era.province_keys[check.text("provinceKey")] = unit.code
    return unit


def _commune(check: RowChecker, era: Era, key: str, province: str, district: str | None) -> None:
    name, kind = check.typed_name("ward", "wardType", COMMUNE_KINDS)
    unit = Unit(check.code("wardCode", 5), name, kind, province, district)
    _add(era.communes, unit, check, "wardCode")
    era.commune_keys[key] = unit.code


def parse_legacy(rows: Iterable[Row]) -> Era:
    """Validate the rows of the legacy table and return its provinces, districts and communes."""
    era = Era()
    for row in rows:
        has_ward = any(row.get(f) for f in ("ward", "wardCode", "wardType"))
        label = ("wardCode", "ward") if has_ward else ("districtCode", "district")
        check = RowChecker(LEGACY_TABLE, row, *label)
        province = _province(check, era)
        name, kind = check.typed_name("district", "districtType", DISTRICT_KINDS)
        district = Unit(check.code("districtCode", 3), name, kind, province.code)
        _add(era.districts, district, check, "districtCode")
        # Five island districts had no communes: their rows carry no ward at all.
        if has_ward:
            key = "_".join(check.text(f) for f in ("provinceKey", "districtKey", "wardKey"))
            _commune(check, era, key, province.code, district.code)
    return era


def parse_current(rows: Iterable[Row]) -> Era:
    """Validate the rows of the current table and return its provinces and communes."""
    era = Era()
    for row in rows:
        check = RowChecker(CURRENT_TABLE, row, "wardCode", "ward")
        province = _province(check, era)
        key = "_".join(check.text(f) for f in ("provinceKey", "wardKey"))
        _commune(check, era, key, province.code, None)
    return era


def _lookup(keys: Mapping[str, str], key: str, section: str, lineage: Lineage) -> str | None:
    """Return the code the converter's `key` names, remembering keys that name no unit."""
    code = keys.get(key)
    if code is None:
        lineage.unmatched.append(f"{section}: {key}")
    return code


def _province_links(converter: Json, legacy: Era, current: Era, into: Lineage) -> None:
    section = "DICT_PROVINCE"
    for new_key, old_keys in converter[section].items():
        new = _lookup(current.province_keys, new_key, section, into)
        kind = ChangeKind.MERGE if len(old_keys) > 1 else ChangeKind.CONTINUATION
        for old_key in old_keys:
            old = _lookup(legacy.province_keys, old_key, section, into)
            if new and old:
                into.provinces.append(Link(old, new, kind))


def _whole_moves(converter: Json, legacy: Era, current: Era, into: Lineage) -> list[Link]:
    """Return the moves of legacy communes that went wholly into one new commune, kind unset."""
    section, moves = "DICT_PROVINCE_WARD_NO_DIVIDED", []
    for new_province, wards in converter[section].items():
        for new_ward, old_keys in wards.items():
            new = _lookup(current.commune_keys, f"{new_province}_{new_ward}", section, into)
            for old_key in old_keys:
                old = _lookup(legacy.commune_keys, old_key, section, into)
                if new and old:
                    moves.append(Link(old, new, kind=""))
    return moves


def _split_moves(converter: Json, legacy: Era, current: Era, into: Lineage) -> list[Link]:
    """Return the moves of the parts of legacy communes divided among several new ones."""
    section, moves = "DICT_PROVINCE_WARD_DIVIDED", []
    for new_province, olds in converter[section].items():
        for old_key, parts in olds.items():
            old = _lookup(legacy.commune_keys, old_key, section, into)
            for part in parts:
                new_key = f"{new_province}_{part.get('newWardKey')}"
                new = _lookup(current.commune_keys, new_key, section, into)
                if new and old:
                    default = bool(part.get("isDefaultNewWard"))
                    moves.append(Link(old, new, ChangeKind.SPLIT, True, default))
    return moves


def _whole_kind(move: Link, predecessors: int, legacy: Era, current: Era) -> str:
    if predecessors > 1:
        return ChangeKind.MERGE
    before, after = legacy.communes[move.predecessor], current.communes[move.successor]
    if before.name == after.name:
        return ChangeKind.CONTINUATION
    if before.short_name == after.short_name:
        return ChangeKind.TYPE_CHANGE
    return ChangeKind.RENAME


def build_lineage(converter: Json, legacy: Era, current: Era) -> Lineage:
    """Turn the 2025 converter into province and commune links between the two eras."""
    lineage = Lineage()
    _province_links(converter, legacy, current, lineage)
    whole = _whole_moves(converter, legacy, current, lineage)
    split = _split_moves(converter, legacy, current, lineage)
    # A new commune made of one whole commune and parts of others is still a merge.
    predecessors = Counter(move.successor for move in whole + split)
    for move in whole:
        kind = _whole_kind(move, predecessors[move.successor], legacy, current)
        lineage.communes.append(Link(move.predecessor, move.successor, kind))
    lineage.communes += split
    return lineage


Tally = Counter  # "created", "updated" and "unchanged" rows of one level


@dataclass
class LoadResult:
    legacy: Era
    current: Era
    lineage: Lineage
    tallies: dict[str, Tally]


def _upsert(
    rows: models.QuerySet,
    key_fields: tuple[str, ...],
    wanted: Mapping[tuple, dict[str, Any]],
    fixed: dict[str, Any],
    tally: Tally,
) -> None:
    """Create the `wanted` rows missing from `rows`, adding `fixed`; update the changed ones."""
    existing = {tuple(getattr(obj, name) for name in key_fields): obj for obj in rows}
    fresh, changed = [], []
    for key, values in wanted.items():
        obj = existing.get(key)
        if obj is None:
            fresh.append(rows.model(**dict(zip(key_fields, key, strict=True)), **fixed, **values))
        elif any(getattr(obj, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(obj, name, value)
            changed.append(obj)
    rows.model.objects.bulk_create(fresh, batch_size=BATCH_SIZE)
    if changed:
        fields = sorted({name for values in wanted.values() for name in values})
        rows.model.objects.bulk_update(changed, fields, batch_size=BATCH_SIZE)
    tally.update(created=len(fresh), updated=len(changed))
    tally.update(unchanged=len(wanted) - len(fresh) - len(changed))


def _save_units(
    model: type[Province | District | Commune],
    dates: tuple[datetime.date | None, datetime.date | None],
    units: dict[str, Unit],
    parents: dict[str, dict[str, int]],
    tally: Tally,
) -> dict[str, int]:
    """Upsert one level of one era, matched by code and start date; return ids by code."""
    rows = model.objects.filter(valid_from=dates[0])  # None matches the legacy units' NULL
    wanted = {
        (unit.code,): {"name": unit.name, "kind": unit.kind}
        | {f"{attr}_id": ids.get(getattr(unit, attr)) for attr, ids in parents.items()}
        for unit in units.values()
    }
    _upsert(rows, ("code",), wanted, {"valid_from": dates[0], "valid_to": dates[1]}, tally)
    return dict(rows.values_list("code", "id"))


def _save_era(era: Era, dates: tuple, tallies: dict[str, Tally]) -> tuple[dict, dict]:
    """Upsert the provinces, districts and communes of one era; return province and commune ids."""
    provinces = _save_units(Province, dates, era.provinces, {}, tallies["provinces"])
    parents = {"province": provinces}
    parents["district"] = _save_units(District, dates, era.districts, parents, tallies["districts"])
    return provinces, _save_units(Commune, dates, era.communes, parents, tallies["communes"])


def _save_links(
    model: type[ProvinceLineage | CommuneLineage],
    links: list[Link],
    ids: tuple[dict[str, int], dict[str, int]],
    tally: Tally,
) -> None:
    """Upsert lineage edges, matched by predecessor, successor and effective date."""
    before, after = ids
    fields = [f for f in ("kind", "partial", "is_default_successor") if hasattr(model, f)]
    wanted = {
        (before[k.predecessor], after[k.successor]): {f: getattr(k, f) for f in fields}
        for k in links
    }
    rows = model.objects.filter(effective_on=REFORM_DATE)
    _upsert(rows, ("predecessor_id", "successor_id"), wanted, {"effective_on": REFORM_DATE}, tally)


def save(legacy: Era, current: Era, lineage: Lineage) -> dict[str, Tally]:
    """Write both eras and their lineage in one transaction; return what changed per level."""
    names = ("provinces", "districts", "communes", "province_links", "commune_links")
    tallies = {name: Tally(created=0, updated=0, unchanged=0) for name in names}
    with transaction.atomic():
        provinces, communes = zip(
            _save_era(legacy, (None, LEGACY_END), tallies),
            _save_era(current, (REFORM_DATE, None), tallies),
            strict=True,
        )
        _save_links(ProvinceLineage, lineage.provinces, provinces, tallies["province_links"])
        _save_links(CommuneLineage, lineage.communes, communes, tallies["commune_links"])
    return tallies


def load_units(
    *,
    legacy_rows: Iterable[Row],
    current_rows: Iterable[Row],
    converter: Json,
    province: str | None = None,
) -> LoadResult:
    """Validate every source row, then load both eras (or one province code of each) and lineage."""
    legacy, current = parse_legacy(legacy_rows), parse_current(current_rows)
    lineage = build_lineage(converter, legacy, current)
    if province is not None:
        legacy, current = legacy.only_province(province), current.only_province(province)
        if not legacy.provinces and not current.provinces:
            message = _("No province has the code %(code)s.")
            raise ValidationError(message, code="unknown_province", params={"code": province})
        lineage = lineage.among(legacy, current)
    return LoadResult(legacy, current, lineage, save(legacy, current, lineage))
