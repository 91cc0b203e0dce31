"""Dated admission rules and the calendar arithmetic they need (DOMAIN.md §5).

The conventions below are decided once, here, and shared by services and selectors:

- Working days are Monday to Friday minus the Vietnamese public holidays that the `holidays`
  package lists (Tết, 30 April, 1 May, 2 September, Hùng Kings, and the bridging days off it
  knows). A Saturday the government turns into a working day to make up for a bridge is still a
  weekend day here: the package does not list those.
- `add_working_days(start, n)` does not count `start`: the first working day strictly after
  `start` is day 1, whatever kind of day `start` is. "Within 60 working days of the cell vote"
  therefore means on or before `add_working_days(cell_vote, 60)`.
- `working_days_between(a, b)` counts the working days after `a` up to and including `b`, so
  `working_days_between(a, add_working_days(a, n)) == n`.
- N months after a day is the same day of the month N months later, or the last day of that
  month when it is shorter (31 January + 1 month = 28 or 29 February). A document valid for N
  months is still valid on that day and expired the day after.
- Age in whole months on a day is the largest N with birth date + N months <= that day: a person
  born on 18 March 2006 is 216 months old (18 years 0 months) on 18 March 2024 and 215 months old
  on 17 March 2024.
"""

import calendar
import datetime
import functools

import holidays
from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from members.models import AdmissionRuleSet

HOLIDAY_COUNTRY = "VN"


def format_day(day: datetime.date) -> str:
    """Format a date the way Vietnamese documents write it."""
    return day.strftime("%d/%m/%Y")


def rule_set_on(day: datetime.date) -> AdmissionRuleSet:
    """Return the rule set in force on `day`: the latest one with `effective_from <= day`."""
    rule_set = (
        AdmissionRuleSet.objects.filter(effective_from__lte=day).order_by("-effective_from").first()
    )
    if rule_set is None:
        raise _no_rule_set(day)
    return rule_set


class RuleBook:
    """Every rule set, read once: for listing many cases without a query per case."""

    def __init__(self) -> None:
        self.rule_sets = list(AdmissionRuleSet.objects.order_by("-effective_from"))

    def on(self, day: datetime.date) -> AdmissionRuleSet:
        """Return the rule set in force on `day`, as `rule_set_on` does."""
        found = next((rules for rules in self.rule_sets if rules.effective_from <= day), None)
        if found is None:
            raise _no_rule_set(day)
        return found


def _no_rule_set(day: datetime.date) -> ValidationError:
    return ValidationError(
        gettext("No admission rule set is in force on %(date)s."),
        code="no_rule_set",
        params={"date": format_day(day)},
    )


@functools.cache
def _public_holidays(year: int) -> frozenset[datetime.date]:
    return frozenset(holidays.country_holidays(HOLIDAY_COUNTRY, years=year))


def is_working_day(day: datetime.date) -> bool:
    """Tell whether `day` is a weekday that is not a Vietnamese public holiday."""
    return day.weekday() < 5 and day not in _public_holidays(day.year)


def add_working_days(start: datetime.date, n: int) -> datetime.date:
    """Return the n-th working day after `start`; `start` itself is never counted."""
    if n < 0:
        raise ValueError("n must not be negative")
    day = start
    while n:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            n -= 1
    return day


def working_days_between(a: datetime.date, b: datetime.date) -> int:
    """Count the working days after `a` up to and including `b`; negative when `b` < `a`."""
    if b < a:
        return -working_days_between(b, a)
    days = (a + datetime.timedelta(days=offset) for offset in range(1, (b - a).days + 1))
    return sum(1 for day in days if is_working_day(day))


def add_months(day: datetime.date, months: int) -> datetime.date:
    """Return the same day `months` later, or the month's last day when it is shorter."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def age_in_months(birth_date: datetime.date, on: datetime.date) -> int:
    """Return the whole months lived from `birth_date` to `on`."""
    months = (on.year - birth_date.year) * 12 + on.month - birth_date.month
    if add_months(birth_date, months) > on:
        months -= 1
    return months


def format_months(months: int) -> str:
    """Write a number of months as years and months (216 → "18 years 0 months")."""
    return gettext("%(years)s years %(months)s months") % {
        "years": months // 12,
        "months": months % 12,
    }


def meets_share(*, votes_for: int, voters: int, numerator: int, denominator: int) -> bool:
    """Tell whether `votes_for` reaches numerator/denominator of `voters`, in exact integers."""
    return votes_for * denominator >= numerator * voters


def probation_ends_on(ceremony_on: datetime.date, rules: RuleBook | None = None) -> datetime.date:
    """Return the day probation is over and full membership starts.

    Probation starts at the ceremony, and its length is the one in force on the ceremony date:
    a later rule set does not lengthen or shorten a probation already running.
    """
    in_force = rules.on(ceremony_on) if rules else rule_set_on(ceremony_on)
    return add_months(ceremony_on, in_force.probation_months)
