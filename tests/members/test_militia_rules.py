"""Ages and terms of militia and self-defence service (Law 48/2019 art. 8), checked on entry."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from members.militia_rules import militia_rule_errors
from members.models import ServiceRecord, Sex
from tests.members.factories import PersonFactory
from units.models import DqtvCategory, Force, ReserveCategory

pytestmark = pytest.mark.django_db
D = datetime.date
START = D(2022, 3, 1)
LAW = "48/2019/QH14, Điều 8"


def record(born: datetime.date, sex: str = Sex.MALE, **fields) -> ServiceRecord:
    """An unsaved core militia record starting on START by default."""
    person = PersonFactory(birth_date=born, sex=sex)
    values = {"force": Force.MILITIA, "category": DqtvCategory.IN_PLACE, "start": START}
    return ServiceRecord(person=person, commune=person.residence_commune, **values | fields)


def refused(rec: ServiceRecord) -> set[str]:
    return set(militia_rule_errors(rec))


def test_a_man_of_18_on_his_first_day_may_serve():
    assert refused(record(D(2004, 3, 1))) == set()


def test_a_man_one_day_short_of_18_is_refused_on_the_start_naming_the_law():
    errors = militia_rule_errors(record(D(2004, 3, 2)))
    assert (set(errors), LAW in errors["start"]) == ({"start"}, True)


def test_a_man_may_serve_until_the_end_of_his_45th_year():
    assert refused(record(D(1976, 3, 2))) == set()


def test_a_man_of_46_is_refused_unless_he_volunteers():
    assert refused(record(D(1976, 3, 1))) == {"start"}


def test_a_man_of_46_who_volunteers_may_serve():
    assert refused(record(D(1976, 3, 1), volunteer=True)) == set()


def test_a_volunteer_of_51_is_refused():
    assert refused(record(D(1971, 3, 1), volunteer=True)) == {"start"}


def test_a_woman_of_41_is_refused_unless_she_volunteers():
    assert refused(record(D(1981, 3, 1), Sex.FEMALE)) == {"start"}


def test_a_woman_of_41_who_volunteers_may_serve():
    assert refused(record(D(1981, 3, 1), Sex.FEMALE, volunteer=True)) == set()


def test_a_term_of_four_years_ends_the_day_before_the_fourth_anniversary():
    assert refused(record(D(1995, 1, 1), end=D(2026, 2, 28))) == set()


def test_a_term_longer_than_four_years_is_refused_on_its_end():
    assert refused(record(D(1995, 1, 1), end=D(2026, 3, 1))) == {"end"}


def test_the_standing_militia_serves_two_years():
    standing = record(D(1995, 1, 1), category=DqtvCategory.STANDING, end=D(2024, 3, 1))
    assert refused(standing) == {"end"}


def test_an_extension_decided_during_the_term_allows_a_later_end():
    extended = record(
        D(1995, 1, 1),
        end=D(2027, 12, 31),
        extended_until=D(2027, 12, 31),
        extension_decided_on=D(2025, 12, 1),
    )
    assert refused(extended) == set()


def test_an_extension_beyond_two_years_is_refused():
    extended = record(
        D(1995, 1, 1), extended_until=D(2028, 3, 1), extension_decided_on=D(2025, 12, 1)
    )
    assert refused(extended) == {"extended_until"}


def test_an_extension_decided_after_the_term_is_refused():
    extended = record(
        D(1995, 1, 1), extended_until=D(2027, 1, 1), extension_decided_on=D(2026, 3, 1)
    )
    assert refused(extended) == {"extension_decided_on"}


def test_records_starting_before_the_law_are_not_checked():
    assert refused(record(D(1960, 1, 1), start=D(2019, 6, 1))) == set()


def test_the_reserve_is_not_checked_by_the_militia_rules():
    reserve = record(D(1960, 1, 1), force=Force.RESERVE, category=ReserveCategory.OFFICER)
    assert refused(reserve) == set()


def test_full_clean_refuses_a_record_breaking_the_rules():
    with pytest.raises(ValidationError) as refusal:
        record(D(2010, 1, 1)).full_clean()
    assert "start" in refusal.value.message_dict
