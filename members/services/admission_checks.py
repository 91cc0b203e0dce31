"""What an admission step must satisfy before it is written (DOMAIN.md §5).

Two kinds of refusal:

- a *problem* (steps out of order, a closed case, missing votes, probation not over, no rule set)
  is raised at once: no reason can excuse it;
- a *rule breach* (a validity period, the age, education, a vote threshold, a deadline) is
  returned; the service refuses it unless the step carries an override reason.

Each rule is read from the rule set in force on the step's date, and each breach names the rule
and that rule set's source document.
"""

from collections.abc import Callable
from datetime import date
from typing import NoReturn

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext

from members.models import (
    STAGE_ORDER,
    VOTE_STAGES,
    AdmissionCase,
    AdmissionRuleSet,
    AdmissionStep,
    GeneralEducation,
    Stage,
)
from members.rules import (
    add_months,
    add_working_days,
    age_in_months,
    format_day,
    format_months,
    meets_share,
    probation_ends_on,
    rule_set_on,
    working_days_between,
)

Breach = tuple[str, ValidationError]
Steps = dict[str, AdmissionStep]

LOWER_SECONDARY_OR_HIGHER = (GeneralEducation.LOWER_SECONDARY, GeneralEducation.UPPER_SECONDARY)
# The documents checked on the cell-vote date: the step that dates each one, and its validity.
VALIDITY = (
    (Stage.AWARENESS_COURSE, "certificate_valid_months", "certificate_expired"),
    (Stage.VERIFICATION, "verification_valid_months", "verification_expired"),
    (Stage.INTRODUCTION, "introducer_letter_valid_months", "introducer_letters_expired"),
)


def refuse(field: str, code: str, message: str, **params: object) -> NoReturn:
    """Raise a problem that no override reason can excuse."""
    raise ValidationError({field: ValidationError(message, code=code, params=params or None)})


def breach(rules: AdmissionRuleSet, *, field: str, code: str, rule: str, detail: str) -> Breach:
    """Describe a broken rule, naming it and the document it comes from."""
    error = ValidationError(
        gettext("Rule '%(rule)s' (%(source)s): %(detail)s"),
        code=code,
        params={"rule": rule, "source": rules.source_document, "detail": detail},
    )
    return field, error


def refuse_breaches(breaches: list[Breach]) -> NoReturn:
    """Raise every broken rule at once, each under its field."""
    errors: dict[str, list[ValidationError]] = {}
    for field, error in breaches:
        errors.setdefault(field, []).append(error)
    raise ValidationError(errors)


def check_order(case: AdmissionCase, step: AdmissionStep, steps: Steps) -> None:
    """Refuse a step on a closed case, a repeated step, a skipped step or an earlier date."""
    if case.outcome:
        refuse("stage", "case_closed", gettext("The case is closed: no step can follow."))
    if step.stage not in STAGE_ORDER:
        refuse("stage", "stage_unknown", gettext("There is no such admission step."))
    if step.stage in steps:
        refuse("stage", "step_repeated", gettext("This step is already recorded for this case."))
    index = STAGE_ORDER.index(step.stage)
    if index == 0:
        return
    previous = steps.get(STAGE_ORDER[index - 1])
    if previous is None:
        refuse(
            "stage",
            "step_out_of_order",
            gettext("'%(previous)s' must be recorded before '%(stage)s'."),
            previous=Stage(STAGE_ORDER[index - 1]).label,
            stage=Stage(step.stage).label,
        )
    if step.done_on < previous.done_on:
        refuse(
            "done_on",
            "step_date_order",
            gettext("The date is before the previous step ('%(previous)s', %(date)s)."),
            previous=previous.get_stage_display(),
            date=format_day(previous.done_on),
        )


def check_input(step: AdmissionStep) -> None:
    """Refuse votes missing from a vote step or given to another, and misplaced fields."""
    if step.stage in VOTE_STAGES:
        if step.eligible_voters is None or step.votes_for is None:
            refuse(
                "votes_for", "votes_required", gettext("A vote step needs the voters and votes.")
            )
        if step.eligible_voters == 0:
            refuse("eligible_voters", "votes_required", gettext("Nobody was entitled to vote."))
        if step.votes_for + (step.votes_against or 0) > step.eligible_voters:
            refuse("votes_for", "votes_exceed_voters", gettext("More votes than members entitled."))
    elif {step.eligible_voters, step.votes_for, step.votes_against} != {None}:
        refuse("votes_for", "votes_not_expected", gettext("This step has no vote."))
    if step.extension_reason and step.stage != Stage.DECISION:
        refuse(
            "extension_reason",
            "extension_not_applicable",
            gettext("Only the admission decision has an extended deadline."),
        )
    if step.stage == Stage.DECISION and not step.document_number:
        refuse(
            "document_number",
            "document_number_required",
            gettext("The admission decision needs its number."),
        )


def rule_breaches(step: AdmissionStep, steps: Steps) -> list[Breach]:
    """Return the rules `step` breaks, read from the rule set in force on its date."""
    check = CHECKS.get(step.stage)
    if check is None:
        return []
    try:
        rules = rule_set_on(step.done_on)
    except ValidationError as error:
        raise ValidationError({"done_on": error}) from error
    return check(step, steps, rules)


def _still_valid(
    rules: AdmissionRuleSet, step: AdmissionStep, earlier: AdmissionStep, months: int, code: str
) -> list[Breach]:
    valid_until = add_months(earlier.done_on, months)
    if step.done_on <= valid_until:
        return []
    rule = gettext("%(step)s valid %(months)s months") % {
        "step": earlier.get_stage_display(),
        "months": months,
    }
    detail = gettext("dated %(date)s, valid until %(until)s; the vote is on %(vote)s.") % {
        "date": format_day(earlier.done_on),
        "until": format_day(valid_until),
        "vote": format_day(step.done_on),
    }
    return [breach(rules, field="done_on", code=code, rule=rule, detail=detail)]


def _age(rules: AdmissionRuleSet, step: AdmissionStep) -> list[Breach]:
    age = age_in_months(step.case.person.birth_date, step.done_on)
    if age < rules.min_age_months:
        code = "age_below_minimum"
    elif age > rules.max_age_months:
        code = "age_above_maximum"
    else:
        return []
    rule = gettext("age from %(min)s to %(max)s on the cell vote") % {
        "min": format_months(rules.min_age_months),
        "max": format_months(rules.max_age_months),
    }
    detail = gettext("on %(date)s the person is %(age)s old.") % {
        "date": format_day(step.done_on),
        "age": format_months(age),
    }
    return [breach(rules, field="done_on", code=code, rule=rule, detail=detail)]


def _education(rules: AdmissionRuleSet, step: AdmissionStep) -> list[Breach]:
    education = step.case.person.general_education
    if education in LOWER_SECONDARY_OR_HIGHER:
        return []
    detail = (
        gettext("the person's general education is %(level)s.")
        % {"level": GeneralEducation(education).label}
        if education
        else gettext("the person's general education is not recorded.")
    )
    rule = gettext("lower-secondary education, except in remote and ethnic-minority areas")
    return [breach(rules, field=NON_FIELD_ERRORS, code="education", rule=rule, detail=detail)]


def _votes(
    rules: AdmissionRuleSet, step: AdmissionStep, numerator: int, denominator: int, code: str
) -> list[Breach]:
    voters, votes_for = step.eligible_voters, step.votes_for
    if meets_share(
        votes_for=votes_for, voters=voters, numerator=numerator, denominator=denominator
    ):
        return []
    share = f"{numerator}/{denominator}"
    rule = gettext("%(step)s ≥ %(share)s of the members entitled to vote") % {
        "step": step.get_stage_display(),
        "share": share,
    }
    detail = gettext("%(votes)s of %(voters)s votes is below %(share)s.") % {
        "votes": votes_for,
        "voters": voters,
        "share": share,
    }
    return [breach(rules, field="votes_for", code=code, rule=rule, detail=detail)]


def _deadline(
    rules: AdmissionRuleSet, step: AdmissionStep, start: tuple[str, date], days: int, code: str
) -> list[Breach]:
    start_label, start_on = start
    deadline = add_working_days(start_on, days)
    if step.done_on <= deadline:
        return []
    rule = gettext("%(step)s within %(days)s working days of %(start)s") % {
        "step": step.get_stage_display(),
        "days": days,
        "start": start_label,
    }
    detail = gettext("%(date)s is working day %(count)s after %(start)s; the last was %(end)s.") % {
        "date": format_day(step.done_on),
        "count": working_days_between(start_on, step.done_on),
        "start": format_day(start_on),
        "end": format_day(deadline),
    }
    return [breach(rules, field="done_on", code=code, rule=rule, detail=detail)]


def _after(step: AdmissionStep) -> tuple[str, date]:
    return step.get_stage_display(), step.done_on


def _check_probation_over(step: AdmissionStep, steps: Steps) -> None:
    ends_on = probation_ends_on(steps[Stage.CEREMONY].done_on)
    if step.done_on < ends_on:
        refuse(
            "done_on",
            "probation_not_over",
            gettext("Probation lasts until %(date)s: full membership cannot be voted before."),
            date=format_day(ends_on),
        )


def _cell_vote(step: AdmissionStep, steps: Steps, rules: AdmissionRuleSet) -> list[Breach]:
    expired = [
        found
        for stage, months, code in VALIDITY
        for found in _still_valid(rules, step, steps[stage], getattr(rules, months), code)
    ]
    share = (rules.cell_vote_numerator, rules.cell_vote_denominator)
    return [
        *expired,
        *_age(rules, step),
        *_education(rules, step),
        *_votes(rules, step, *share, "cell_vote_share"),
    ]


def _committee(step: AdmissionStep, steps: Steps, rules: AdmissionRuleSet) -> list[Breach]:
    numerator, denominator = rules.committee_vote_numerator, rules.committee_vote_denominator
    return _votes(rules, step, numerator, denominator, "committee_vote_share")


def _decision(step: AdmissionStep, steps: Steps, rules: AdmissionRuleSet) -> list[Breach]:
    days = rules.decision_deadline_working_days
    if step.extension_reason:
        days += rules.decision_extension_working_days
    return _deadline(rules, step, _after(steps[Stage.CELL_VOTE]), days, "decision_deadline")


def _ceremony(step: AdmissionStep, steps: Steps, rules: AdmissionRuleSet) -> list[Breach]:
    days = rules.ceremony_deadline_working_days
    return _deadline(rules, step, _after(steps[Stage.DECISION]), days, "ceremony_deadline")


def _recognition_vote(step: AdmissionStep, steps: Steps, rules: AdmissionRuleSet) -> list[Breach]:
    _check_probation_over(step, steps)
    probation_end = (
        gettext("the end of probation"),
        probation_ends_on(steps[Stage.CEREMONY].done_on),
    )
    days = rules.recognition_cell_deadline_working_days
    share = (rules.cell_vote_numerator, rules.cell_vote_denominator)
    return [
        *_deadline(rules, step, probation_end, days, "recognition_vote_deadline"),
        *_votes(rules, step, *share, "recognition_vote_share"),
    ]


def _recognition(step: AdmissionStep, steps: Steps, rules: AdmissionRuleSet) -> list[Breach]:
    _check_probation_over(step, steps)
    days = rules.recognition_committee_deadline_working_days
    vote = _after(steps[Stage.RECOGNITION_VOTE])
    return _deadline(rules, step, vote, days, "recognition_deadline")


CHECKS: dict[str, Callable[[AdmissionStep, Steps, AdmissionRuleSet], list[Breach]]] = {
    Stage.CELL_VOTE: _cell_vote,
    Stage.COMMITTEE_RESOLUTION: _committee,
    Stage.DECISION: _decision,
    Stage.CEREMONY: _ceremony,
    Stage.RECOGNITION_VOTE: _recognition_vote,
    Stage.RECOGNITION: _recognition,
}
