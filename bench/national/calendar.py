"""Days as ordinals (fast integer arithmetic) and their ISO text, looked up rather than built."""

import datetime

from units.models import REFORM_DATE

FIRST_DAY = datetime.date(1950, 1, 1).toordinal()
LAST_DAY = datetime.date(2040, 12, 31).toordinal()
# Histories start in 2010 and stop at a fixed day rather than today, so that one seed gives
# the same rows whenever it runs; a record still running on that day is left open.
HISTORY_START = datetime.date(2010, 1, 1).toordinal()
HORIZON = datetime.date(2026, 10, 31).toordinal()
REFORM = REFORM_DATE.toordinal()
YEAR = 365

_ISO = [datetime.date.fromordinal(day).isoformat() for day in range(FIRST_DAY, LAST_DAY + 1)]


def iso(day: int | None) -> str:
    """Return the day as YYYY-MM-DD, or the COPY null marker for no day."""
    return "\\N" if day is None else _ISO[day - FIRST_DAY]


def year_of(day: int) -> int:
    return int(_ISO[day - FIRST_DAY][:4])
