"""Time the stock report of three areas with the engine and with the hand-written floor.

Each case is timed as the median of `repeat` runs, after one warm-up run of each so that both
read from a warm cache. The engine is `build_report` exactly as a user's report runs it.
"""

import datetime
import resource
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count

from members.models import ServiceRecord
from reports.areas import Area, child_areas, commune_area, nation, province_area
from reports.indicators import Counts
from reports.report import build_report, default_window
from targets.indicators import IndicatorKind
from units.models import Commune, Province

from .floor import COLUMNS, floor_counts


class Mismatch(AssertionError):
    """The engine and the hand-written SQL disagree on some numerator or denominator."""


@dataclass(frozen=True)
class Result:
    case: str
    area: Area
    engine: float
    floor: float
    children: int

    @property
    def ratio(self) -> float:
        return self.engine / self.floor


def median_seconds(run: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """Run once to warm up, then `repeat` times; return the median time and the last result."""
    result = run()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def peak_rss_mb() -> float:
    """Return the peak resident memory of this process so far (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def busiest_province(on: datetime.date) -> Province:
    """Pick the province with the most service records: the heaviest province report."""
    counts = ServiceRecord.objects.filter(commune__province__in=Province.objects.valid_on(on))
    top = counts.values("commune__province").annotate(n=Count("pk")).order_by("-n").first()
    if top is None:
        raise LookupError("No service record in a province valid on the date.")
    return Province.objects.get(pk=top["commune__province"])


def busiest_commune(province: Province, on: datetime.date) -> Commune:
    """Pick the province's commune with the most service records."""
    communes = Commune.objects.valid_on(on).filter(province=province)
    top = ServiceRecord.objects.filter(commune__in=communes).values("commune")
    top = top.annotate(n=Count("pk")).order_by("-n").first()
    if top is None:
        raise LookupError("No service record in a commune valid on the date.")
    return Commune.objects.get(pk=top["commune"])


def engine_counts(entries: list[dict]) -> dict[str, Counts]:
    return {entry["code"]: Counts(entry["numerator"], entry["denominator"]) for entry in entries}


def floor_total(floor: dict[int | None, dict[str, Counts]]) -> dict[str, Counts]:
    """Add the groups up, numerators and denominators apart, as the engine does."""
    zero = {code: Counts(0, None if den is None else 0) for code, (_num, den) in COLUMNS.items()}
    for counts in floor.values():
        zero = {code: zero[code] + counts[code] for code in zero}
    return zero


def compare(report: dict, floor: dict[int | None, dict[str, Counts]], kids: list[Area]) -> None:
    """Raise Mismatch unless the area and each child have the same counts both ways."""
    pairs = [(report["area"]["code"], engine_counts(report["indicators"]), floor_total(floor))]
    empty = floor_total({})
    for kid, entry in zip(kids, report.get("children", []), strict=True):
        pairs.append((kid.code, engine_counts(entry["indicators"]), floor.get(kid.pk, empty)))
    wrong = [
        f"{code} {indicator}: engine {engine[indicator]}, SQL {sql[indicator]}"
        for code, engine, sql in pairs
        for indicator in COLUMNS
        if engine[indicator] != sql[indicator]
    ]
    if wrong:
        raise Mismatch("\n".join(wrong[:20]))


def bench_case(case: str, area: Area, on: datetime.date, repeat: int) -> Result:
    """Time one case both ways and check that they agree."""
    window = default_window(on)
    # A commune's children are force units; its floor is the commune's own total.
    kids = child_areas(area, on) if area.level != "commune" else []

    def engine() -> dict:
        return build_report(area=area, window=window, children=bool(kids), kind=IndicatorKind.STOCK)

    engine_time, report = median_seconds(engine, repeat)
    floor_time, floor = median_seconds(lambda: floor_counts(area, on), repeat)
    compare(report, floor, kids)
    return Result(case, area, engine_time, floor_time, len(kids))


def bench(on: datetime.date, repeat: int) -> list[Result]:
    """Run the three cases: the nation by province, a province by commune, one commune."""
    province = busiest_province(on)
    commune = busiest_commune(province, on)
    return [
        bench_case("nation by province", nation(), on, repeat),
        bench_case("province by commune", province_area(province), on, repeat),
        bench_case("one commune", commune_area(commune), on, repeat),
    ]
