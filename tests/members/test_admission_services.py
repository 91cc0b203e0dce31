"""The admission pipeline's services, each rule at its boundary (DOMAIN.md §5).

Dates are 2024–2025, under the 2021 rule set that migration 0003 loads, unless a test adds one.
"""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from members.models import (
    STAGE_ORDER,
    VOTE_STAGES,
    AdmissionStep,
    ExitKind,
    GeneralEducation,
    Outcome,
    PartyRecord,
    Stage,
)
from members.selectors import admission_next_step, is_overdue
from members.services import admission_case_close, admission_case_open, admission_step_record
from tests.members.factories import (
    AdmissionRuleSetFactory,
    CandidateFactory,
    PartyRecordFactory,
    PersonFactory,
)
from tests.units.factories import MilitaryPartyCellFactory

D = datetime.date

# A case that meets every rule of the 2021 rule set.
TIMELINE = {
    Stage.SOURCED: D(2023, 9, 4),
    Stage.AWARENESS_COURSE: D(2023, 10, 2),
    Stage.APPLICATION: D(2023, 11, 6),
    Stage.VERIFICATION: D(2023, 12, 4),
    Stage.INTRODUCTION: D(2024, 1, 8),
    Stage.CELL_VOTE: D(2024, 3, 18),
    Stage.COMMITTEE_RESOLUTION: D(2024, 3, 25),
    Stage.DECISION: D(2024, 4, 15),
    Stage.CEREMONY: D(2024, 5, 6),
    Stage.RECOGNITION_VOTE: D(2025, 5, 6),
    Stage.RECOGNITION: D(2025, 5, 13),
}
PROBATION_END = D(2025, 5, 6)
DECISION_NUMBER = "125-QĐ/ĐU"


@pytest.fixture
def actor(national_admin):
    return national_admin


def open_case(actor, *, dates=None, **person_fields):
    person = CandidateFactory(**person_fields)
    opened_on = (dates or {}).get(Stage.SOURCED, TIMELINE[Stage.SOURCED])
    return admission_case_open(
        person=person, commune=person.residence_commune, actor=actor, opened_on=opened_on
    )


def record(case, stage, actor, **fields):
    fields.setdefault("done_on", TIMELINE[stage])
    if stage in VOTE_STAGES:
        fields.setdefault("eligible_voters", 9)
        fields.setdefault("votes_for", 9)
    if stage == Stage.DECISION:
        fields.setdefault("document_number", DECISION_NUMBER)
    return admission_step_record(case=case, stage=stage, actor=actor, **fields)


def case_before(stage, actor, *, dates=None, **person_fields):
    """Open a case and record every step before `stage`, on TIMELINE or `dates`."""
    dates = dates or {}
    case = open_case(actor, dates=dates, **person_fields)
    for earlier in STAGE_ORDER[1 : STAGE_ORDER.index(stage)]:
        record(case, earlier, actor, done_on=dates.get(earlier, TIMELINE[earlier]))
    return case


def codes(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [item.code for items in error.error_dict.values() for item in items]
    return [item.code for item in error.error_list]


def refused_codes(stage, case, actor, **fields) -> list[str]:
    with pytest.raises(ValidationError) as refused:
        record(case, stage, actor, **fields)
    return codes(refused.value)


# Opening a case


def test_opening_a_case_records_the_source_pool_step_by_the_actor(actor):
    case = open_case(actor)
    step = case.steps.get()
    assert (step.stage, step.done_on, step.recorded_by) == (
        Stage.SOURCED,
        TIMELINE[Stage.SOURCED],
        actor,
    )


def test_opening_with_a_cell_of_another_commune_is_refused(actor):
    person = CandidateFactory()
    with pytest.raises(ValidationError) as refused:
        admission_case_open(
            person=person,
            commune=person.residence_commune,
            actor=actor,
            opened_on=TIMELINE[Stage.SOURCED],
            cell=MilitaryPartyCellFactory(),
        )
    assert codes(refused.value) == ["cell_commune"]


def test_opening_with_a_helper_who_is_not_a_party_member_is_refused(actor):
    person = CandidateFactory()
    with pytest.raises(ValidationError) as refused:
        admission_case_open(
            person=person,
            commune=person.residence_commune,
            actor=actor,
            opened_on=TIMELINE[Stage.SOURCED],
            helper=PersonFactory(),
        )
    assert codes(refused.value) == ["helper_not_full_member"]


def test_opening_with_a_long_standing_member_as_helper_is_accepted(actor):
    person = CandidateFactory()
    helper = PartyRecordFactory(admitted_on=D(2010, 1, 4)).person
    case = admission_case_open(
        person=person,
        commune=person.residence_commune,
        actor=actor,
        opened_on=TIMELINE[Stage.SOURCED],
        helper=helper,
    )
    assert case.helper == helper


def test_opening_a_case_for_a_party_member_is_refused(actor):
    member = PartyRecordFactory(person=CandidateFactory()).person
    with pytest.raises(ValidationError) as refused:
        admission_case_open(
            person=member,
            commune=member.residence_commune,
            actor=actor,
            opened_on=TIMELINE[Stage.SOURCED],
        )
    assert codes(refused.value) == ["already_member"]


@pytest.mark.parametrize(
    ("opened_on", "accepted"), [(D(2024, 9, 1), True), (D(2024, 8, 31), False)]
)
def test_readmission_waits_36_months_after_an_expulsion(actor, opened_on, accepted):
    person = CandidateFactory()
    PartyRecordFactory(
        person=person, admitted_on=D(2015, 3, 2), exit_on=D(2021, 9, 1), exit_kind="expelled"
    )
    open_it = dict(person=person, commune=person.residence_commune, actor=actor)
    if accepted:
        assert admission_case_open(**open_it, opened_on=opened_on).pk
    else:
        with pytest.raises(ValidationError) as refused:
            admission_case_open(**open_it, opened_on=opened_on)
        assert codes(refused.value) == ["readmission_wait"]


# Order of the steps


def test_a_step_whose_previous_step_is_missing_is_refused(actor):
    case = case_before(Stage.APPLICATION, actor)
    assert refused_codes(Stage.VERIFICATION, case, actor) == ["step_out_of_order"]


def test_a_step_dated_before_the_previous_step_is_refused(actor):
    case = case_before(Stage.APPLICATION, actor)
    late_start = TIMELINE[Stage.AWARENESS_COURSE] - datetime.timedelta(days=1)
    assert refused_codes(Stage.APPLICATION, case, actor, done_on=late_start) == ["step_date_order"]


def test_a_step_recorded_twice_is_refused(actor):
    case = case_before(Stage.APPLICATION, actor)
    assert refused_codes(Stage.AWARENESS_COURSE, case, actor) == ["step_repeated"]


def test_a_step_after_the_case_is_closed_is_refused(actor):
    case = case_before(Stage.APPLICATION, actor)
    admission_case_close(
        case=case, outcome=Outcome.STOPPED, on=D(2023, 11, 1), reason="moved", actor=actor
    )
    assert refused_codes(Stage.APPLICATION, case, actor) == ["case_closed"]


def test_an_override_reason_does_not_excuse_steps_out_of_order(actor):
    case = case_before(Stage.APPLICATION, actor)
    codes_ = refused_codes(Stage.VERIFICATION, case, actor, override_reason="urgent")
    assert codes_ == ["step_out_of_order"]


# Documents still valid on the cell-vote date (18 March 2024)


@pytest.mark.parametrize(
    ("course_on", "refused"), [(D(2019, 3, 18), []), (D(2019, 3, 17), ["certificate_expired"])]
)
def test_awareness_certificate_is_valid_60_months_to_the_day(actor, course_on, refused):
    dates = {Stage.SOURCED: D(2019, 3, 4), Stage.AWARENESS_COURSE: course_on}
    case = case_before(Stage.CELL_VOTE, actor, dates=dates)
    assert _cell_vote_codes(case, actor) == refused


EARLY_START = {
    Stage.SOURCED: D(2023, 1, 2),
    Stage.AWARENESS_COURSE: D(2023, 1, 9),
    Stage.APPLICATION: D(2023, 2, 6),
}


@pytest.mark.parametrize(
    ("verified_on", "refused"),
    [(D(2023, 3, 18), []), (D(2023, 3, 17), ["verification_expired"])],
)
def test_background_verification_is_valid_12_months_to_the_day(actor, verified_on, refused):
    dates = {**EARLY_START, Stage.VERIFICATION: verified_on}
    case = case_before(Stage.CELL_VOTE, actor, dates=dates)
    assert _cell_vote_codes(case, actor) == refused


@pytest.mark.parametrize(
    ("introduced_on", "refused"),
    [(D(2023, 9, 18), []), (D(2023, 9, 17), ["introducer_letters_expired"])],
)
def test_introducer_letters_are_valid_6_months_to_the_day(actor, introduced_on, refused):
    dates = {**EARLY_START, Stage.VERIFICATION: D(2023, 8, 7), Stage.INTRODUCTION: introduced_on}
    case = case_before(Stage.CELL_VOTE, actor, dates=dates)
    assert _cell_vote_codes(case, actor) == refused


def _cell_vote_codes(case, actor, **fields) -> list[str]:
    """Record the cell vote; return the codes it is refused with, [] when accepted."""
    try:
        record(case, Stage.CELL_VOTE, actor, **fields)
    except ValidationError as refused:
        return codes(refused)
    return []


# The candidate on the cell-vote date (18 March 2024)


@pytest.mark.parametrize(
    ("birth_date", "refused"),
    [(D(2006, 3, 18), []), (D(2006, 3, 19), ["age_below_minimum"])],
)
def test_age_must_be_18_years_0_months_on_the_cell_vote(actor, birth_date, refused):
    case = case_before(Stage.CELL_VOTE, actor, birth_date=birth_date)
    assert _cell_vote_codes(case, actor) == refused


@pytest.mark.parametrize(
    ("birth_date", "refused"),
    # Born 19 Feb 1964: 60 years 0 months (and 28 days). Born 18 Feb 1964: 60 years 1 month.
    [(D(1964, 2, 19), []), (D(1964, 2, 18), ["age_above_maximum"])],
)
def test_age_must_not_pass_60_years_0_months_on_the_cell_vote(actor, birth_date, refused):
    case = case_before(Stage.CELL_VOTE, actor, birth_date=birth_date)
    assert _cell_vote_codes(case, actor) == refused


@pytest.mark.parametrize(
    ("education", "refused"),
    [(GeneralEducation.LOWER_SECONDARY, []), (GeneralEducation.PRIMARY, ["education"])],
)
def test_cell_vote_needs_lower_secondary_education(actor, education, refused):
    case = case_before(Stage.CELL_VOTE, actor, general_education=education)
    assert _cell_vote_codes(case, actor) == refused


# Votes


@pytest.mark.parametrize(("votes_for", "refused"), [(6, []), (5, ["cell_vote_share"])])
def test_cell_vote_needs_two_thirds_of_full_members(actor, votes_for, refused):
    case = case_before(Stage.CELL_VOTE, actor)
    assert _cell_vote_codes(case, actor, eligible_voters=9, votes_for=votes_for) == refused


def test_a_cell_vote_refusal_names_the_rule_its_source_and_the_count(actor):
    case = case_before(Stage.CELL_VOTE, actor)
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        record(case, Stage.CELL_VOTE, actor, eligible_voters=9, votes_for=5)
    message = refused.value.message_dict["votes_for"][0]
    assert "Quy định 24-QĐ/TW" in message and "5 of 9 votes is below 2/3" in message


def test_a_vote_step_without_votes_is_refused(actor):
    case = case_before(Stage.CELL_VOTE, actor)
    codes_ = refused_codes(Stage.CELL_VOTE, case, actor, eligible_voters=None, votes_for=None)
    assert codes_ == ["votes_required"]


@pytest.mark.parametrize(("votes_for", "refused"), [(4, False), (3, True)])
def test_committee_resolution_needs_two_thirds_of_committee_members(actor, votes_for, refused):
    case = case_before(Stage.COMMITTEE_RESOLUTION, actor)
    step_fields = dict(eligible_voters=6, votes_for=votes_for)
    if refused:
        codes_ = refused_codes(Stage.COMMITTEE_RESOLUTION, case, actor, **step_fields)
        assert codes_ == ["committee_vote_share"]
    else:
        assert record(case, Stage.COMMITTEE_RESOLUTION, actor, **step_fields).pk


@pytest.mark.parametrize(("votes_for", "refused"), [(6, False), (5, True)])
def test_recognition_vote_needs_two_thirds_of_full_members(actor, votes_for, refused):
    case = case_before(Stage.RECOGNITION_VOTE, actor)
    step_fields = dict(eligible_voters=9, votes_for=votes_for)
    if refused:
        codes_ = refused_codes(Stage.RECOGNITION_VOTE, case, actor, **step_fields)
        assert codes_ == ["recognition_vote_share"]
    else:
        assert record(case, Stage.RECOGNITION_VOTE, actor, **step_fields).pk


# Deadlines in working days


@pytest.mark.parametrize(
    ("decided_on", "extension_reason", "refused"),
    [
        # 60th working day after 18 March 2024, four holidays (18, 29, 30 April, 1 May) later.
        (D(2024, 6, 14), "", False),
        (D(2024, 6, 17), "", True),
        (D(2024, 7, 26), "candidate away on duty", False),
        (D(2024, 7, 29), "candidate away on duty", True),
    ],
)
def test_decision_within_60_working_days_or_90_with_an_extension_reason(
    actor, decided_on, extension_reason, refused
):
    case = case_before(Stage.DECISION, actor)
    step_fields = dict(done_on=decided_on, extension_reason=extension_reason)
    if refused:
        codes_ = refused_codes(Stage.DECISION, case, actor, **step_fields)
        assert codes_ == ["decision_deadline"]
    else:
        assert record(case, Stage.DECISION, actor, **step_fields).pk


@pytest.mark.parametrize(
    ("ceremony_on", "refused"), [(D(2024, 5, 31), False), (D(2024, 6, 3), True)]
)
def test_ceremony_within_30_working_days_of_the_decision(actor, ceremony_on, refused):
    case = case_before(Stage.CEREMONY, actor)
    if refused:
        codes_ = refused_codes(Stage.CEREMONY, case, actor, done_on=ceremony_on)
        assert codes_ == ["ceremony_deadline"]
    else:
        assert record(case, Stage.CEREMONY, actor, done_on=ceremony_on).pk


AUGUST_DECISION = {
    Stage.CELL_VOTE: D(2024, 7, 1),
    Stage.COMMITTEE_RESOLUTION: D(2024, 7, 8),
    Stage.DECISION: D(2024, 8, 26),
}


@pytest.mark.parametrize(
    ("ceremony_on", "refused"), [(D(2024, 10, 9), False), (D(2024, 10, 10), True)]
)
def test_national_day_holidays_extend_the_ceremony_deadline(actor, ceremony_on, refused):
    # Six weeks after Monday 26 August would be 7 October; 2 and 3 September add two days.
    case = case_before(Stage.CEREMONY, actor, dates=AUGUST_DECISION)
    if refused:
        codes_ = refused_codes(Stage.CEREMONY, case, actor, done_on=ceremony_on)
        assert codes_ == ["ceremony_deadline"]
    else:
        assert record(case, Stage.CEREMONY, actor, done_on=ceremony_on).pk


def test_recognition_vote_before_probation_ends_is_refused_even_with_a_reason(actor):
    case = case_before(Stage.RECOGNITION_VOTE, actor)
    day_before = PROBATION_END - datetime.timedelta(days=1)
    codes_ = refused_codes(
        Stage.RECOGNITION_VOTE, case, actor, done_on=day_before, override_reason="urgent"
    )
    assert codes_ == ["probation_not_over"]


@pytest.mark.parametrize(("voted_on", "refused"), [(D(2025, 6, 17), False), (D(2025, 6, 18), True)])
def test_recognition_vote_within_30_working_days_after_probation(actor, voted_on, refused):
    case = case_before(Stage.RECOGNITION_VOTE, actor)
    if refused:
        codes_ = refused_codes(Stage.RECOGNITION_VOTE, case, actor, done_on=voted_on)
        assert codes_ == ["recognition_vote_deadline"]
    else:
        assert record(case, Stage.RECOGNITION_VOTE, actor, done_on=voted_on).pk


@pytest.mark.parametrize(
    ("recognised_on", "refused"), [(D(2025, 6, 17), False), (D(2025, 6, 18), True)]
)
def test_recognition_within_30_working_days_of_the_recognition_vote(actor, recognised_on, refused):
    case = case_before(Stage.RECOGNITION, actor)
    if refused:
        codes_ = refused_codes(Stage.RECOGNITION, case, actor, done_on=recognised_on)
        assert codes_ == ["recognition_deadline"]
    else:
        assert record(case, Stage.RECOGNITION, actor, done_on=recognised_on).pk


# Overrides


def test_an_override_reason_accepts_a_broken_rule_and_is_kept_on_the_step(actor):
    case = case_before(Stage.CELL_VOTE, actor)
    step = record(
        case, Stage.CELL_VOTE, actor, votes_for=5, override_reason="cell of 9, 3 away on duty"
    )
    step.refresh_from_db()
    assert (step.override_reason, step.recorded_by) == ("cell of 9, 3 away on duty", actor)


def test_an_override_reason_does_not_excuse_a_missing_rule_set(actor):
    dates = {
        Stage.SOURCED: D(2021, 1, 4),
        Stage.AWARENESS_COURSE: D(2021, 2, 1),
        Stage.APPLICATION: D(2021, 3, 1),
        Stage.VERIFICATION: D(2021, 4, 5),
        Stage.INTRODUCTION: D(2021, 5, 4),
    }
    case = case_before(Stage.CELL_VOTE, actor, dates=dates)
    codes_ = refused_codes(
        Stage.CELL_VOTE, case, actor, done_on=D(2021, 7, 29), override_reason="old case"
    )
    assert codes_ == ["no_rule_set"]


# Party record


def test_the_ceremony_creates_the_party_record_from_the_decision(actor):
    case = case_before(Stage.CEREMONY, actor)
    record(case, Stage.CEREMONY, actor)
    party = case.party_record
    assert (party.person, party.admitted_on, party.decision_number, party.ceremony_on) == (
        case.person,
        TIMELINE[Stage.DECISION],
        DECISION_NUMBER,
        TIMELINE[Stage.CEREMONY],
    )


def test_recognition_makes_the_member_full_from_the_end_of_probation_even_when_late(actor):
    case = case_before(Stage.RECOGNITION_VOTE, actor)
    record(case, Stage.RECOGNITION_VOTE, actor, done_on=D(2025, 6, 17))
    record(case, Stage.RECOGNITION, actor, done_on=D(2025, 7, 29))
    case.party_record.refresh_from_db()
    assert case.party_record.full_member_on == PROBATION_END


def test_striking_off_a_probationary_member_ends_the_party_record(actor):
    case = case_before(Stage.RECOGNITION_VOTE, actor)
    admission_case_close(
        case=case, outcome=Outcome.STRUCK_OFF, on=D(2024, 11, 4), reason="violated", actor=actor
    )
    party = PartyRecord.objects.get(pk=case.party_record_id)
    assert (party.exit_on, party.exit_kind) == (D(2024, 11, 4), ExitKind.STRUCK_OFF)


def test_closing_before_the_last_step_is_refused(actor):
    case = case_before(Stage.CEREMONY, actor)
    with pytest.raises(ValidationError) as refused:
        admission_case_close(
            case=case, outcome=Outcome.STOPPED, on=D(2024, 4, 12), reason="moved", actor=actor
        )
    assert codes(refused.value) == ["step_date_order"]


# Rule sets change by date


def test_a_step_after_a_new_rule_set_takes_effect_uses_its_deadline(actor):
    AdmissionRuleSetFactory(effective_from=D(2024, 4, 1), decision_deadline_working_days=10)
    case = case_before(Stage.DECISION, actor)
    # 15 April is working day 20 after the 18 March vote: in time under 2021, late under 2024.
    assert refused_codes(Stage.DECISION, case, actor) == ["decision_deadline"]


@pytest.mark.parametrize(
    ("voted_on", "refused"), [(D(2024, 4, 1), []), (D(2024, 3, 29), ["cell_vote_share"])]
)
def test_a_cell_vote_uses_the_threshold_in_force_on_its_date(actor, voted_on, refused):
    AdmissionRuleSetFactory(
        effective_from=D(2024, 4, 1), cell_vote_numerator=1, cell_vote_denominator=2
    )
    case = case_before(Stage.CELL_VOTE, actor)
    assert _cell_vote_codes(case, actor, done_on=voted_on, votes_for=5) == refused


# Nothing is written on refusal


def test_a_refused_step_writes_nothing(actor):
    case = case_before(Stage.CELL_VOTE, actor)
    steps_before = AdmissionStep.objects.count()
    refused_codes(Stage.CELL_VOTE, case, actor, votes_for=5)
    assert AdmissionStep.objects.count() == steps_before


def test_a_ceremony_refused_after_its_step_is_saved_leaves_no_step_and_no_record(actor):
    case = case_before(Stage.CEREMONY, actor)
    PartyRecordFactory(person=case.person, admitted_on=D(2024, 4, 20))
    rows_before = (AdmissionStep.objects.count(), PartyRecord.objects.count())
    assert refused_codes(Stage.CEREMONY, case, actor) == ["already_member"]
    assert (AdmissionStep.objects.count(), PartyRecord.objects.count()) == rows_before


# Selectors


def test_next_step_after_the_cell_vote_is_the_committee_with_the_decision_deadline(actor):
    case = case_before(Stage.COMMITTEE_RESOLUTION, actor)
    assert admission_next_step(case) == (Stage.COMMITTEE_RESOLUTION, D(2024, 6, 14))


def test_next_step_after_the_ceremony_is_the_vote_due_30_working_days_after_probation(actor):
    case = case_before(Stage.RECOGNITION_VOTE, actor)
    assert admission_next_step(case) == (Stage.RECOGNITION_VOTE, D(2025, 6, 17))


def test_next_step_of_a_closed_case_is_none(actor):
    case = case_before(Stage.APPLICATION, actor)
    admission_case_close(
        case=case, outcome=Outcome.TRANSFERRED, on=D(2023, 11, 1), reason="moved", actor=actor
    )
    assert admission_next_step(case) == (None, None)


@pytest.mark.parametrize(("today", "overdue"), [(D(2024, 5, 31), False), (D(2024, 6, 3), True)])
def test_a_case_is_overdue_the_day_after_the_ceremony_deadline(actor, today, overdue):
    case = case_before(Stage.CEREMONY, actor)
    assert is_overdue(case, today) is overdue


def test_a_cadre_cannot_record_a_step_on_another_communes_case(actor, other_commune_cadre):
    case = open_case(actor)
    with pytest.raises(ValidationError) as refused:
        admission_step_record(
            case=case,
            stage=Stage.AWARENESS_COURSE,
            done_on=TIMELINE[Stage.AWARENESS_COURSE],
            actor=other_commune_cadre,
        )
    assert refused.value.code == "out_of_area" and case.steps.count() == 1


def test_a_cadre_cannot_close_another_communes_case(actor, other_commune_cadre):
    case = open_case(actor)
    with pytest.raises(ValidationError) as refused:
        admission_case_close(
            case=case,
            outcome=Outcome.STOPPED,
            on=case.steps.get().done_on,
            reason="",
            actor=other_commune_cadre,
        )
    case.refresh_from_db()
    assert refused.value.code == "out_of_area" and case.outcome == ""


def test_a_cadre_cannot_open_a_case_for_a_person_of_another_commune(other_commune_cadre):
    person = CandidateFactory()
    with pytest.raises(ValidationError) as refused:
        admission_case_open(
            person=person,
            commune=person.residence_commune,
            actor=other_commune_cadre,
            opened_on=datetime.date(2024, 1, 10),
        )
    assert refused.value.error_dict["person"][0].code == "out_of_area"
