"""Reads of admission cases: one list, one row model, one FilterSet, always given the actor.

A case outside the actor's area answers 404 exactly as a missing one. Rows are built with one
`RuleBook` and the steps prefetched, so a list costs a fixed number of queries.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from members.filters import CaseFilter
from members.models import STAGE_ORDER, AdmissionCase, AdmissionStep, Stage
from members.rules import RuleBook

from .admission import admission_next_step


@dataclass(frozen=True)
class CaseRow:
    """One line of a case list: the case, the step it has reached and the one it waits for."""

    case: AdmissionCase
    current_stage: str | None
    next_stage: str | None
    deadline: datetime.date | None
    overdue: bool

    @property
    def current_label(self) -> str:
        return Stage(self.current_stage).label if self.current_stage else ""

    @property
    def next_label(self) -> str:
        return Stage(self.next_stage).label if self.next_stage else ""


def cases_visible(*, actor: Any) -> QuerySet[AdmissionCase]:
    """Return the cases of the actor's area, with what the pages show of each."""
    steps = AdmissionStep.objects.select_related("recorded_by")
    return (
        AdmissionCase.objects.visible_to(actor)
        .select_related("person", "commune", "cell", "helper")
        .prefetch_related(Prefetch("steps", queryset=steps))
    )


def case_get(*, actor: Any, pk: Any) -> AdmissionCase:
    """Return the case `pk` of the actor's area; 404 when missing or outside it."""
    try:
        return cases_visible(actor=actor).get(pk=pk)
    except (AdmissionCase.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def case_row(case: AdmissionCase, rules: RuleBook, today: datetime.date) -> CaseRow:
    """Describe `case` on `today`: the stage reached, the next one and its deadline."""
    reached = max((STAGE_ORDER.index(step.stage) for step in case.steps.all()), default=-1)
    current = STAGE_ORDER[reached] if reached >= 0 else None
    stage, deadline = admission_next_step(case, rules)
    return CaseRow(case, current, stage, deadline, deadline is not None and today > deadline)


def case_list(
    *, actor: Any, filters: dict[str, Any] | None = None, today: datetime.date | None = None
) -> list[CaseRow]:
    """Return the rows of the actor's cases matching `filters`: overdue first, then by deadline.

    Invalid filter values are ignored, as django-filter does for a list page.
    """
    today = today or timezone.localdate()
    cases = CaseFilter(filters or None, queryset=cases_visible(actor=actor)).qs.distinct()
    rules = RuleBook()
    rows = [case_row(case, rules, today) for case in cases]
    return sorted(rows, key=_row_order)


def _row_order(row: CaseRow) -> tuple:
    """Overdue first, then the nearest deadline, then cases without one, by name."""
    return (not row.overdue, row.deadline or datetime.date.max, row.case.person.full_name)
