"""Check the facts against the live computation (the reference) for areas and dates."""

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..areas import Area, Level, child_areas, nation
from ..indicators import REGISTRY, Counts, computing_live, sharing
from ..indicators.base import Window
from ..indicators.shares import prefetch_window
from ..report import default_window

ONE_DAY = datetime.timedelta(days=1)


@dataclass(frozen=True)
class Difference:
    """One indicator whose facts and live figures disagree for one child of an area."""

    area: str
    day: datetime.date
    indicator: str
    child: int | None
    facts: Counts | None
    live: Counts | None

    def __str__(self) -> str:
        return (
            f"{self.day} {self.area} {self.indicator} child={self.child}: "
            f"facts {self._counts(self.facts)}, live {self._counts(self.live)}"
        )

    @staticmethod
    def _counts(counts: Counts | None) -> str:
        return "—" if counts is None else f"{counts.numerator}/{counts.denominator}"


def _nonzero(grouped: dict) -> dict:
    """Drop the children counted zero: the two sides may or may not list them."""
    return {child: c for child, c in grouped.items() if c.numerator or c.denominator}


def compare(area: Area, window: Window) -> Iterator[Difference]:
    """Yield every difference between facts and live for `area` and its children."""
    codes = [code for code, d in REGISTRY.items() if d.reads_facts and d.supports(area.level)]
    with sharing():
        prefetch_window(area, window)  # as a report reads them
        facts = {code: _nonzero(REGISTRY[code].compute(area, window)) for code in codes}
    with computing_live(), sharing():
        live = {code: _nonzero(REGISTRY[code].compute(area, window)) for code in codes}
    for code in codes:
        for child in sorted(facts[code].keys() | live[code].keys(), key=lambda c: (c is None, c)):
            mine, theirs = facts[code].get(child), live[code].get(child)
            if mine != theirs:
                yield Difference(area.code, window.on, code, child, mine, theirs)


def default_dates(today: datetime.date) -> list[datetime.date]:
    """Today, both sides of the 2025 reform, and the last three year ends."""
    reform = datetime.date(2025, 7, 1)
    year_ends = [datetime.date(today.year - n, 12, 31) for n in (1, 2, 3)]
    return sorted({today, reform - ONE_DAY, reform, *year_ends})


def areas_to_check(day: datetime.date, *, provinces: bool) -> Iterable[Area]:
    """The nation (by province), and, when asked, every province (by commune)."""
    top = nation()
    yield top
    if provinces:
        yield from (kid for kid in child_areas(top, day) if kid.level == Level.PROVINCE)


def differences(days: Iterable[datetime.date], *, provinces: bool = True) -> Iterator[Difference]:
    """Yield the differences for every area to check on every day (period: 1 January → day)."""
    for day in days:
        for area in areas_to_check(day, provinces=provinces):
            yield from compare(area, default_window(day))
