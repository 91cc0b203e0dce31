"""Directives and targets of the seeds, attached to the provinces that are loaded."""

import datetime
from collections.abc import Callable
from decimal import Decimal

from targets.indicators import Indicator
from targets.models import Bound, Directive, Target
from units.models import Province

DEMO_NUMBER = "MH-01-CT/TU"
DEMO_ISSUER = "Ban Thường vụ Tỉnh ủy Lạng Sơn (dữ liệu minh họa)"
IND = Indicator

# (indicator, bound, lower, upper, deadline year) from seed 000. The seed's situation (2011
# targets, 2015 targets) is moved onto the demo: its 2011 becomes the demo year and its 2015 the
# demo year + 4, so that on the demo date the militia stands at 11.89 % against 12.5 %.
SEED_000 = [
    (IND.DQTV_POPULATION_SHARE, Bound.AT_LEAST, "1.5", None, 2011),
    (IND.PARTY_SHARE_DQTV, Bound.AT_LEAST, "16.5", None, 2011),
    (IND.PARTY_SHARE_MILITIA, Bound.AT_LEAST, "12.5", None, 2011),
    (IND.PARTY_SHARE_RESERVE, Bound.AT_LEAST, "7.5", None, 2011),
    (IND.PARTY_SHARE_RESERVE_OFFICERS, Bound.AT_LEAST, "54", None, 2011),
    (IND.DQTV_POPULATION_SHARE, Bound.RANGE, "1.6", "2", 2015),
    (IND.PARTY_SHARE_DQTV, Bound.AT_LEAST, "18", None, 2015),
    (IND.PARTY_SHARE_MILITIA, Bound.RANGE, "14", "15", 2015),
    (IND.PARTY_SHARE_RESERVE, Bound.AT_LEAST, "7.5", None, 2015),
    (IND.PARTY_SHARE_RESERVE_OFFICERS, Bound.RANGE, "70", "75", 2015),
]
# Seed 004 (Kon Tum): (indicator, bound, lower, upper, deadline year, each commune).
SEED_004 = [
    (IND.ADMISSIONS_PER_MILITARY_CELL, Bound.RANGE, "1", "2", 2015, True),
    (IND.MILITARY_CELLS_WITH_COMMITTEE, Bound.AT_LEAST, "50", None, 2015, False),
    (IND.COMMAND_CADRES_MILITARY_TRAINING, Bound.AT_LEAST, "100", None, 2015, False),
    (IND.COMMAND_CADRES_HIGHER_EDUCATION, Bound.AT_LEAST, "30", None, 2015, False),
    (IND.ADMISSIONS_RESERVE, Bound.RANGE, "1", "2", 2015, True),
]

DIRECTIVES = {
    "20": dict(
        number=DEMO_NUMBER,
        issuer=DEMO_ISSUER,
        issued_on=datetime.date(2011, 1, 15),  # moved onto the demo year by `_on_demo_year`
        title="Chỉ thị về tiếp tục đẩy mạnh công tác phát triển Đảng trong lực lượng dân quân "
        "tự vệ và dự bị động viên",
        source="Chỉ tiêu theo văn bản mẫu 000 (chỉ thị năm 2011 của một tỉnh ủy thuộc Quân khu 7, "
        "dẫn Chỉ thị 06-CT/TU ngày 28/02/2011); chỉ tiêu 2011 đặt vào năm minh họa, chỉ tiêu 2015 "
        "vào 4 năm sau. Số hiệu, ngày và việc gán cho Lạng Sơn là minh họa.",
    ),
    "45": dict(
        number="14-CT/TU",
        issuer="Ban Thường vụ Tỉnh ủy Quảng Trị",
        issued_on=datetime.date(2013, 1, 15),
        title="Chỉ thị về việc tăng cường công tác phát triển đảng viên ở địa bàn, lĩnh vực còn "
        "khó khăn và ít đảng viên",
        source="Văn bản mẫu 001: Chỉ thị 14-CT/TU ngày 15/01/2013 của Tỉnh ủy Quảng Trị "
        "(không đặt chỉ tiêu bằng số).",
    ),
    "62": dict(
        number="KL-HD35 (minh họa)",
        issuer="Ban Thường vụ Tỉnh ủy Kon Tum",
        issued_on=datetime.date(2014, 7, 4),
        title="Kết luận hội nghị sơ kết 5 năm thực hiện Hướng dẫn số 35 của Ban Tổ chức Trung "
        "ương về tổ chức và hoạt động của chi bộ quân sự xã, phường, thị trấn",
        source="Văn bản mẫu 004 (kontumtv.vn, hội nghị ngày 4/7); số hiệu và năm là giả định "
        "cho dữ liệu minh họa.",
    ),
}


def _on_demo_year(code: str, fields: dict, day: datetime.date) -> dict:
    """Move the demo directive of seed 000 from 2011 onto the demo date's year."""
    if code != "20":
        return fields
    return {**fields, "issued_on": fields["issued_on"].replace(year=day.year)}


def _target(directive: Directive, row: tuple, year_shift: int = 0) -> Target:
    indicator, bound, lower, upper, year, *each = row
    return Target(
        directive=directive,
        indicator=indicator,
        bound=bound,
        lower=Decimal(lower) if lower else None,
        upper=Decimal(upper) if upper else None,
        deadline_year=year + year_shift,
        each_commune=bool(each and each[0]),
    )


def build_directives(day: datetime.date, note: Callable[[str, dict], None]) -> list[Directive]:
    """Create the seeds' directives for the loaded legacy provinces; note the skipped ones."""
    made = []
    for code, original in DIRECTIVES.items():
        fields = _on_demo_year(code, original, day)
        shift = fields["issued_on"].year - original["issued_on"].year
        province = Province.objects.valid_on(fields["issued_on"]).filter(code=code).first()
        if province is None:
            note("skipped", {"number": fields["number"], "code": code})
            continue
        directive = Directive(province=province, effective_from=fields["issued_on"], **fields)
        directive.full_clean()  # lengths too: SQLite would store an over-long text silently
        directive.save()
        rows = {"20": SEED_000, "62": SEED_004}.get(code, [])
        Target.objects.bulk_create([_target(directive, row, shift) for row in rows])
        made.append(directive)
    return made


def demo_directives() -> list[Directive]:
    """Return the directives this command creates, wherever they are stored."""
    return list(
        Directive.objects.filter(
            number__in=[d["number"] for d in DIRECTIVES.values()],
            issuer__in=[d["issuer"] for d in DIRECTIVES.values()],
        )
    )
