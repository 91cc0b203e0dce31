"""What the indicator pages share: the reader's own area, and the span a trend link covers."""

import datetime
from typing import Any

from accounts.models import Role
from reports.areas import NATION_CODE
from targets.indicators import IndicatorUnit
from units.scope import scope_of

TREND_YEARS = 10
# How an indicator's value is typed in an exported table (reports.exports.Column.kind).
VALUE_KINDS = {IndicatorUnit.PERCENT: "percent", IndicatorUnit.RATIO: "number"}


def home_area_code(user: Any) -> str:
    """Return the code of the reader's own area: the nation, their province or their commune."""
    if scope_of(user).everything:
        return NATION_CODE
    if user.role == Role.COMMUNE_CADRE and user.commune_id:
        return user.commune.code
    if user.province_id:
        return user.province.code
    # No area: the selector answers 404 for any code, the nation included.
    return user.commune.code if user.commune_id else NATION_CODE


def years_before(day: datetime.date, years: int) -> datetime.date:
    """Return the same day `years` earlier; 29 February falls back to the 28th."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)
