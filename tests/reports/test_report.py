"""The report dict, the indicator_report command and the bound on its queries."""

import csv
import datetime
import io
import json
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from reports.areas import province_area
from reports.indicators import REGISTRY
from reports.render import report_rows
from reports.report import build_report, default_window
from targets.indicators import Indicator
from tests.targets.factories import TargetFactory
from tests.units.factories import CommuneFactory, ForceUnitFactory, ProvinceFactory

from .conftest import DAY, admit, serve


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("indicator_report", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def militia_below_target(province, communes):
    """1 party member among 10 militia in commune 06001, against a target of at least 12.5 %."""
    admit(serve(communes[0]).person)
    for _ in range(9):
        serve(communes[0])
    return TargetFactory(
        directive__province=province, directive__number="14-CT/TU", lower=Decimal("12.5")
    )


def militia_entry(indicators: list[dict]) -> dict:
    return next(i for i in indicators if i["code"] == Indicator.PARTY_SHARE_MILITIA)


def test_report_names_the_area_date_and_default_period(province, province_of):
    report = build_report(area=province_of, window=default_window(DAY))
    head = {key: report[key] for key in ("area", "date", "period")}
    assert head == {
        "area": {"code": "20", "name": "Tỉnh Lạng Sơn", "level": "province"},
        "date": "2026-06-30",
        "period": {"start": "2026-01-01", "end": "2026-06-30"},
    }


def test_report_lists_every_indicator_in_catalogue_order(province_of):
    report = build_report(area=province_of, window=default_window(DAY))
    assert [i["code"] for i in report["indicators"]] == Indicator.values


def test_indicator_entry_carries_value_target_status_and_gap(militia_below_target, province_of):
    report = build_report(area=province_of, window=default_window(DAY))
    assert militia_entry(report["indicators"]) == {
        "code": "party_share_militia",
        "name": str(Indicator.PARTY_SHARE_MILITIA.label),
        "unit": "percent",
        "numerator": 1,
        "denominator": 10,
        "value": 10.0,
        "target": {
            "directive": "14-CT/TU",
            "bound": "at_least",
            "lower": 12.5,
            "upper": None,
            "deadline": "2026-12-31",
        },
        "status": "below",
        "gap": 1,
        "room": None,
        "unknown": 0,
        "approximate": False,
    }


def test_share_without_denominator_has_no_value_and_no_status(militia_below_target, communes):
    report = build_report(area=province_area(communes[0].province), window=default_window(DAY))
    entry = next(i for i in report["indicators"] if i["code"] == Indicator.PARTY_SHARE_RESERVE)
    assert (entry["value"], entry["target"], entry["status"], entry["gap"]) == (
        None,
        None,
        None,
        None,
    )


def test_count_indicator_carries_its_count_in_numerator_and_value(communes, province_of):
    admit(serve(communes[0]).person, datetime.date(2026, 3, 1))
    report = build_report(area=province_of, window=default_window(DAY))
    entry = next(i for i in report["indicators"] if i["code"] == Indicator.ADMISSIONS_DQTV)
    assert (entry["numerator"], entry["denominator"], entry["value"]) == (1, None, 1)


def test_children_are_the_communes_with_their_own_counts(militia_below_target, province_of):
    report = build_report(area=province_of, window=default_window(DAY), children=True)
    rows = [
        (c["area"]["code"], militia_entry(c["indicators"])["numerator"]) for c in report["children"]
    ]
    assert rows == [("06001", 1), ("06002", 0), ("06003", 0)]


def test_command_prints_the_report_as_json(militia_below_target):
    printed = json.loads(run("--area", "20", "--date", "2026-06-30", "--format", "json"))
    assert militia_entry(printed["indicators"])["gap"] == 1


def test_command_json_equals_the_built_report(militia_below_target, province_of):
    printed = json.loads(
        run("--area", "20", "--date", "2026-06-30", "--children", "--format", "json")
    )
    built = build_report(area=province_of, window=default_window(DAY), children=True)
    assert printed == json.loads(json.dumps(built))


def test_command_takes_an_explicit_period(province):
    printed = json.loads(
        run(
            "--area",
            "20",
            "--date",
            "2026-06-30",
            "--period-start",
            "2025-07-01",
            "--format",
            "json",
        )
    )
    assert printed["period"] == {"start": "2025-07-01", "end": "2026-06-30"}


def test_csv_and_table_show_the_same_rows(militia_below_target, province_of):
    args = ("--area", "20", "--date", "2026-06-30", "--children")
    csv_rows = list(csv.DictReader(io.StringIO(run(*args, "--format", "csv"))))
    table_lines = run(*args, "--format", "table").splitlines()
    report = build_report(area=province_of, window=default_window(DAY), children=True)
    assert (
        len(csv_rows)
        == len(table_lines) - 1
        == len(report_rows(report))
        == 4 * len(Indicator.values)
    )


def test_table_row_shows_status_and_gap(militia_below_target):
    table = run("--area", "20", "--date", "2026-06-30", "--format", "table")
    line = next(row for row in table.splitlines() if "party_share_militia" in row)
    assert line.split()[-2:] == ["below", "1"]


@pytest.mark.parametrize(
    ("args", "argument"),
    [
        (["--area", "77", "--date", "2026-06-30"], "--area"),
        (["--area", "20", "--date", "2026-02-30"], "--date"),
        (["--area", "20", "--date", "2026-06-30", "--period-start", "x"], "--period-start"),
        (["--area", "20", "--date", "2026-06-30", "--period-end", "2026-13-01"], "--period-end"),
        (
            ["--area", "20", "--date", "2026-06-30", "--period-start", "2026-07-01"],
            "--period-start",
        ),
    ],
)
def test_command_errors_name_the_argument(province, args, argument):
    with pytest.raises(CommandError, match=argument):
        run(*args)


def test_legacy_code_on_a_current_date_is_unknown(db):
    ProvinceFactory(code="20", valid_from=None, valid_to=datetime.date(2025, 6, 30))
    with pytest.raises(CommandError, match="--area"):
        run("--area", "20", "--date", "2026-06-30")


# A province report with its children costs one query per indicator, one for the targets, one
# for the area and one for the children, however many children there are.
MAX_QUERIES = len(Indicator.values) + 3


@pytest.mark.parametrize("number_of_communes", [3, 6])
def test_report_query_count_does_not_grow_with_children(
    db, django_assert_max_num_queries, number_of_communes
):
    province = ProvinceFactory(code="20")
    for i in range(number_of_communes):
        commune = CommuneFactory(province=province, code=f"0700{i}")
        admit(serve(commune).person)
        serve(commune)
    TargetFactory(directive__province=province, each_commune=True)
    with django_assert_max_num_queries(MAX_QUERIES):
        run("--area", "20", "--date", "2026-06-30", "--children", "--format", "json")


def test_province_value_is_summed_counts_not_the_mean_of_communes(communes, province_of):
    admit(serve(communes[0]).person)
    for _ in range(3):
        serve(communes[1])
    report = build_report(area=province_of, window=default_window(DAY))
    assert militia_entry(report["indicators"])["value"] == 25.0


def test_commune_children_are_force_units_with_the_indicators_they_carry(commune):
    unit = ForceUnitFactory(commune=commune)
    admit(serve(commune, unit=unit).person)
    printed = json.loads(
        run("--area", commune.code, "--date", "2026-06-30", "--children", "--format", "json")
    )
    child = printed["children"][0]
    assert (child["area"]["code"], [i["code"] for i in child["indicators"]]) == (
        f"U{unit.pk}",
        [code for code in Indicator.values if REGISTRY[code].by_unit],
    )
