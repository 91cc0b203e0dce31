"""The admission pipeline of an area on a date: stages reached, outcomes, overdue steps, conversion.

- **Stages**: an open case is at the highest stage among its steps dated on or before the date
  (steps are taken in order, and a stage index does not tie the way two dates can). A case
  without a step by then is not yet in the pipeline.
- **Closed**: a case whose outcome is dated on or before the date is counted apart, by outcome,
  and at no stage; a later outcome leaves it open on the date.
- **Overdue**: an open case whose next step is past its deadline on the date, the deadline
  being the one `members.selectors.admission_next_step` reads from the rule set.
- **Conversion**: of the steps at stage S dated inside the period, how many cases also have a
  step at the next stage dated on or before the period end.

Cases carry a commune and no force unit, so a commune's pipeline has no children. The area and
its children come from the same grouped queries: four queries, plus the rule-set look-ups the
deadline rules make for each open case waiting on a step that has a deadline (one, or two after
the ceremony).
"""

import datetime
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.utils.translation import gettext_noop

from members.models import STAGE_ORDER, AdmissionCase, AdmissionStep, Outcome, Stage
from members.rules import RuleBook
from members.selectors.admission import DEADLINES, NextStep, admission_next_step
from targets.indicators import IndicatorUnit

from .areas import Area, Level, child_areas
from .indicators import Counts, Window, indicator_value
from .report import area_dict

CASE_COMMUNE = "commune"
STEP_COMMUNE = "case__commune"
STAGE_INDEX = Case(
    *[When(stage=stage, then=Value(i)) for i, stage in enumerate(STAGE_ORDER)],
    output_field=IntegerField(),
)
NEXT_STAGE = Case(
    *[When(stage=stage, then=Value(after)) for stage, after in pairwise(STAGE_ORDER)],
    default=Value(""),
    output_field=CharField(),
)
# The stages after which the next step has a deadline: only cases resting there can be overdue.
DEADLINE_RUNS_AFTER = [STAGE_ORDER[STAGE_ORDER.index(stage) - 1] for stage in DEADLINES]


class PipelineUnavailable(ValueError):
    """The area is a force unit: admission cases belong to communes, not to units."""


@dataclass
class Figures:
    """Case counts of one area, each keyed by a stage or an outcome code."""

    stages: Counter[str] = field(default_factory=Counter)
    closed: Counter[str] = field(default_factory=Counter)
    overdue: Counter[str] = field(default_factory=Counter)
    reached: Counter[str] = field(default_factory=Counter)
    converted: Counter[str] = field(default_factory=Counter)

    def add(self, other: "Figures") -> None:
        for name in ("stages", "closed", "overdue", "reached", "converted"):
            getattr(self, name).update(getattr(other, name))


def cases_in(area: Area) -> QuerySet[AdmissionCase]:
    """Return the admission cases whose commune lies in `area`, without default ordering."""
    if area.level == Level.UNIT:
        raise PipelineUnavailable(area.code)
    return AdmissionCase.objects.filter(area.commune_q(CASE_COMMUNE)).order_by()


def _reached(on: datetime.date, column: str) -> Subquery:
    """Return `column` of the case's highest step dated on or before `on`."""
    steps = AdmissionStep.objects.filter(case=OuterRef("pk"), done_on__lte=on)
    return Subquery(steps.annotate(index=STAGE_INDEX).order_by("-index").values(column)[:1])


def stage_figures(area: Area, on: datetime.date, into: dict[int | None, Figures]) -> None:
    """Count the open cases by stage reached and the closed ones by outcome, on `on`."""
    key = area.child_key(CASE_COMMUNE)
    closed = Case(When(outcome_on__lte=on, then=F("outcome")), default=Value(""))
    rows = (
        cases_in(area)
        .annotate(reached=_reached(on, "stage"), closed=closed)
        .values(key, "reached", "closed")
        .annotate(n=Count("pk"))
    )
    for row in rows:
        figures = into.setdefault(row[key], Figures())
        if row["closed"]:
            figures.closed[row["closed"]] += row["n"]
        elif row["reached"]:
            figures.stages[row["reached"]] += row["n"]


def overdue_steps(
    cases: QuerySet[AdmissionCase], on: datetime.date
) -> Iterator[tuple[AdmissionCase, NextStep]]:
    """Yield each of `cases` open on `on` whose next step is past its deadline, with that step.

    `cases` must not prefetch the steps already: they are read here as they stood on `on`.
    """
    open_cases = (
        cases.filter(Q(outcome_on__isnull=True) | Q(outcome_on__gt=on))
        .annotate(reached=_reached(on, "stage"))
        .filter(reached__in=DEADLINE_RUNS_AFTER)
        .prefetch_related(Prefetch("steps", AdmissionStep.objects.filter(done_on__lte=on)))
    )
    rules = RuleBook()
    for case in open_cases:
        # The case is read as it stood on `on`: an outcome recorded later did not exist yet.
        # The instance is only read here, never saved.
        case.outcome = ""
        step = admission_next_step(case, rules)
        # The comparison `is_overdue` makes, without computing the next step a second time.
        if step.deadline is not None and on > step.deadline:
            yield case, step


def overdue_figures(area: Area, on: datetime.date, into: dict[int | None, Figures]) -> None:
    """Count the cases open on `on` whose next step is past its deadline, by that step."""
    cases = cases_in(area).annotate(group=F(area.child_key(CASE_COMMUNE)))
    for case, step in overdue_steps(cases, on):
        into.setdefault(case.group, Figures()).overdue[step.stage] += 1


def conversion_figures(area: Area, window: Window, into: dict[int | None, Figures]) -> None:
    """Count, per stage, the steps dated in the period and those followed by the next stage."""
    if area.level == Level.UNIT:
        raise PipelineUnavailable(area.code)
    key = area.child_key(STEP_COMMUNE)
    later = AdmissionStep.objects.filter(
        case=OuterRef("case"), stage=OuterRef("next_stage"), done_on__lte=window.end
    )
    rows = (
        AdmissionStep.objects.filter(area.commune_q(STEP_COMMUNE))
        .filter(done_on__gte=window.start, done_on__lte=window.end)
        .exclude(stage=STAGE_ORDER[-1])
        .annotate(next_stage=NEXT_STAGE, advanced=Exists(later))
        .order_by()
        .values(key, "stage")
        .annotate(reached=Count("pk"), converted=Count("pk", filter=Q(advanced=True)))
    )
    for row in rows:
        figures = into.setdefault(row[key], Figures())
        figures.reached[row["stage"]] += row["reached"]
        figures.converted[row["stage"]] += row["converted"]


def pipeline_figures(area: Area, window: Window) -> dict[int | None, Figures]:
    """Return the figures of every child of `area` (keyed by child id) in three passes."""
    grouped: dict[int | None, Figures] = {}
    stage_figures(area, window.on, grouped)
    overdue_figures(area, window.on, grouped)
    conversion_figures(area, window, grouped)
    return grouped


def build_pipeline(*, area: Area, window: Window, children: bool = False) -> dict[str, Any]:
    """Describe the pipeline of `area` (and of its children when asked) on `window.on`."""
    grouped = pipeline_figures(area, window)
    whole = Figures()
    for figures in grouped.values():
        whole.add(figures)
    result: dict[str, Any] = {
        "area": area_dict(area),
        "date": window.on.isoformat(),
        "period": {"start": window.start.isoformat(), "end": window.end.isoformat()},
        **sections(whole),
    }
    if children:
        kids = [] if area.level == Level.COMMUNE else child_areas(area, window.on)
        result["children"] = [
            {"area": area_dict(kid), **sections(grouped.get(kid.pk) or Figures())} for kid in kids
        ]
    return result


def sections(figures: Figures) -> dict[str, list[dict[str, Any]]]:
    """Lay the figures of one area out as lists in pipeline order, zeros included."""
    return {
        "stages": [_entry(s, Stage(s).label, figures.stages[s]) for s in STAGE_ORDER],
        "closed": [_entry(o, Outcome(o).label, figures.closed[o]) for o in Outcome.values],
        "overdue": [_entry(s, Stage(s).label, figures.overdue[s]) for s in DEADLINES],
        "conversion": [
            _conversion(stage, after, figures) for stage, after in pairwise(STAGE_ORDER)
        ],
    }


def _entry(code: str, label: Any, cases: int) -> dict[str, Any]:
    return {"code": code, "name": str(label), "cases": cases}


def _conversion(stage: str, after: str, figures: Figures) -> dict[str, Any]:
    counts = Counts(figures.converted[stage], figures.reached[stage])
    value = indicator_value(IndicatorUnit.PERCENT, counts)
    return {
        **_entry(stage, Stage(stage).label, counts.denominator or 0),
        "next_stage": after,
        "converted": counts.numerator,
        "value": None if value is None else float(value),
    }


# Headings are marked for translation here and translated when the table is drawn.
COLUMNS = [
    ("area_code", gettext_noop("Area code")),
    ("area_name", gettext_noop("Area")),
    ("level", gettext_noop("Level")),
    ("section", gettext_noop("Section")),
    ("code", gettext_noop("Code")),
    ("name", gettext_noop("Stage or outcome")),
    ("cases", gettext_noop("Cases")),
    ("next_stage", gettext_noop("Next stage")),
    ("converted", gettext_noop("Reached the next stage")),
    ("value", gettext_noop("Conversion %")),
]
SECTIONS = ("stages", "closed", "overdue", "conversion")


def pipeline_rows(pipeline: dict[str, Any]) -> list[dict[str, Any]]:
    """Flatten the pipeline into one row per area, section and stage or outcome."""
    rows = []
    for part in [pipeline, *pipeline.get("children", [])]:
        area = {"area_code": part["area"]["code"], "area_name": part["area"]["name"]}
        area["level"] = part["area"]["level"]
        for section in SECTIONS:
            for entry in part[section]:
                row = dict.fromkeys(key for key, _label in COLUMNS)
                rows.append({**row, **area, "section": section, **entry})
    return rows
