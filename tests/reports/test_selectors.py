"""The report selectors: the reader's area scope, and small cells hidden from aggregate readers."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from accounts.models import User
from accounts.scope import reads_aggregates_only
from members.models import Stage
from reports import selectors
from reports.cli import system_reader
from reports.report import default_window
from targets.indicators import Indicator
from tests.members.factories import AdmissionCaseFactory, AdmissionStepFactory
from tests.targets.factories import TargetFactory
from tests.units.factories import CommuneFactory, ForceUnitFactory, ReserveUnitFactory
from units.scope import EVERYTHING, scope_of

from .conftest import DAY, YEAR_START, admit, serve

WINDOW = default_window(DAY)
MILITIA = Indicator.PARTY_SHARE_MILITIA


def read(selector: str, actor, code: str, **extra) -> dict:
    """Call one of the three selectors with the usual date and period."""
    if selector == "report":
        return selectors.indicator_report(actor=actor, area_code=code, window=WINDOW, **extra)
    if selector == "trend":
        return selectors.indicator_trend(
            actor=actor, area_code=code, code=MILITIA, first=YEAR_START, last=DAY, step="year"
        )
    return selectors.admission_pipeline(actor=actor, area_code=code, window=WINDOW, **extra)


SELECTORS = ["report", "trend", "pipeline"]


def militia(result: dict) -> dict:
    """Return the militia share entry of a report section, or the one point of a trend."""
    if "points" in result:
        return result["points"][0]
    return next(i for i in result["indicators"] if i["code"] == MILITIA)


def militia_of(commune, size: int, *, members: int = 1) -> None:
    """Put `size` people in the commune's militia, `members` of them party members."""
    for i in range(size):
        record = serve(commune)
        if i < members:
            admit(record.person)


# Scope: an area outside it answers 404, as a missing one does.


@pytest.mark.parametrize("selector", SELECTORS)
def test_provincial_staff_cannot_read_another_province(selector, province_officer, other_commune):
    with pytest.raises(Http404):
        read(selector, province_officer, other_commune.province.code)


@pytest.mark.parametrize("selector", SELECTORS)
def test_provincial_staff_cannot_read_a_commune_of_another_province(
    selector, province_officer, other_commune
):
    with pytest.raises(Http404):
        read(selector, province_officer, other_commune.code)


@pytest.mark.parametrize("selector", SELECTORS)
def test_provincial_staff_cannot_read_the_nation(selector, province_officer):
    with pytest.raises(Http404):
        read(selector, province_officer, "VN")


@pytest.mark.parametrize("selector", SELECTORS)
def test_commune_cadre_cannot_read_their_province(selector, commune_cadre, home_commune):
    with pytest.raises(Http404):
        read(selector, commune_cadre, home_commune.province.code)


@pytest.mark.parametrize("selector", SELECTORS)
def test_provincial_staff_reads_a_commune_of_their_province(
    selector, province_officer, home_commune
):
    assert read(selector, province_officer, home_commune.code)["area"]["code"] == home_commune.code


@pytest.mark.parametrize("selector", SELECTORS)
def test_commune_cadre_reads_their_commune(selector, commune_cadre, home_commune):
    assert read(selector, commune_cadre, home_commune.code)["area"]["code"] == home_commune.code


@pytest.mark.parametrize("selector", SELECTORS)
def test_out_of_scope_area_answers_like_a_missing_code(selector, province_officer, other_commune):
    with pytest.raises(Http404) as forbidden:
        read(selector, province_officer, other_commune.province.code)
    with pytest.raises(Http404) as missing:
        read(selector, province_officer, "19")
    assert (str(forbidden.value), forbidden.value.__cause__, forbidden.value.__context__) == (
        str(missing.value),
        missing.value.__cause__,
        missing.value.__context__,
    )


def test_reader_without_a_role_reads_nothing(db, home_commune):
    nobody = User.objects.create_user(username="nobody", password="pw")
    with pytest.raises(Http404):
        read("report", nobody, home_commune.code)


def test_commune_cadre_reads_a_force_unit_of_their_commune(commune_cadre, home_commune):
    unit = ForceUnitFactory(commune=home_commune)
    assert read("report", commune_cadre, f"U{unit.pk}")["area"]["level"] == "unit"


def test_commune_cadre_cannot_read_a_force_unit_of_another_commune(commune_cadre, home_commune):
    neighbour = CommuneFactory(province=home_commune.province)
    unit = ForceUnitFactory(commune=neighbour)
    with pytest.raises(Http404):
        read("report", commune_cadre, f"U{unit.pk}")


def test_reserve_unit_without_commune_is_read_by_its_province_only(
    province_officer, commune_cadre, home_commune
):
    unit = ReserveUnitFactory(province=home_commune.province)
    assert read("report", province_officer, f"U{unit.pk}")["area"]["code"] == f"U{unit.pk}"
    with pytest.raises(Http404):
        read("report", commune_cadre, f"U{unit.pk}")


# Refusals a caller words its own way.


@pytest.mark.parametrize("selector", ["trend", "pipeline"])
def test_force_unit_is_refused_by_trend_and_pipeline(selector, province_officer, home_commune):
    unit = ForceUnitFactory(commune=home_commune)
    with pytest.raises(ValidationError) as refused:
        read(selector, province_officer, f"U{unit.pk}")
    assert refused.value.code == "force_unit"


def test_force_unit_outside_the_scope_answers_404_not_a_refusal(province_officer, other_commune):
    unit = ForceUnitFactory(commune=other_commune)
    with pytest.raises(Http404):
        read("trend", province_officer, f"U{unit.pk}")


def test_series_ending_before_it_starts_is_refused(province_officer, home_commune):
    with pytest.raises(ValidationError) as refused:
        selectors.indicator_trend(
            actor=province_officer,
            area_code=home_commune.code,
            code=MILITIA,
            first=DAY,
            last=YEAR_START,
            step="year",
        )
    assert refused.value.code == "series_reversed"


@pytest.mark.parametrize("selector", ["report", "pipeline"])
def test_period_ending_before_it_starts_is_refused(selector, province_officer, home_commune):
    window = default_window(DAY, start=datetime.date(2026, 7, 1))
    call = selectors.indicator_report if selector == "report" else selectors.admission_pipeline
    with pytest.raises(ValidationError) as refused:
        call(actor=province_officer, area_code=home_commune.code, window=window)
    assert refused.value.code == "period_reversed"


def test_unknown_kind_is_refused(province_officer, home_commune):
    with pytest.raises(ValidationError) as refused:
        read("report", province_officer, home_commune.code, kind="stocks")
    assert refused.value.code == "kind"


# Small cells: hidden from aggregate-only readers alone.


@pytest.mark.parametrize("size", [1, 2, 3, 4])
def test_aggregate_client_gets_small_cells_suppressed(size, aggregate_client, home_commune):
    militia_of(home_commune, size)
    TargetFactory(directive__province=home_commune.province)
    entry = militia(read("report", aggregate_client, home_commune.province.code))
    shown = {key: entry[key] for key in ("numerator", "value", "status", "gap", "room")}
    assert (shown, entry["denominator"], entry["suppressed"]) == (
        dict.fromkeys(shown),
        size,
        True,
    )


@pytest.mark.parametrize("size", [0, 5, 6])
def test_aggregate_client_gets_zero_and_large_cells_whole(size, aggregate_client, home_commune):
    militia_of(home_commune, size)
    entry = militia(read("report", aggregate_client, home_commune.province.code))
    assert (entry["numerator"], entry["denominator"], entry["suppressed"]) == (
        min(size, 1),
        size,
        False,
    )


def test_aggregate_client_gets_a_small_child_suppressed(aggregate_client, home_commune):
    militia_of(home_commune, 2)
    report = read("report", aggregate_client, home_commune.province.code, children=True)
    child = next(c for c in report["children"] if c["area"]["code"] == home_commune.code)
    assert (militia(child)["numerator"], militia(child)["suppressed"]) == (None, True)


def test_aggregate_client_gets_a_small_count_indicator_suppressed(aggregate_client, home_commune):
    admit(serve(home_commune).person, datetime.date(2026, 3, 1))
    report = read("report", aggregate_client, home_commune.province.code)
    entry = next(i for i in report["indicators"] if i["code"] == Indicator.ADMISSIONS_DQTV)
    assert (entry["numerator"], entry["value"], entry["suppressed"]) == (None, None, True)


def test_aggregate_client_gets_small_trend_points_suppressed(aggregate_client, home_commune):
    militia_of(home_commune, 3)
    point = militia(read("trend", aggregate_client, home_commune.province.code))
    assert (point["numerator"], point["value"], point["denominator"], point["suppressed"]) == (
        None,
        None,
        3,
        True,
    )


def test_provincial_staff_gets_the_same_small_cell_whole(province_officer, home_commune):
    militia_of(home_commune, 2)
    entry = militia(read("report", province_officer, home_commune.province.code))
    assert (entry["numerator"], entry["value"], "suppressed" in entry) == (1, 50.0, False)


def test_small_cell_threshold_is_read_from_settings(settings, aggregate_client, home_commune):
    settings.SMALL_CELL_MIN = 3
    militia_of(home_commune, 3)
    entry = militia(read("report", aggregate_client, home_commune.province.code))
    assert (entry["numerator"], entry["suppressed"]) == (1, False)


@pytest.fixture
def one_sourced_case(home_commune):
    """One case sourced in March, so one stage cell and one conversion cell count one case."""
    case = AdmissionCaseFactory(person__residence_commune=home_commune)
    AdmissionStepFactory(case=case, stage=Stage.SOURCED, done_on=datetime.date(2026, 3, 2))


def test_aggregate_client_gets_a_small_pipeline_stage_suppressed(
    aggregate_client, home_commune, one_sourced_case
):
    pipeline = read("pipeline", aggregate_client, home_commune.province.code)
    sourced, next_stage = pipeline["stages"][:2]
    assert [(c["cases"], c["suppressed"]) for c in (sourced, next_stage)] == [
        (None, True),
        (0, False),
    ]


def test_aggregate_client_gets_a_small_conversion_suppressed(
    aggregate_client, home_commune, one_sourced_case
):
    cell = read("pipeline", aggregate_client, home_commune.province.code)["conversion"][0]
    shown = (cell["cases"], cell["converted"], cell["value"], cell["suppressed"])
    assert shown == (None, None, None, True)


def test_provincial_staff_gets_the_small_pipeline_stage_whole(
    province_officer, home_commune, one_sourced_case
):
    sourced = read("pipeline", province_officer, home_commune.province.code)["stages"][0]
    assert sourced == {"code": Stage.SOURCED, "name": str(Stage.SOURCED.label), "cases": 1}


# The reader the commands act as, and the cost of the scope.


def test_system_reader_reads_everything_whole(db, django_assert_num_queries):
    reader = system_reader()
    with django_assert_num_queries(0):
        assert (scope_of(reader), reads_aggregates_only(reader), reader.pk) == (
            EVERYTHING,
            False,
            None,
        )


def test_aggregate_role_reads_aggregates_only(aggregate_client, province_officer, commune_cadre):
    readers = (aggregate_client, province_officer, commune_cadre)
    assert [reads_aggregates_only(r) for r in readers] == [True, False, False]


# A province report: one query per indicator, the targets, the area and the children (as the
# command), plus the scope (the province's lineage and the province) and the reader's
# permissions (user and group permissions).
MAX_QUERIES = len(Indicator.values) + 3 + 2 + 2


@pytest.mark.parametrize("communes", [2, 5])
def test_report_selector_adds_a_bounded_number_of_queries(
    communes, aggregate_client, home_commune, django_assert_max_num_queries
):
    for _ in range(communes):
        militia_of(CommuneFactory(province=home_commune.province), 2)
    reader = User.objects.get(pk=aggregate_client.pk)  # nothing cached on it yet
    with django_assert_max_num_queries(MAX_QUERIES):
        read("report", reader, home_commune.province.code, children=True)
