"""Working days: weekdays that are not Vietnamese public holidays (the `holidays` package)."""

import datetime
from bisect import bisect_left, bisect_right

import holidays

ONE_DAY = datetime.timedelta(days=1)


class WorkingCalendar:
    """Count working days between 1 January of `first_year` and 31 December of `last_year`."""

    def __init__(self, first_year: int, last_year: int) -> None:
        public = holidays.country_holidays("VN", years=range(first_year, last_year + 1))
        day, last = datetime.date(first_year, 1, 1), datetime.date(last_year, 12, 31)
        days = []
        while day <= last:
            if day.weekday() < 5 and day not in public:
                days.append(day)
            day += ONE_DAY
        self._days = days

    def add(self, day: datetime.date, count: int) -> datetime.date:
        """Return the `count`-th working day after `day`."""
        return self._days[bisect_right(self._days, day) + count - 1]

    def subtract(self, day: datetime.date, count: int) -> datetime.date:
        """Return the working day `count` working days before `day`."""
        return self._days[bisect_left(self._days, day) - count]

    def between(self, first: datetime.date, last: datetime.date) -> list[datetime.date]:
        """Return the working days from `first` to `last`, both inclusive."""
        return self._days[bisect_left(self._days, first) : bisect_right(self._days, last)]


def add_months(day: datetime.date, months: int) -> datetime.date:
    """Return the same day `months` later, or the month's last day when it has no such day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise ValueError(day)


def add_years(day: datetime.date, years: int) -> datetime.date:
    """Return the same day `years` later (28 February for 29 February in a common year)."""
    return add_months(day, 12 * years)
