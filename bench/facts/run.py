"""The cases of the facts benchmark (see `bench.facts`)."""

import datetime
import random
import resource
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import nullcontext

from django.db import connection

from bench.indicators.run import busiest_commune, busiest_province
from reports.areas import Area, commune_area, nation, province_area
from reports.indicators import REGISTRY, computing_live, sharing
from reports.report import build_report, default_window
from reports.trends import build_trend, series_windows
from targets.indicators import Indicator

FIRST = datetime.date(2016, 1, 1)
LAST = datetime.date(2026, 6, 30)
TREND_YEARS = 10


def random_days(rng: random.Random, count: int) -> list[datetime.date]:
    span = (LAST - FIRST).days
    return [FIRST + datetime.timedelta(days=rng.randint(0, span)) for _ in range(count)]


def median_ms(run: Callable[[datetime.date], object], days: list[datetime.date]) -> float:
    """Warm up on the first day, then time one run per remaining day; return the median."""
    run(days[0])
    times = []
    for day in days[1:]:
        started = time.perf_counter()
        run(day)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def report_case(area: Area, live: bool) -> Callable[[datetime.date], object]:
    def run(day: datetime.date) -> object:
        with computing_live() if live else nullcontext():
            return build_report(area=area, window=default_window(day), children=True)

    return run


def trend_case(live: bool, points: int | None = None) -> Callable[[datetime.date], object]:
    def run(day: datetime.date) -> object:
        first = day.replace(year=day.year - TREND_YEARS)
        windows = series_windows(first, day, "month")[: points or None]
        with computing_live() if live else nullcontext():
            return build_trend(
                area=nation(), code=Indicator.PARTY_SHARE_DQTV, windows=windows, step="month"
            )

    return run


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def sizes() -> Iterator[str]:
    with connection.cursor() as cursor:
        for table in ("reports_indicatorfact", "members_servicerecord", "members_partyrecord"):
            cursor.execute(
                "SELECT reltuples::bigint, pg_total_relation_size(oid) FROM pg_class "
                "WHERE relname = %s",
                [table],
            )
            rows, size = cursor.fetchone()
            yield f"| {table} | {rows:,} | {size / 2**20:,.0f} MB |"


def per_indicator(area: Area, day: datetime.date) -> Iterator[str]:
    """Time each definition alone for `area` on `day` (facts where it reads them)."""
    window = default_window(day)
    for code, definition in REGISTRY.items():
        if not definition.supports(area.level):
            continue
        with sharing():
            started = time.perf_counter()
            definition.compute(area, window)
            ms = (time.perf_counter() - started) * 1000
        source = "facts" if definition.reads_facts else "on the fly"
        yield f"| {code} | {source} | {ms:,.1f} ms |"


def run(*, repeat: int, seed: int, live: bool) -> Iterator[str]:
    rng = random.Random(seed)
    days = random_days(rng, repeat + 1)
    province = busiest_province(LAST)
    commune = busiest_commune(province, LAST)
    cases = [
        (
            "nation, every indicator, by province",
            report_case(nation(), False),
            report_case(nation(), True),
            50,
        ),
        (
            f"province {province.code} by commune",
            report_case(province_area(province), False),
            report_case(province_area(province), True),
            10,
        ),
        (
            f"commune {commune.code} by unit",
            report_case(commune_area(commune), False),
            report_case(commune_area(commune), True),
            5,
        ),
    ]
    yield f"dates: {', '.join(d.isoformat() for d in days)} (the first warms up)"
    yield "| case | facts (median) | goal | on the fly (median) | ratio |"
    yield "|---|---:|---:|---:|---:|"
    for name, facts, on_the_fly, goal in cases:
        fast = median_ms(facts, days)
        slow = median_ms(on_the_fly, days) if live else float("nan")
        yield f"| {name} | {fast:,.1f} ms | ≤ {goal} ms | {slow:,.0f} ms | {slow / fast:,.0f}× |"
    fast = median_ms(trend_case(False), days)
    if live:
        sample = median_ms(trend_case(True, points=12), days[:2])
        slow = sample * TREND_YEARS
    else:
        slow = float("nan")
    yield (
        f"| nation, {TREND_YEARS}-year monthly trend (121 points) | {fast:,.1f} ms | ≤ 500 ms "
        f"| {slow:,.0f} ms (12 points × {TREND_YEARS}) | {slow / fast:,.0f}× |"
    )
    yield f"peak RSS: {peak_rss_mb():.0f} MB"
    yield "| table | rows (estimate) | size with indexes |"
    yield "|---|---:|---:|"
    yield from sizes()
    yield f"nation on {days[1]}, each indicator alone:"
    yield "| indicator | source | time |"
    yield "|---|---|---:|"
    yield from per_indicator(nation(), days[1])
