"""Database constraints of members, the no-overlap rule of migration 0002 and the 2021 rules."""

import datetime

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import DataError, IntegrityError, transaction

from members.models import (
    AdmissionRuleSet,
    ExitKind,
    Outcome,
    Person,
    Position,
    ServiceEndReason,
    ServiceRecord,
    Stage,
)
from tests.members.factories import (
    AdmissionCaseFactory,
    AdmissionRuleSetFactory,
    AdmissionStepFactory,
    CommandPostFactory,
    MemberRatingFactory,
    PartyRecordFactory,
    PersonFactory,
    ServiceRecordFactory,
)
from tests.test_constraint_coverage import covers, find_constraint, refused_by
from tests.units.factories import VillageFactory
from units.models import DqtvCategory, Force, ReserveCategory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2024, 6, 30)
NEXT_DAY = DAY + datetime.timedelta(days=1)
DAY_BEFORE = DAY - datetime.timedelta(days=1)
LONG_BEFORE = datetime.date(2022, 1, 1)
OVERLAP = "service_no_overlapping_core_records"


def non_field_messages(error: ValidationError) -> list[str]:
    return error.message_dict.get(NON_FIELD_ERRORS, [])


# People


@covers("person_national_id_unique")
def test_two_people_with_one_national_id_are_refused():
    person = PersonFactory()

    with refused_by("person_national_id_unique"):
        PersonFactory(national_id=person.national_id)


def test_several_people_without_national_id_are_stored():
    PersonFactory(national_id=None)
    PersonFactory(national_id=None)

    assert Person.objects.filter(national_id__isnull=True).count() == 2


@covers("person_national_id_12_digits")
@pytest.mark.parametrize(
    "national_id", ["02009500001", "0200950000AB", "02009500 001", ""], ids=str.__repr__
)
def test_national_id_not_made_of_12_digits_is_refused(national_id):
    with refused_by("person_national_id_12_digits"):
        PersonFactory(national_id=national_id)


def test_national_id_with_a_trailing_newline_is_not_stored():
    """SQLite's REGEXP is Python's re.search, where "$" matches before a final newline.

    PostgreSQL refuses the 13th character before the check even runs, hence either error.
    """
    with pytest.raises((IntegrityError, DataError)), transaction.atomic():
        PersonFactory(national_id="020095000123\n")


def test_updating_a_national_id_to_11_digits_is_refused():
    person = PersonFactory()

    with refused_by("person_national_id_12_digits"):
        Person.objects.filter(pk=person.pk).update(national_id="02009500001")


def test_full_clean_reports_a_duplicate_national_id():
    person = PersonFactory()
    twin = PersonFactory.build(
        national_id=person.national_id, residence_commune=person.residence_commune
    )

    with pytest.raises(ValidationError) as error:
        twin.full_clean()

    expected = find_constraint("person_national_id_unique").get_violation_error_message()
    assert expected in error.value.messages


# Service records: plain constraints


@covers("service_end_not_before_start")
def test_service_ending_before_it_starts_is_refused():
    with refused_by("service_end_not_before_start"):
        ServiceRecordFactory(start=DAY, end=DAY_BEFORE)


def test_service_of_a_single_day_is_stored():
    service = ServiceRecordFactory(start=DAY, end=DAY)

    assert service.person.services.get() == service


def test_full_clean_reports_a_service_ending_before_it_starts():
    service = ServiceRecordFactory.build(person=PersonFactory(), start=DAY, end=DAY_BEFORE)

    with pytest.raises(ValidationError) as error:
        service.full_clean()

    expected = find_constraint("service_end_not_before_start").get_violation_error_message()
    assert non_field_messages(error.value) == [expected]


@covers("service_category_matches_force")
@pytest.mark.parametrize(
    ("force", "category"),
    [
        (Force.MILITIA, ReserveCategory.OFFICER),
        (Force.SELF_DEFENCE, ReserveCategory.PROFESSIONAL),
        (Force.RESERVE, DqtvCategory.STANDING),
    ],
)
def test_service_with_a_category_of_another_force_is_refused(force, category):
    with refused_by("service_category_matches_force"):
        ServiceRecordFactory(force=force, category=category)


def test_reserve_officer_service_is_stored():
    service = ServiceRecordFactory(force=Force.RESERVE, category=ReserveCategory.OFFICER)

    assert service.category == ReserveCategory.OFFICER


@covers("service_end_reason_needs_end")
def test_service_end_reason_without_end_is_refused():
    with refused_by("service_end_reason_needs_end"):
        ServiceRecordFactory(end=None, end_reason=ServiceEndReason.TRANSFERRED)


def test_service_end_reason_with_end_is_stored():
    service = ServiceRecordFactory(end=DAY, end_reason=ServiceEndReason.TRANSFERRED)

    assert service.end_reason == ServiceEndReason.TRANSFERRED


# Service records: no two overlapping core records per person (migration 0002).
# Both ends are inclusive, so a record ending on DAY overlaps one starting on DAY.


@covers(OVERLAP)
def test_core_service_starting_on_the_day_the_previous_one_ends_is_refused():
    first = ServiceRecordFactory(start=LONG_BEFORE, end=DAY)

    with refused_by(OVERLAP):
        ServiceRecordFactory(person=first.person, start=DAY)


def test_core_service_starting_the_day_after_the_previous_one_ends_is_stored():
    first = ServiceRecordFactory(start=LONG_BEFORE, end=DAY)

    ServiceRecordFactory(person=first.person, start=NEXT_DAY)

    assert first.person.services.count() == 2


def test_core_service_long_after_the_start_of_an_open_ended_one_is_refused():
    open_ended = ServiceRecordFactory(start=LONG_BEFORE, end=None)

    with refused_by(OVERLAP):
        ServiceRecordFactory(
            person=open_ended.person,
            start=datetime.date(2040, 1, 1),
            end=datetime.date(2040, 12, 31),
        )


def test_open_ended_core_service_starting_before_a_closed_one_ends_is_refused():
    closed = ServiceRecordFactory(start=LONG_BEFORE, end=DAY)

    with refused_by(OVERLAP):
        ServiceRecordFactory(person=closed.person, start=datetime.date(2000, 1, 1), end=None)


def test_two_open_ended_core_services_are_refused():
    open_ended = ServiceRecordFactory(start=DAY, end=None)

    with refused_by(OVERLAP):
        ServiceRecordFactory(person=open_ended.person, start=NEXT_DAY, end=None)


def test_core_service_ending_the_day_before_an_open_ended_one_starts_is_stored():
    open_ended = ServiceRecordFactory(start=NEXT_DAY, end=None)

    ServiceRecordFactory(person=open_ended.person, start=LONG_BEFORE, end=DAY)

    assert open_ended.person.services.count() == 2


def test_core_services_in_the_militia_and_the_reserve_at_once_are_refused():
    militia = ServiceRecordFactory(start=LONG_BEFORE, end=None)

    with refused_by(OVERLAP):
        ServiceRecordFactory(
            person=militia.person,
            force=Force.RESERVE,
            category=ReserveCategory.NCO_SOLDIER_1,
            start=DAY,
        )


def test_broad_service_overlapping_a_core_one_is_stored():
    core = ServiceRecordFactory(start=LONG_BEFORE, end=None)

    ServiceRecordFactory(person=core.person, is_core=False, start=DAY, end=None)

    assert core.person.services.count() == 2


def test_two_overlapping_broad_services_are_stored():
    broad = ServiceRecordFactory(is_core=False, start=LONG_BEFORE, end=None)

    ServiceRecordFactory(person=broad.person, is_core=False, start=DAY, end=None)

    assert broad.person.services.count() == 2


def test_overlapping_core_services_of_two_people_are_stored():
    first = ServiceRecordFactory(start=LONG_BEFORE, end=None)

    second = ServiceRecordFactory(start=LONG_BEFORE, end=None, commune=first.commune)

    assert first.person != second.person


def test_updating_a_core_service_into_an_overlap_is_refused():
    first = ServiceRecordFactory(start=LONG_BEFORE, end=DAY)
    second = ServiceRecordFactory(person=first.person, start=NEXT_DAY)

    with refused_by(OVERLAP):
        ServiceRecord.objects.filter(pk=second.pk).update(start=DAY)


def test_turning_an_overlapping_broad_service_into_core_is_refused():
    core = ServiceRecordFactory(start=LONG_BEFORE, end=None)
    broad = ServiceRecordFactory(person=core.person, is_core=False, start=DAY)

    with refused_by(OVERLAP):
        ServiceRecord.objects.filter(pk=broad.pk).update(is_core=True)


def test_extending_a_core_service_that_overlaps_nothing_else_is_stored():
    service = ServiceRecordFactory(start=LONG_BEFORE, end=DAY)

    service.end = None
    service.save()

    service.refresh_from_db()
    assert service.end is None


def test_bulk_created_overlapping_core_services_are_refused():
    person = PersonFactory()
    services = [
        ServiceRecordFactory.build(person=person, start=LONG_BEFORE, end=DAY),
        ServiceRecordFactory.build(person=person, start=DAY, end=None),
    ]

    with refused_by(OVERLAP):
        ServiceRecord.objects.bulk_create(services)


# Command posts


@covers("command_post_end_not_before_start")
def test_command_post_ending_before_it_starts_is_refused():
    with refused_by("command_post_end_not_before_start"):
        CommandPostFactory(start=DAY, end=DAY_BEFORE)


def test_command_post_held_for_a_single_day_is_stored():
    post = CommandPostFactory(start=DAY, end=DAY)

    assert post.person.posts.get() == post


# Party records


@covers("party_ceremony_on_not_before_admitted_on")
def test_admission_ceremony_before_the_decision_is_refused():
    with refused_by("party_ceremony_on_not_before_admitted_on"):
        PartyRecordFactory(admitted_on=DAY, ceremony_on=DAY_BEFORE)


def test_admission_ceremony_on_the_decision_day_is_stored():
    record = PartyRecordFactory(admitted_on=DAY, ceremony_on=DAY)

    assert record.ceremony_on == DAY


@covers("party_full_member_on_not_before_admitted_on")
def test_full_membership_before_the_decision_is_refused():
    with refused_by("party_full_member_on_not_before_admitted_on"):
        PartyRecordFactory(admitted_on=DAY, full_member_on=DAY_BEFORE)


@covers("party_exit_on_not_before_admitted_on")
def test_exit_before_the_decision_is_refused():
    with refused_by("party_exit_on_not_before_admitted_on"):
        PartyRecordFactory(admitted_on=DAY, exit_on=DAY_BEFORE, exit_kind=ExitKind.RESIGNED)


@covers("party_exit_date_and_kind_together")
@pytest.mark.parametrize(
    ("exit_on", "exit_kind"), [(DAY, ""), (None, ExitKind.DECEASED)], ids=["no-kind", "no-date"]
)
def test_exit_with_only_its_date_or_only_its_kind_is_refused(exit_on, exit_kind):
    with refused_by("party_exit_date_and_kind_together"):
        PartyRecordFactory(admitted_on=LONG_BEFORE, exit_on=exit_on, exit_kind=exit_kind)


def test_full_clean_reports_an_exit_without_kind():
    record = PartyRecordFactory.build(person=PersonFactory(), admitted_on=LONG_BEFORE, exit_on=DAY)

    with pytest.raises(ValidationError) as error:
        record.full_clean()

    expected = find_constraint("party_exit_date_and_kind_together").get_violation_error_message()
    assert non_field_messages(error.value) == [expected]


@covers("party_one_open_record_per_person")
def test_second_open_party_record_of_a_person_is_refused():
    record = PartyRecordFactory(admitted_on=LONG_BEFORE)

    with refused_by("party_one_open_record_per_person"):
        PartyRecordFactory(person=record.person, admitted_on=DAY)


def test_readmission_after_a_closed_party_record_is_stored():
    record = PartyRecordFactory(admitted_on=LONG_BEFORE, exit_on=DAY, exit_kind=ExitKind.STRUCK_OFF)

    PartyRecordFactory(person=record.person, admitted_on=datetime.date(2028, 1, 1))

    assert record.person.party_records.count() == 2


@covers("party_card_number_unique")
def test_two_records_with_one_party_card_number_are_refused():
    PartyRecordFactory(card_number="79.012345")

    with refused_by("party_card_number_unique"):
        PartyRecordFactory(card_number="79.012345")


def test_several_records_without_party_card_number_are_stored():
    PartyRecordFactory(card_number=None)
    PartyRecordFactory(card_number=None)

    assert PartyRecordFactory._meta.model.objects.filter(card_number__isnull=True).count() == 2


# Member ratings


@covers("member_rating_one_per_year")
def test_second_rating_of_a_member_in_one_year_is_refused():
    rating = MemberRatingFactory(year=2023)

    with refused_by("member_rating_one_per_year"):
        MemberRatingFactory(person=rating.person, year=2023)


def test_ratings_of_a_member_in_two_years_are_stored():
    rating = MemberRatingFactory(year=2023)
    MemberRatingFactory(person=rating.person, year=2024)

    assert rating.person.ratings.count() == 2


# Admission rule sets


@covers("rules_min_age_below_max_age")
@pytest.mark.parametrize("max_age_months", [216, 215], ids=["equal", "below"])
def test_rule_set_with_maximum_age_not_above_minimum_is_refused(max_age_months):
    with refused_by("rules_min_age_below_max_age"):
        AdmissionRuleSetFactory(min_age_months=216, max_age_months=max_age_months)


@covers("rules_thresholds_are_shares")
@pytest.mark.parametrize(
    "thresholds",
    [
        {"cell_vote_numerator": 0},
        {"cell_vote_numerator": 4, "cell_vote_denominator": 3},
        {"committee_vote_numerator": 0},
        {"committee_vote_numerator": 4, "committee_vote_denominator": 3},
    ],
    ids=["cell-zero", "cell-above-one", "committee-zero", "committee-above-one"],
)
def test_rule_set_with_a_vote_threshold_outside_0_to_1_is_refused(thresholds):
    with refused_by("rules_thresholds_are_shares"):
        AdmissionRuleSetFactory(**thresholds)


def test_rule_set_requiring_unanimity_is_stored():
    rules = AdmissionRuleSetFactory(cell_vote_numerator=3, cell_vote_denominator=3)

    assert rules.cell_vote_numerator == rules.cell_vote_denominator


def test_second_rule_set_from_the_same_day_is_refused():
    with pytest.raises(IntegrityError), transaction.atomic():
        AdmissionRuleSetFactory(effective_from=datetime.date(2021, 7, 30))


def test_full_clean_names_the_effective_date_of_a_second_rule_set_from_that_day():
    rules = AdmissionRuleSetFactory.build(effective_from=datetime.date(2021, 7, 30))

    with pytest.raises(ValidationError) as error:
        rules.full_clean()

    assert list(error.value.message_dict) == ["effective_from"]


# The 2021 rule set of migration 0003 (DOMAIN.md §5)

RULES_2021 = datetime.date(2021, 7, 30)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("min_age_months", 18 * 12),
        ("max_age_months", 60 * 12),
        ("certificate_valid_months", 60),
        ("verification_valid_months", 12),
        ("introducer_letter_valid_months", 6),
        ("introducer_acquaintance_months", 12),
        ("cell_vote_numerator", 2),
        ("cell_vote_denominator", 3),
        ("committee_vote_numerator", 2),
        ("committee_vote_denominator", 3),
        ("decision_deadline_working_days", 60),
        ("decision_extension_working_days", 30),
        ("ceremony_deadline_working_days", 30),
        ("probation_months", 12),
        ("recognition_cell_deadline_working_days", 30),
        ("recognition_committee_deadline_working_days", 30),
        ("readmission_wait_months", 36),
        ("cell_committee_min_full_members", 9),
    ],
)
def test_2021_rule_set_holds_the_value_of_the_regulation(field, value):
    rules = AdmissionRuleSet.objects.get(effective_from=RULES_2021)

    assert getattr(rules, field) == value


def test_2021_rule_set_names_regulation_24_as_its_source():
    rules = AdmissionRuleSet.objects.get(effective_from=RULES_2021)

    assert "24-QĐ/TW" in rules.source_document


def test_2021_rule_set_passes_model_validation():
    AdmissionRuleSet.objects.get(effective_from=RULES_2021).full_clean()


# Admission cases and steps


@covers("admission_outcome_date_and_kind_together")
@pytest.mark.parametrize(
    ("outcome", "outcome_on"), [(Outcome.STOPPED, None), ("", DAY)], ids=["no-date", "no-kind"]
)
def test_admission_outcome_with_only_its_kind_or_only_its_date_is_refused(outcome, outcome_on):
    with refused_by("admission_outcome_date_and_kind_together"):
        AdmissionCaseFactory(outcome=outcome, outcome_on=outcome_on)


def test_admission_case_with_outcome_and_date_is_stored():
    case = AdmissionCaseFactory(outcome=Outcome.TRANSFERRED, outcome_on=DAY)

    assert case.outcome_on == DAY


@covers("admission_step_once_per_case")
def test_a_step_recorded_twice_in_a_case_is_refused():
    step = AdmissionStepFactory(stage=Stage.APPLICATION)

    with refused_by("admission_step_once_per_case"):
        AdmissionStepFactory(case=step.case, stage=Stage.APPLICATION)


def test_one_step_in_two_cases_is_stored():
    AdmissionStepFactory(stage=Stage.APPLICATION)
    AdmissionStepFactory(stage=Stage.APPLICATION)

    assert AdmissionStepFactory._meta.model.objects.filter(stage=Stage.APPLICATION).count() == 2


@covers("admission_vote_step_has_votes")
@pytest.mark.parametrize(
    "stage", [Stage.CELL_VOTE, Stage.COMMITTEE_RESOLUTION, Stage.RECOGNITION_VOTE]
)
@pytest.mark.parametrize(
    "votes", [{}, {"eligible_voters": 9}, {"votes_for": 6}], ids=["none", "no-votes", "no-voters"]
)
def test_vote_step_without_voters_or_votes_for_is_refused(stage, votes):
    with refused_by("admission_vote_step_has_votes"):
        AdmissionStepFactory(stage=stage, **votes)


def test_step_without_a_vote_is_stored_without_votes():
    step = AdmissionStepFactory(stage=Stage.VERIFICATION)

    assert step.eligible_voters is None


@covers("admission_votes_within_voters")
@pytest.mark.parametrize(
    "votes",
    [{"votes_for": 10}, {"votes_for": 7, "votes_against": 3}],
    ids=["for-above-voters", "for-and-against-above-voters"],
)
def test_more_votes_than_voters_is_refused(votes):
    with refused_by("admission_votes_within_voters"):
        AdmissionStepFactory(stage=Stage.CELL_VOTE, eligible_voters=9, **votes)


def test_votes_for_and_against_adding_up_to_the_voters_are_stored():
    step = AdmissionStepFactory(
        stage=Stage.CELL_VOTE, eligible_voters=9, votes_for=6, votes_against=3
    )

    assert step.votes_for + step.votes_against == step.eligible_voters


@covers("service_reserve_is_core")
def test_broad_reserve_record_is_refused():
    with refused_by("service_reserve_is_core"):
        ServiceRecordFactory(
            force=Force.RESERVE, category=ReserveCategory.NCO_SOLDIER_1, is_core=False
        )


@covers("service_only_reserve_unassigned")
def test_militia_record_not_assigned_is_refused():
    with refused_by("service_only_reserve_unassigned"):
        ServiceRecordFactory(unassigned=True)


@covers("command_post_village_for_village_leader_only")
def test_village_militia_leader_without_a_village_is_refused():
    with refused_by("command_post_village_for_village_leader_only"):
        CommandPostFactory(position=Position.VILLAGE_MILITIA_LEADER)


def test_commander_heading_a_village_is_refused():
    with refused_by("command_post_village_for_village_leader_only"):
        CommandPostFactory(village=VillageFactory())


@covers("service_extension_is_a_dated_decision")
def test_extension_without_the_date_of_its_decision_is_refused():
    with refused_by("service_extension_is_a_dated_decision"):
        ServiceRecordFactory(extended_until=DAY)


def test_registered_reservist_not_assigned_is_stored():
    record = ServiceRecordFactory(
        force=Force.RESERVE, category=ReserveCategory.NCO_SOLDIER_1, unassigned=True
    )

    assert ServiceRecord.objects.get(pk=record.pk).unassigned


def test_broad_militia_record_is_stored():
    record = ServiceRecordFactory(is_core=False, end=DAY)

    assert not ServiceRecord.objects.get(pk=record.pk).is_core


@covers("service_standing_is_militia_only")
def test_standing_self_defence_service_is_refused():
    with refused_by("service_standing_is_militia_only"):
        ServiceRecordFactory(force=Force.SELF_DEFENCE, category=DqtvCategory.STANDING)


def test_standing_militia_service_is_stored():
    record = ServiceRecordFactory(force=Force.MILITIA, category=DqtvCategory.STANDING)

    assert ServiceRecord.objects.filter(pk=record.pk).exists()


@covers("party_full_member_on_not_before_ceremony_on")
def test_full_membership_before_the_ceremony_is_refused():
    with refused_by("party_full_member_on_not_before_ceremony_on"):
        PartyRecordFactory(
            admitted_on=LONG_BEFORE,
            ceremony_on=datetime.date(2022, 2, 1),
            full_member_on=datetime.date(2022, 1, 31),
        )
