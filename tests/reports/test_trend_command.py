"""The indicator_trend command across the 2025 reform, and the bound on the trend's queries."""

import csv
import datetime
import io
import json

import pytest
from django.core.management import CommandError, call_command

from reports.areas import province_area
from reports.trends import series_windows, trend, yearly_windows
from targets.indicators import Indicator
from tests.units.factories import (
    CommuneFactory,
    CommuneLineageFactory,
    ProvinceFactory,
    ProvinceLineageFactory,
)

from .conftest import admit, serve

LEGACY_END = datetime.date(2025, 6, 30)
MILITIA = Indicator.PARTY_SHARE_MILITIA


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("indicator_trend", *args, stdout=out)
    return out.getvalue()


def series(area: str, *extra: str) -> list[dict]:
    args = ("--area", area, "--indicator", MILITIA, "--from", "2024-01-01", "--to", "2026-12-31")
    return json.loads(run(*args, *extra, "--format", "json"))["points"]


def legacy_province(code: str):
    return ProvinceFactory(code=code, valid_from=None, valid_to=LEGACY_END)


def legacy_commune(province=None):
    province = province or legacy_province("98")
    return CommuneFactory(province=province, valid_from=None, valid_to=LEGACY_END)


@pytest.fixture
def merged(db):
    """Current province 20 made of legacy 04 (one member of two) and legacy 20 (none of one)."""
    current = ProvinceFactory(code="20")
    old = [legacy_province(code) for code in ("04", "20")]
    for predecessor in old:
        ProvinceLineageFactory(predecessor=predecessor, successor=current)
    admit(serve(legacy_commune(old[0]), end=LEGACY_END).person)
    serve(legacy_commune(old[0]), end=LEGACY_END)
    serve(legacy_commune(old[1]), end=LEGACY_END)
    admit(serve(CommuneFactory(province=current)).person)
    return current


def test_merged_province_2024_point_adds_both_predecessors(merged):
    point = series("20")[0]
    assert (point["date"], point["numerator"], point["denominator"]) == ("2024-12-31", 1, 3)


def test_merged_province_points_are_exact(merged):
    assert [p["approximate"] for p in series("20")] == [False, False, False]


def test_merged_province_2026_point_counts_its_own_communes(merged):
    point = series("20")[2]
    assert (point["numerator"], point["denominator"], point["value"]) == (1, 1, 100.0)


def test_commune_built_from_a_split_predecessor_is_approximate_before_the_reform(db):
    new = CommuneFactory(code="07777")
    link = CommuneLineageFactory(successor=new, predecessor=legacy_commune(), partial=True)
    serve(link.predecessor, end=LEGACY_END)
    points = series("07777")
    assert [(p["denominator"], p["approximate"]) for p in points] == [
        (1, True),
        (0, False),
        (0, False),
    ]


def test_commune_predecessors_in_two_legacy_provinces_both_count(db):
    new = CommuneFactory(code="07777")
    for code in ("04", "05"):
        link = CommuneLineageFactory(
            successor=new, predecessor=legacy_commune(legacy_province(code))
        )
        serve(link.predecessor, end=LEGACY_END)
    assert series("07777")[0]["denominator"] == 2


def test_neighbouring_legacy_commune_is_not_counted(db):
    new = CommuneFactory(code="07777")
    link = CommuneLineageFactory(successor=new, predecessor=legacy_commune())
    serve(legacy_commune(link.predecessor.province), end=LEGACY_END)
    assert series("07777")[0]["denominator"] == 0


def test_nation_series_counts_every_record_of_both_eras(merged):
    # The nation has no lineage: the three legacy records and the current one (serving since
    # 2020) all count until they end.
    assert [p["denominator"] for p in series("VN")] == [4, 1, 1]


def test_monthly_series_stops_at_the_last_day(merged):
    args = ("--area", "20", "--indicator", MILITIA, "--from", "2026-01-01", "--to", "2026-02-15")
    points = json.loads(run(*args, "--step", "month", "--format", "json"))["points"]
    assert [(p["start"], p["date"]) for p in points] == [
        ("2026-01-01", "2026-01-31"),
        ("2026-02-01", "2026-02-15"),
    ]


def test_csv_rows_name_the_area_and_say_whether_approximate(merged):
    args = ("--area", "20", "--indicator", MILITIA, "--from", "2024-01-01", "--to", "2026-12-31")
    first = next(csv.DictReader(io.StringIO(run(*args, "--format", "csv"))))
    assert (first["area_code"], first["date"], first["numerator"], first["approximate"]) == (
        "20",
        "2024-12-31",
        "1",
        "False",
    )


def test_code_is_read_on_the_last_day_of_the_series(merged):
    args = ("--area", "20", "--indicator", MILITIA, "--from", "2024-01-01", "--to", "2024-12-31")
    point = json.loads(run(*args, "--format", "json"))["points"][0]
    # On 31 December 2024, "20" is the legacy province alone: one militia member, no party one.
    assert (point["numerator"], point["denominator"]) == (0, 1)


def test_area_unknown_at_the_end_of_the_series_is_an_error(db):
    legacy_province("63")
    with pytest.raises(CommandError, match="--area"):
        series("63")


def test_series_ending_before_it_starts_is_an_error(db):
    with pytest.raises(CommandError, match="--from"):
        run("--area", "VN", "--indicator", MILITIA, "--from", "2026-01-02", "--to", "2026-01-01")


def test_series_windows_cut_the_first_year_at_the_first_day():
    window = series_windows(datetime.date(2024, 3, 1), datetime.date(2025, 1, 1), "year")[0]
    assert (window.start, window.on) == (datetime.date(2024, 3, 1), datetime.date(2024, 12, 31))


def merged_from(count: int):
    current = ProvinceFactory()
    for _ in range(count):
        ProvinceLineageFactory(successor=current)
    return province_area(current)


def test_trend_queries_do_not_grow_with_the_predecessors(db, django_assert_num_queries):
    area, windows = merged_from(3), yearly_windows(2023, 2026)
    # One for the lineage, then the facts of every point in one pass for the area and one for
    # the parent of its predecessors: neither the points nor the predecessors add queries.
    with django_assert_num_queries(3):
        trend(area, MILITIA, windows)
