"""Reads of the members app.

`admission_next_step` and `is_overdue` read one case already in hand; callers that list many
cases should `prefetch_related("steps")` (the steps are read through `case.steps.all()`) and
pass one `RuleBook`, so that no case costs a query.
"""

import datetime
from typing import NamedTuple

from django.core.exceptions import ValidationError

from members.models import STAGE_ORDER, AdmissionCase, AdmissionStep, Stage
from members.rules import RuleBook, add_working_days, probation_ends_on, rule_set_on


class NextStep(NamedTuple):
    stage: str | None
    deadline: datetime.date | None


# For each stage with a deadline: the recorded stage the count starts from (None: the end of
# probation) and the rule-set field holding its length in working days. The committee
# resolution has no deadline of its own but must come before the decision, so it shares it.
DEADLINES: dict[str, tuple[str | None, str]] = {
    Stage.COMMITTEE_RESOLUTION: (Stage.CELL_VOTE, "decision_deadline_working_days"),
    Stage.DECISION: (Stage.CELL_VOTE, "decision_deadline_working_days"),
    Stage.CEREMONY: (Stage.DECISION, "ceremony_deadline_working_days"),
    Stage.RECOGNITION_VOTE: (None, "recognition_cell_deadline_working_days"),
    Stage.RECOGNITION: (Stage.RECOGNITION_VOTE, "recognition_committee_deadline_working_days"),
}


def admission_next_step(case: AdmissionCase, rules: RuleBook | None = None) -> NextStep:
    """Return the stage `case` waits for and its deadline; (None, None) once closed or done.

    The deadline is the normal one, without the decision's extension in special cases, read from
    the rule set in force on the day the count starts. It is None for stages without a deadline
    and when no rule set covers that day.
    """
    steps = {step.stage: step for step in case.steps.all()}
    if case.outcome or Stage.RECOGNITION in steps:
        return NextStep(None, None)
    last = max((STAGE_ORDER.index(stage) for stage in steps), default=-1)
    stage = STAGE_ORDER[last + 1]
    return NextStep(stage, _deadline(stage, steps, rules))


def is_overdue(case: AdmissionCase, today: datetime.date, rules: RuleBook | None = None) -> bool:
    """Tell whether the next step of `case` is past its deadline on `today`."""
    deadline = admission_next_step(case, rules).deadline
    return deadline is not None and today > deadline


def _deadline(
    stage: str, steps: dict[str, AdmissionStep], rules: RuleBook | None
) -> datetime.date | None:
    if stage not in DEADLINES:
        return None
    start_stage, days_field = DEADLINES[stage]
    try:
        if start_stage is None:
            start = probation_ends_on(steps[Stage.CEREMONY].done_on, rules)
        else:
            start = steps[start_stage].done_on
        days = getattr(rules.on(start) if rules else rule_set_on(start), days_field)
    except (KeyError, ValidationError):
        return None
    return add_working_days(start, days)
