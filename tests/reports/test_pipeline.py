"""The admission pipeline: stages on a date, closed and overdue cases, conversion, children."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from members.models import VOTE_STAGES, AdmissionCase, Outcome, Stage
from members.rules import add_working_days
from reports.areas import commune_area, nation, province_area, unit_area
from reports.indicators import Window
from reports.pipeline import PipelineUnavailable, build_pipeline
from tests.members.factories import AdmissionCaseFactory, AdmissionStepFactory
from tests.units.factories import CommuneFactory, ForceUnitFactory, ProvinceFactory
from units.models import Commune

DAY = datetime.date(2026, 6, 30)
ONE_DAY = datetime.timedelta(days=1)
YEAR = Window(on=DAY, start=datetime.date(2026, 1, 1), end=DAY)
CELL_VOTE_ON = datetime.date(2026, 2, 2)


def case_with(commune: Commune, *steps: tuple[str, datetime.date], **case) -> AdmissionCase:
    """Open a case in `commune` with the given (stage, date) steps, votes filled in."""
    admission = AdmissionCaseFactory(person__residence_commune=commune, **case)
    for stage, done_on in steps:
        votes = {"eligible_voters": 9, "votes_for": 9} if stage in VOTE_STAGES else {}
        AdmissionStepFactory(case=admission, stage=stage, done_on=done_on, **votes)
    return admission


def through(last: str, on: datetime.date) -> list[tuple[str, datetime.date]]:
    """Every stage up to `last`, all dated `on`."""
    stages = list(Stage.values)
    return [(stage, on) for stage in stages[: stages.index(last) + 1]]


def voted(on: datetime.date = CELL_VOTE_ON) -> list[tuple[str, datetime.date]]:
    """Every stage up to the committee resolution; the cell vote and the resolution dated `on`."""
    earlier = through(Stage.INTRODUCTION, on - 10 * ONE_DAY)
    return [*earlier, (Stage.CELL_VOTE, on), (Stage.COMMITTEE_RESOLUTION, on)]


def section(pipeline: dict, name: str) -> dict[str, int]:
    """Map each code of a section to its case count."""
    return {entry["code"]: entry["cases"] for entry in pipeline[name]}


def nonzero(pipeline: dict, name: str) -> dict[str, int]:
    return {code: n for code, n in section(pipeline, name).items() if n}


def conversion(pipeline: dict, stage: str) -> tuple[int, int, float | None]:
    entry = next(e for e in pipeline["conversion"] if e["code"] == stage)
    return entry["cases"], entry["converted"], entry["value"]


def window_on(on: datetime.date) -> Window:
    return Window(on=on, start=on.replace(month=1, day=1), end=on)


def test_open_case_counts_at_its_highest_stage_by_the_date(commune):
    case_with(commune, *through(Stage.VERIFICATION, DAY - 30 * ONE_DAY))
    pipeline = build_pipeline(area=commune_area(commune), window=YEAR)
    assert nonzero(pipeline, "stages") == {Stage.VERIFICATION: 1}


def test_step_dated_the_day_after_does_not_count(commune):
    case_with(commune, (Stage.SOURCED, DAY), (Stage.AWARENESS_COURSE, DAY + ONE_DAY))
    pipeline = build_pipeline(area=commune_area(commune), window=YEAR)
    assert nonzero(pipeline, "stages") == {Stage.SOURCED: 1}


def test_case_without_a_step_by_the_date_is_not_in_the_pipeline(commune):
    case_with(commune, (Stage.SOURCED, DAY + ONE_DAY))
    pipeline = build_pipeline(area=commune_area(commune), window=YEAR)
    assert nonzero(pipeline, "stages") == {}


def test_case_closed_by_the_date_counts_by_outcome_and_at_no_stage(commune):
    case_with(commune, (Stage.SOURCED, DAY - 9 * ONE_DAY), outcome=Outcome.STOPPED, outcome_on=DAY)
    case_with(commune, (Stage.SOURCED, DAY - 9 * ONE_DAY))
    pipeline = build_pipeline(area=commune_area(commune), window=YEAR)
    assert (nonzero(pipeline, "closed"), nonzero(pipeline, "stages")) == (
        {Outcome.STOPPED: 1},
        {Stage.SOURCED: 1},
    )


def test_outcome_dated_after_the_date_leaves_the_case_open(commune):
    case_with(commune, (Stage.SOURCED, DAY), outcome=Outcome.TRANSFERRED, outcome_on=DAY + ONE_DAY)
    pipeline = build_pipeline(area=commune_area(commune), window=YEAR)
    assert (nonzero(pipeline, "closed"), nonzero(pipeline, "stages")) == ({}, {Stage.SOURCED: 1})


def test_decision_missing_61_working_days_after_the_cell_vote_is_overdue(commune):
    case_with(commune, *voted())
    on = add_working_days(CELL_VOTE_ON, 61)
    pipeline = build_pipeline(area=commune_area(commune), window=window_on(on))
    assert nonzero(pipeline, "overdue") == {Stage.DECISION: 1}


def test_decision_missing_60_working_days_after_the_cell_vote_is_not_overdue(commune):
    case_with(commune, *voted())
    on = add_working_days(CELL_VOTE_ON, 60)
    pipeline = build_pipeline(area=commune_area(commune), window=window_on(on))
    assert nonzero(pipeline, "overdue") == {}


def test_decision_recorded_after_the_date_was_still_overdue_on_it(commune):
    on = add_working_days(CELL_VOTE_ON, 61)
    case_with(commune, *voted(), (Stage.DECISION, on + ONE_DAY))
    pipeline = build_pipeline(area=commune_area(commune), window=window_on(on))
    assert nonzero(pipeline, "overdue") == {Stage.DECISION: 1}


def test_case_closed_before_the_date_is_not_overdue(commune):
    on = add_working_days(CELL_VOTE_ON, 61)
    case_with(commune, *voted(), outcome=Outcome.STOPPED, outcome_on=on - ONE_DAY)
    pipeline = build_pipeline(area=commune_area(commune), window=window_on(on))
    assert nonzero(pipeline, "overdue") == {}


def test_case_closed_after_the_date_was_overdue_on_it(commune):
    on = add_working_days(CELL_VOTE_ON, 61)
    case_with(commune, *voted(), outcome=Outcome.STOPPED, outcome_on=on + ONE_DAY)
    pipeline = build_pipeline(area=commune_area(commune), window=window_on(on))
    assert nonzero(pipeline, "overdue") == {Stage.DECISION: 1}


def test_conversion_counts_next_stages_reached_by_the_period_end(commune):
    march = datetime.date(2026, 3, 2)
    case_with(commune, (Stage.SOURCED, march), (Stage.AWARENESS_COURSE, DAY))
    case_with(commune, (Stage.SOURCED, march), (Stage.AWARENESS_COURSE, march))
    case_with(commune, (Stage.SOURCED, march), (Stage.AWARENESS_COURSE, DAY + ONE_DAY))
    pipeline = build_pipeline(area=commune_area(commune), window=YEAR)
    assert conversion(pipeline, Stage.SOURCED) == (3, 2, 66.67)


def test_conversion_leaves_out_stages_reached_before_the_period(commune):
    case_with(commune, (Stage.SOURCED, YEAR.start - ONE_DAY), (Stage.AWARENESS_COURSE, DAY))
    pipeline = build_pipeline(area=commune_area(commune), window=YEAR)
    assert (conversion(pipeline, Stage.SOURCED), conversion(pipeline, Stage.AWARENESS_COURSE)) == (
        (0, 0, None),
        (1, 0, 0.0),
    )


def test_children_split_the_province_and_add_up_to_it(communes, province):
    case_with(communes[0], (Stage.SOURCED, DAY))
    case_with(communes[0], (Stage.SOURCED, DAY))
    case_with(communes[2], (Stage.SOURCED, DAY))
    pipeline = build_pipeline(area=province_area(province), window=YEAR, children=True)
    per_child = [section(kid, "stages")[Stage.SOURCED] for kid in pipeline["children"]]
    assert (per_child, section(pipeline, "stages")[Stage.SOURCED]) == ([2, 0, 1], 3)


def test_nation_children_are_provinces(db):
    provinces = [ProvinceFactory(code=code) for code in ("01", "02")]
    case_with(CommuneFactory(province=provinces[1]), (Stage.SOURCED, DAY))
    pipeline = build_pipeline(area=nation(), window=YEAR, children=True)
    assert [section(kid, "stages")[Stage.SOURCED] for kid in pipeline["children"]] == [0, 1]


def test_case_of_another_province_is_left_out(province):
    case_with(CommuneFactory(), (Stage.SOURCED, DAY))
    pipeline = build_pipeline(area=province_area(province), window=YEAR)
    assert nonzero(pipeline, "stages") == {}


def test_force_unit_has_no_pipeline(commune):
    with pytest.raises(PipelineUnavailable):
        build_pipeline(area=unit_area(ForceUnitFactory(commune=commune)), window=YEAR)


def province_with(children: int, steps: list[tuple[str, datetime.date]]) -> int:
    """Build a province with `children` communes, one case with `steps` in each; count queries."""
    province = ProvinceFactory()
    for _ in range(children):
        case_with(CommuneFactory(province=province), *steps)
    with CaptureQueriesContext(connection) as queries:
        build_pipeline(area=province_area(province), window=YEAR, children=True)
    return len(queries)


@pytest.mark.django_db
def test_queries_do_not_grow_with_the_number_of_children():
    steps = [(Stage.SOURCED, YEAR.start), (Stage.AWARENESS_COURSE, DAY)]
    assert province_with(3, steps) == province_with(6, steps) <= 5


@pytest.mark.django_db
def test_overdue_check_costs_at_most_one_rule_set_query_per_waiting_case():
    # The deadline rules read the rule set once per case (members.rules.rule_set_on); the
    # steps are prefetched, so nothing else grows with the cases.
    extra = province_with(6, voted()) - province_with(3, voted())
    assert extra <= 3
