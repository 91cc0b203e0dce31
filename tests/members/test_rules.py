import datetime

import pytest
from django.core.exceptions import ValidationError

from members.rules import (
    RuleBook,
    add_months,
    add_working_days,
    age_in_months,
    meets_share,
    probation_ends_on,
    rule_set_on,
    working_days_between,
)
from tests.members.factories import AdmissionRuleSetFactory

D = datetime.date
RULES_2021_FROM = D(2021, 7, 30)


def test_rule_set_on_its_first_day_is_the_2021_regulation(db):
    assert "24-QĐ/TW" in rule_set_on(RULES_2021_FROM).source_document


def test_rule_set_on_the_day_before_any_rule_set_is_refused(db):
    with pytest.raises(ValidationError) as refused:
        rule_set_on(RULES_2021_FROM - datetime.timedelta(days=1))
    assert refused.value.code == "no_rule_set"


def test_rule_set_on_a_later_day_is_the_latest_in_force(db):
    later = AdmissionRuleSetFactory(effective_from=D(2025, 7, 1))
    assert rule_set_on(D(2025, 7, 1)) == later


def test_rule_set_on_the_day_before_a_new_set_is_the_old_one(db):
    AdmissionRuleSetFactory(effective_from=D(2025, 7, 1))
    assert rule_set_on(D(2025, 6, 30)).effective_from == RULES_2021_FROM


def test_add_working_days_does_not_count_the_start_day():
    assert add_working_days(D(2024, 3, 18), 1) == D(2024, 3, 19)


def test_add_working_days_skips_the_weekend():
    assert add_working_days(D(2024, 3, 22), 1) == D(2024, 3, 25)


def test_add_working_days_from_a_sunday_counts_monday_as_day_one():
    assert add_working_days(D(2024, 3, 17), 1) == D(2024, 3, 18)


def test_add_zero_working_days_is_the_start_day():
    assert add_working_days(D(2024, 3, 23), 0) == D(2024, 3, 23)


def test_national_day_shifts_a_working_day_count():
    # Friday 30 August 2024; Monday 2 and Tuesday 3 September are National Day holidays.
    assert add_working_days(D(2024, 8, 30), 1) == D(2024, 9, 4)


def test_tet_shifts_a_working_day_count():
    # Friday 24 January 2025; Tết runs from Monday 27 January to Saturday 1 February.
    assert add_working_days(D(2025, 1, 24), 1) == D(2025, 2, 3)


def test_sixty_working_days_after_a_cell_vote_skip_the_april_and_may_holidays():
    # 12 weeks would end on 10 June; 18, 29, 30 April and 1 May 2024 push it four days.
    assert add_working_days(D(2024, 3, 18), 60) == D(2024, 6, 14)


def test_working_days_between_inverts_add_working_days():
    assert working_days_between(D(2024, 8, 26), add_working_days(D(2024, 8, 26), 30)) == 30


def test_working_days_between_a_day_and_itself_is_zero():
    assert working_days_between(D(2024, 9, 2), D(2024, 9, 2)) == 0


def test_working_days_between_over_a_holiday_counts_only_working_days():
    assert working_days_between(D(2024, 8, 30), D(2024, 9, 4)) == 1


def test_working_days_between_backwards_is_negative():
    assert working_days_between(D(2024, 3, 19), D(2024, 3, 18)) == -1


def test_add_months_keeps_the_day_of_month():
    assert add_months(D(2024, 5, 6), 12) == D(2025, 5, 6)


def test_add_months_to_a_longer_month_end_gives_the_last_day():
    assert add_months(D(2024, 1, 31), 1) == D(2024, 2, 29)


def test_age_on_the_eighteenth_birthday_is_216_months():
    assert age_in_months(D(2006, 3, 18), D(2024, 3, 18)) == 216


def test_age_the_day_before_the_eighteenth_birthday_is_215_months():
    assert age_in_months(D(2006, 3, 18), D(2024, 3, 17)) == 215


def test_age_of_someone_born_on_29_february_is_full_on_28_february():
    assert age_in_months(D(2008, 2, 29), D(2026, 2, 28)) == 216


def test_age_stays_at_60_years_0_months_until_the_next_month_day():
    assert age_in_months(D(1964, 2, 19), D(2024, 3, 18)) == 720


def test_two_thirds_of_nine_is_met_by_six_votes():
    assert meets_share(votes_for=6, voters=9, numerator=2, denominator=3)


def test_two_thirds_of_nine_is_not_met_by_five_votes():
    assert not meets_share(votes_for=5, voters=9, numerator=2, denominator=3)


def test_probation_ends_twelve_months_after_the_ceremony(db):
    assert probation_ends_on(D(2024, 5, 6)) == D(2025, 5, 6)


def test_probation_length_is_the_one_in_force_on_the_ceremony_date(db):
    AdmissionRuleSetFactory(effective_from=D(2024, 6, 1), probation_months=18)
    assert probation_ends_on(D(2024, 5, 31)) == D(2025, 5, 31)


def test_rule_book_finds_the_rule_set_in_force_like_the_query(db):
    later = AdmissionRuleSetFactory(effective_from=datetime.date(2030, 1, 1))
    book = RuleBook()
    days = (datetime.date(2022, 5, 1), datetime.date(2029, 12, 31), later.effective_from)
    assert [book.on(day).pk for day in days] == [rule_set_on(day).pk for day in days]


def test_rule_book_refuses_a_day_before_any_rule_set(db):
    with pytest.raises(ValidationError) as refusal:
        RuleBook().on(datetime.date(2000, 1, 1))
    assert refusal.value.code == "no_rule_set"
