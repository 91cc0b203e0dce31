"""How a target reads on a page: its indicator with the unit, its bound and its deadline in words.

Numbers follow the active language's formats (Vietnamese: 12,5 and 1.189); a bound keeps the
kind the model holds, so "at least 30 %" reads "≥ 30 %" and "over 30 %" reads "> 30 %".
"""

from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext

from .indicators import IndicatorUnit, indicator_spec
from .models import UPPER_ONLY, Bound, Target

SIGNS = {
    Bound.AT_LEAST: "≥ ",
    Bound.OVER: "> ",
    Bound.AT_MOST: "≤ ",
    Bound.UNDER: "< ",
    Bound.EXACT: "= ",
}


def unit_symbol(unit: str) -> str:
    """Return what follows a number of `unit`: "%" for percent, the unit's name otherwise."""
    if unit == IndicatorUnit.PERCENT:
        return "%"
    return str(IndicatorUnit(unit).label)


def indicator_label(code: str) -> str:
    """Return the indicator's name followed by its unit, as a choice in a form shows it."""
    spec = indicator_spec(code)
    return gettext("%(name)s (%(unit)s)") % {"name": spec.name, "unit": unit_symbol(spec.unit)}


def number(value: Decimal) -> str:
    """Format a stored bound (three decimal places) without its trailing zeros."""
    plain = Decimal(f"{value.normalize():f}")
    return number_format(plain, use_l10n=True, force_grouping=True)


def bound_text(target: Target) -> str:
    """Return the bound in words: "≥ 12,5 %", "70–75 %", "≤ 5 %", "= 100 %"; counts bare."""
    unit = indicator_spec(target.indicator).unit
    suffix = " %" if unit == IndicatorUnit.PERCENT else ""
    if target.bound == Bound.RANGE:
        return f"{number(target.lower)}–{number(target.upper)}{suffix}"
    value = target.upper if target.bound in UPPER_ONLY else target.lower
    return f"{SIGNS[Bound(target.bound)]}{number(value)}{suffix}"


def deadline_text(target: Target) -> str:
    """Return the deadline: the year, or the date as dd/mm/yyyy."""
    if target.deadline_date is not None:
        return target.deadline_date.strftime("%d/%m/%Y")
    return str(target.deadline_year)
