"""The pipeline_report command: formats, children and argument errors."""

import csv
import datetime
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from members.models import Stage
from tests.members.factories import AdmissionCaseFactory, AdmissionStepFactory
from tests.units.factories import ForceUnitFactory

DATE = "2026-06-30"


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("pipeline_report", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def sourced_case(communes):
    case = AdmissionCaseFactory(person__residence_commune=communes[1])
    return AdmissionStepFactory(case=case, stage=Stage.SOURCED, done_on=datetime.date(2026, 3, 2))


def test_json_lists_the_children_with_their_stage_counts(province, sourced_case):
    pipeline = json.loads(run("--area", "20", "--date", DATE, "--children", "--format", "json"))
    counts = [kid["stages"][0]["cases"] for kid in pipeline["children"]]
    assert counts == [0, 1, 0]


def test_csv_has_one_row_per_area_section_and_code(province, sourced_case):
    rows = list(csv.DictReader(io.StringIO(run("--area", "20", "--date", DATE, "--format", "csv"))))
    sourced = [r for r in rows if r["section"] == "stages" and r["code"] == Stage.SOURCED]
    assert [(r["area_code"], r["cases"]) for r in sourced] == [("20", "1")]


def test_conversion_period_comes_from_the_arguments(province, sourced_case):
    args = ("--area", "20", "--date", DATE, "--period-start", "2026-04-01", "--format", "json")
    pipeline = json.loads(run(*args))
    assert (pipeline["period"], pipeline["conversion"][0]["cases"]) == (
        {"start": "2026-04-01", "end": DATE},
        0,
    )


@pytest.mark.parametrize(("language", "first"), [("en", "Area code"), ("vi", "Mã địa bàn")])
def test_table_shows_translated_headings(province, language, first):
    with translation.override(language):
        heading = run("--area", "20", "--date", DATE).splitlines()[0]
    assert heading.startswith(first)


def test_unknown_area_is_an_error(db):
    with pytest.raises(CommandError, match="--area"):
        run("--area", "99", "--date", DATE)


def test_force_unit_is_an_error(commune):
    unit = ForceUnitFactory(commune=commune)
    with translation.override("en"), pytest.raises(CommandError, match="force unit"):
        run("--area", f"U{unit.pk}", "--date", DATE)


def test_period_ending_before_it_starts_is_an_error(province):
    with pytest.raises(CommandError, match="--period-start"):
        run("--area", "20", "--date", DATE, "--period-start", "2026-07-01")


def test_bad_date_is_an_error(province):
    with pytest.raises(CommandError, match="--date"):
        run("--area", "20", "--date", "30/06/2026")
