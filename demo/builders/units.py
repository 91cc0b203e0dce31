"""Commune military commands, military party cells, and militia, self-defence and reserve units."""

import datetime

from units.models import (
    CommuneCommand,
    DqtvCategory,
    Echelon,
    Force,
    ForceUnit,
    MilitaryPartyCell,
    ReserveCategory,
)

from . import constants
from .context import DemoContext

CELL_YEARS = [(2019, 30), (2020, 25), (2021, 20), (2022, 20), (2023, 5)]
ARMS = [
    (DqtvCategory.AIR_DEFENCE, "Khẩu đội súng máy phòng không 12,7 mm"),
    (DqtvCategory.ARTILLERY, "Khẩu đội cối 60 mm"),
    (DqtvCategory.MEDICAL, "Tổ quân y"),
    (DqtvCategory.RECONNAISSANCE, "Tổ trinh sát"),
    (DqtvCategory.SIGNALS, "Tổ thông tin"),
    (DqtvCategory.ENGINEERS, "Tổ công binh"),
    (DqtvCategory.CHEMICAL, "Tổ phòng hóa"),
]
# Host agencies and enterprises of self-defence units: (commune code, host, category).
SELF_DEFENCE_HOSTS = [
    ("05971", "Văn phòng Tỉnh ủy Lạng Sơn", DqtvCategory.IN_PLACE),
    ("05974", "Sở Nông nghiệp và Phát triển nông thôn tỉnh Lạng Sơn", DqtvCategory.IN_PLACE),
    ("05977", "Bệnh viện Đa khoa tỉnh Lạng Sơn", DqtvCategory.MEDICAL),
    ("05980", "Công ty Điện lực Lạng Sơn", DqtvCategory.MOBILE),
    ("05983", "Trường Cao đẳng Sư phạm Lạng Sơn", DqtvCategory.IN_PLACE),
    ("05971", "Đài Phát thanh và Truyền hình Lạng Sơn", DqtvCategory.SIGNALS),
    ("06184", "Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng – Lạng Sơn", DqtvCategory.MOBILE),
    ("06184", "Công ty TNHH Thương mại Xuất nhập khẩu Đồng Đăng (minh họa)", DqtvCategory.IN_PLACE),
    ("06187", "Công ty Cổ phần Vật liệu xây dựng Cao Lộc (minh họa)", DqtvCategory.IN_PLACE),
    ("06463", "Công ty Cổ phần Xi măng Đồng Bành (minh họa)", DqtvCategory.AIR_DEFENCE),
    ("06385", "Công ty TNHH Chế biến lâm sản Hữu Lũng (minh họa)", DqtvCategory.IN_PLACE),
    ("06526", "Công ty Than Na Dương (minh họa)", DqtvCategory.MOBILE),
]
RESERVE_UNITS = [
    ("Tiểu đoàn bộ binh 1 (dự bị động viên)", Echelon.BATTALION, ReserveCategory.NCO_SOLDIER_1),
    ("Tiểu đoàn bộ binh 2 (dự bị động viên)", Echelon.BATTALION, ReserveCategory.NCO_SOLDIER_1),
    ("Tiểu đoàn bộ binh 3 (dự bị động viên)", Echelon.BATTALION, ReserveCategory.NCO_SOLDIER_2),
    ("Đại đội pháo binh (dự bị động viên)", Echelon.COMPANY, ReserveCategory.NCO_SOLDIER_1),
    ("Đại đội công binh (dự bị động viên)", Echelon.COMPANY, ReserveCategory.NCO_SOLDIER_2),
    ("Đại đội thông tin (dự bị động viên)", Echelon.COMPANY, ReserveCategory.NCO_SOLDIER_1),
    ("Trung đoàn bộ binh dự bị động viên – cơ quan", Echelon.REGIMENT, ReserveCategory.OFFICER),
    ("Đội điều trị (dự bị động viên)", Echelon.COMPANY, ReserveCategory.PROFESSIONAL),
]


def place(name: str) -> str:
    """Return 'xã Tân Thành' for 'Xã Tân Thành': the unit type in lower case inside a phrase."""
    return name[:1].lower() + name[1:]


def build_commands(ctx: DemoContext) -> None:
    """Create one military command per commune."""
    commands = [
        CommuneCommand(commune=c, established_on=datetime.date(2010, 1, 1)) for c in ctx.communes
    ]
    CommuneCommand.objects.bulk_create(commands, batch_size=1000)
    ctx.commands = {command.commune_id: command for command in commands}


def cell_founded(ctx: DemoContext, code: str) -> datetime.date:
    """Return when the commune's military cell was founded: between 2019 and mid-2023."""
    fixed = {
        constants.TAN_THANH: constants.TAN_THANH_CELL_FOUNDED,
        constants.CHAU_SON: constants.CHAU_SON_CELL_FOUNDED,
    }
    if code in fixed:
        return fixed[code]
    year = ctx.rng.choices([y for y, _ in CELL_YEARS], [w for _, w in CELL_YEARS])[0]
    last = datetime.date(year, 6, 30) if year == 2023 else datetime.date(year, 12, 31)
    return ctx.rng.choice(ctx.calendar.between(datetime.date(year, 1, 2), last))


def cell_name(commune) -> str:
    """Return 'Chi bộ Quân sự xã Tân Thành' for the commune's military party cell."""
    return f"Chi bộ Quân sự {place(commune.name)}"


def build_cells(ctx: DemoContext) -> None:
    """Create the commune military party cells founded on or before the demo date."""
    cells = []
    # Past the reform, the legacy cells are dissolved with their communes.
    dissolved = constants.LEGACY_END if ctx.reformed else None
    for commune in ctx.communes:
        founded = cell_founded(ctx, commune.code)
        if founded <= ctx.day:
            cells.append(
                MilitaryPartyCell(
                    commune=commune,
                    name=cell_name(commune),
                    established_on=founded,
                    dissolved_on=dissolved,
                )
            )
    MilitaryPartyCell.objects.bulk_create(cells, batch_size=1000)
    ctx.cells = {cell.commune_id: cell for cell in cells}


def militia_units(ctx: DemoContext) -> list[ForceUnit]:
    """Return each commune's standing, mobile, in-place (one per village) and arms units."""
    units = []
    for commune in ctx.communes:
        units += commune_militia(ctx, commune, ctx.rng.sample(ARMS, 2), province=ctx.province)
    return units


def commune_militia(ctx: DemoContext, commune, arms: list, **common) -> list[ForceUnit]:
    """Return one commune's standing, mobile, in-place (one per village) and `arms` units;
    `common` gives the province and any validity."""
    where, common = place(commune.name), {**common, "commune": commune}
    units = [
        _militia(f"Tổ dân quân thường trực {where}", "standing", "team", common),
        _militia(f"Trung đội dân quân cơ động {where}", "mobile", "platoon", common),
    ]
    for village in ctx.villages.get(commune.pk, []):
        name = f"Tiểu đội dân quân tại chỗ {village.name}, {where}"
        units.append(_militia(name, "in_place", "squad", {**common, "village": village}))
    for category, label in arms:
        units.append(_militia(f"{label} {where}", category, "team", common))
    return units


def _militia(name: str, category: str, echelon: str, area: dict) -> ForceUnit:
    return ForceUnit(force=Force.MILITIA, category=category, echelon=echelon, name=name, **area)


def index_units(ctx: DemoContext, units: list[ForceUnit]) -> None:
    """Index the militia and self-defence units by commune and "force:category"."""
    for unit in units:
        if unit.force != Force.RESERVE:
            ctx.units[unit.commune_id][f"{unit.force}:{unit.category}"].append(unit)


def self_defence_units(ctx: DemoContext) -> list[ForceUnit]:
    """Return the self-defence units of the host agencies and enterprises present."""
    units = []
    for code, host, category in SELF_DEFENCE_HOSTS:
        commune = ctx.commune(code)
        if commune is not None:
            name = f"Trung đội tự vệ {host}"
            units.append(
                ForceUnit(
                    force=Force.SELF_DEFENCE,
                    category=category,
                    echelon=Echelon.PLATOON,
                    name=name,
                    province=ctx.province,
                    commune=commune,
                    host_organisation=host,
                )
            )
    return units


def build_force_units(ctx: DemoContext) -> None:
    """Create the militia, self-defence and reserve units and index them by commune."""
    reserve = [
        ForceUnit(
            force=Force.RESERVE,
            category=category,
            echelon=echelon,
            name=name,
            province=ctx.province,
        )
        for name, echelon, category in RESERVE_UNITS
    ]
    units = militia_units(ctx) + self_defence_units(ctx) + reserve
    if ctx.reformed:  # the legacy units end with their communes and province
        for unit in units:
            unit.valid_to = constants.LEGACY_END
    ForceUnit.objects.bulk_create(units, batch_size=1000)
    index_units(ctx, units)
    ctx.reserve_units = reserve
