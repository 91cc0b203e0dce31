"""Which target applies (area, force in time, superseding) and status and gap arithmetic."""

import datetime
from decimal import Decimal

import pytest

from reports.areas import Area, Level, commune_area, district_area, nation, province_area
from reports.indicators import Counts
from reports.targets import Status, TargetBook, deadline, evaluate
from targets.indicators import Indicator, IndicatorUnit
from targets.models import Bound, Target
from tests.targets.factories import DirectiveFactory, TargetFactory
from tests.units.factories import CommuneFactory, DistrictFactory, ProvinceFactory

from .conftest import DAY

MILITIA = Indicator.PARTY_SHARE_MILITIA
PCT, COUNT, RATIO = IndicatorUnit.PERCENT, IndicatorUnit.COUNT, IndicatorUnit.RATIO


def bound(kind: str, lower: str | None = None, upper: str | None = None) -> Target:
    """An unsaved target: the arithmetic needs only its bounds."""
    to_decimal = lambda v: None if v is None else Decimal(v)  # noqa: E731
    return Target(bound=kind, lower=to_decimal(lower), upper=to_decimal(upper))


def found(area: Area, indicator: str = MILITIA, on: datetime.date = DAY) -> Target | None:
    return TargetBook(on).find(area, indicator)


# Status and gap


def test_seed_militia_share_below_its_target_lacks_61_people():
    result = evaluate(bound(Bound.AT_LEAST, "12.5"), PCT, Counts(1189, 10000))
    assert (result.status, result.gap, result.room) == (Status.BELOW, 61, None)


def test_at_least_reached_exactly_is_met_with_no_gap():
    result = evaluate(bound(Bound.AT_LEAST, "12.5"), PCT, Counts(1, 8))
    assert (result.status, result.gap) == (Status.MET, 0)


def test_status_compares_exact_counts_not_the_rounded_value():
    # 1249/9993 = 12.4987… % shows as 12.50 but is below 12.5 %.
    result = evaluate(bound(Bound.AT_LEAST, "12.5"), PCT, Counts(1249, 9993))
    assert (result.status, result.gap) == (Status.BELOW, 1)


def test_gap_rounds_a_fraction_of_a_person_up():
    result = evaluate(bound(Bound.AT_LEAST, "16.5"), PCT, Counts(10, 101))
    assert result.gap == 7  # 16.665 − 10 = 6.665 → 7


@pytest.mark.parametrize(
    ("numerator", "expected"),
    [
        (69, (Status.BELOW, 1, 6)),
        (70, (Status.IN_RANGE, 0, 5)),
        (75, (Status.IN_RANGE, 0, 0)),
        (76, (Status.ABOVE, 0, -1)),
    ],
)
def test_range_70_to_75_percent(numerator, expected):
    result = evaluate(bound(Bound.RANGE, "70", "75"), PCT, Counts(numerator, 100))
    assert (result.status, result.gap, result.room) == expected


# Strict bounds ("over 30 %", "under 5 %")


def test_over_reached_exactly_is_still_below_and_lacks_one_person():
    result = evaluate(bound(Bound.OVER, "30"), PCT, Counts(3, 10))
    assert (result.status, result.gap) == (Status.BELOW, 1)


def test_over_passed_is_met_with_no_gap():
    result = evaluate(bound(Bound.OVER, "30"), PCT, Counts(4, 10))
    assert (result.status, result.gap) == (Status.MET, 0)


def test_over_a_fractional_threshold_needs_the_next_whole_person():
    # 30 % of 11 is 3.3: 4 members pass it, so 2 members lack 2.
    result = evaluate(bound(Bound.OVER, "30"), PCT, Counts(2, 11))
    assert (result.status, result.gap) == (Status.BELOW, 2)


def test_under_reached_exactly_is_above_with_no_room():
    result = evaluate(bound(Bound.UNDER, None, "5"), PCT, Counts(5, 100))
    assert (result.status, result.room) == (Status.ABOVE, -1)


def test_under_leaves_room_until_one_short_of_the_bound():
    result = evaluate(bound(Bound.UNDER, None, "5"), PCT, Counts(3, 100))
    assert (result.status, result.room) == (Status.MET, 1)


def test_at_most_above_the_bound():
    result = evaluate(bound(Bound.AT_MOST, upper="2"), COUNT, Counts(3, None))
    assert (result.status, result.gap, result.room) == (Status.ABOVE, 0, -1)


def test_at_most_within_the_bound_is_met():
    result = evaluate(bound(Bound.AT_MOST, upper="2"), COUNT, Counts(2, None))
    assert result.status == Status.MET


@pytest.mark.parametrize(
    ("numerator", "status"), [(99, Status.BELOW), (100, Status.MET), (101, Status.ABOVE)]
)
def test_exact_count_bound(numerator, status):
    result = evaluate(bound(Bound.EXACT, "100", "100"), COUNT, Counts(numerator, None))
    assert result.status == status


def test_count_target_gap_is_the_missing_count():
    result = evaluate(bound(Bound.AT_LEAST, "20"), COUNT, Counts(13, None))
    assert (result.status, result.gap) == (Status.BELOW, 7)


def test_ratio_target_of_one_to_two_admissions_per_cell():
    result = evaluate(bound(Bound.RANGE, "1", "2"), RATIO, Counts(3, 4))
    assert (result.status, result.gap, result.room) == (Status.BELOW, 1, 5)


def test_no_evaluation_without_a_denominator():
    assert evaluate(bound(Bound.AT_LEAST, "12.5"), PCT, Counts(0, 0)) is None


def test_deadline_given_as_a_year_ends_on_31_december():
    assert deadline(Target(deadline_year=2026)) == datetime.date(2026, 12, 31)


# Which target applies


@pytest.fixture
def setting(province, communes):
    """A province directive in force since 2024 and the province's areas."""
    return DirectiveFactory(province=province, effective_from=datetime.date(2024, 1, 1))


def test_province_target_applies_to_the_province(setting, province_of):
    target = TargetFactory(directive=setting)
    assert found(province_of) == target


def test_province_target_does_not_apply_to_its_communes(setting, commune_of):
    TargetFactory(directive=setting)
    assert found(commune_of) is None


def test_target_of_another_indicator_does_not_apply(setting, province_of):
    TargetFactory(directive=setting, indicator=Indicator.PARTY_SHARE_RESERVE)
    assert found(province_of) is None


def test_each_commune_target_applies_to_every_commune(setting, communes):
    target = TargetFactory(directive=setting, each_commune=True)
    assert [found(commune_area(c)) for c in communes] == [target] * 3


def test_each_commune_target_does_not_apply_to_the_province_itself(setting, province_of):
    TargetFactory(directive=setting, each_commune=True)
    assert found(province_of) is None


def test_commune_target_wins_over_each_commune_target(setting, commune, commune_of):
    TargetFactory(directive=setting, each_commune=True)
    own = TargetFactory(directive=setting, commune=commune, lower=Decimal("20"))
    assert found(commune_of) == own


def test_district_each_commune_target_wins_over_province_one(db):
    district = DistrictFactory()
    commune = CommuneFactory(province=district.province, district=district, valid_from=None)
    on = datetime.date(2024, 6, 1)
    directive = DirectiveFactory(
        province=district.province, effective_from=datetime.date(2024, 1, 1)
    )
    TargetFactory(directive=directive, each_commune=True)
    narrower = TargetFactory(directive=directive, district=district, each_commune=True)
    assert found(commune_area(commune), on=on) == narrower


def test_district_target_applies_to_the_district(db):
    district = DistrictFactory()
    directive = DirectiveFactory(
        province=district.province, effective_from=datetime.date(2024, 1, 1)
    )
    target = TargetFactory(directive=directive, district=district)
    assert found(district_area(district), on=datetime.date(2024, 6, 1)) == target


def test_nation_directive_applies_to_the_nation(db):
    directive = DirectiveFactory(province=None, effective_from=datetime.date(2024, 1, 1))
    target = TargetFactory(directive=directive)
    assert found(nation()) == target


def issued(province, on: datetime.date) -> Target:
    return TargetFactory(
        directive__province=province, directive__issued_on=on, directive__effective_from=on
    )


def test_later_issued_directive_wins(province, province_of):
    # The later one is created first so that insertion order cannot decide.
    later = issued(province, datetime.date(2025, 1, 1))
    issued(province, datetime.date(2023, 1, 1))
    assert found(province_of) == later


def test_superseded_directive_no_longer_applies_even_for_communes(province, commune_of):
    old = DirectiveFactory(province=province, effective_from=datetime.date(2020, 1, 1))
    TargetFactory(directive=old, each_commune=True)
    new = DirectiveFactory(
        province=province, supersedes=old, effective_from=datetime.date(2025, 1, 1)
    )
    TargetFactory(directive=new)
    assert found(commune_of) is None


def test_superseded_directive_applies_before_its_successor_comes_into_force(province, commune_of):
    old = DirectiveFactory(province=province, effective_from=datetime.date(2020, 1, 1))
    target = TargetFactory(directive=old, each_commune=True)
    DirectiveFactory(
        province=province, supersedes=old, effective_from=DAY + datetime.timedelta(days=1)
    )
    assert found(commune_of) == target


def test_directive_not_yet_in_force_does_not_apply(province, province_of):
    TargetFactory(
        directive__province=province, directive__effective_from=DAY + datetime.timedelta(days=1)
    )
    assert found(province_of) is None


def test_directive_in_force_until_the_date_still_applies(province, province_of):
    target = TargetFactory(
        directive__province=province,
        directive__effective_from=datetime.date(2024, 1, 1),
        directive__effective_to=DAY,
    )
    assert found(province_of) == target


def test_directive_expired_the_day_before_does_not_apply(province, province_of):
    TargetFactory(
        directive__province=province,
        directive__effective_from=datetime.date(2024, 1, 1),
        directive__effective_to=DAY - datetime.timedelta(days=1),
    )
    assert found(province_of) is None


def test_legacy_province_directive_does_not_bind_the_province_reusing_its_code(
    province, province_of
):
    legacy = ProvinceFactory(
        code=province.code, valid_from=None, valid_to=datetime.date(2025, 6, 30)
    )
    TargetFactory(directive__province=legacy, directive__effective_from=datetime.date(2013, 1, 15))
    assert found(province_of) is None


def test_area_level_is_part_of_the_match(setting, province):
    TargetFactory(directive=setting)
    commune_with_province_pk = Area(level=Level.COMMUNE, code="x", name="x", pk=province.pk)
    assert found(commune_with_province_pk) is None


def test_of_one_directive_the_nearest_deadline_ahead_applies(db):
    directive = DirectiveFactory(
        province=ProvinceFactory(), effective_from=datetime.date(2011, 1, 1)
    )
    TargetFactory(directive=directive, lower=Decimal("12.5"), deadline_year=2011)
    TargetFactory(directive=directive, lower=Decimal("14"), deadline_year=2015)
    book = TargetBook(datetime.date(2011, 6, 30))
    assert book.find(
        province_area(directive.province), Indicator.PARTY_SHARE_MILITIA
    ).lower == Decimal("12.5")


def test_of_one_directive_the_last_deadline_applies_once_all_have_passed(db):
    directive = DirectiveFactory(
        province=ProvinceFactory(), effective_from=datetime.date(2011, 1, 1)
    )
    TargetFactory(directive=directive, lower=Decimal("14"), deadline_year=2015)
    TargetFactory(directive=directive, lower=Decimal("12.5"), deadline_year=2011)
    book = TargetBook(datetime.date(2020, 6, 30))
    assert book.find(
        province_area(directive.province), Indicator.PARTY_SHARE_MILITIA
    ).lower == Decimal("14")


# A series of dates (a trend) loads its books together


def test_books_of_a_series_hold_what_each_date_holds_alone(province):
    old = DirectiveFactory(
        province=province,
        effective_from=datetime.date(2020, 1, 1),
        effective_to=datetime.date(2026, 12, 31),
    )
    TargetFactory(directive=old, each_commune=True)
    new = DirectiveFactory(
        province=province, supersedes=old, effective_from=datetime.date(2023, 7, 1)
    )
    TargetFactory(directive=new)
    short = TargetFactory(
        directive__province=province,
        directive__effective_from=datetime.date(2021, 3, 1),
        directive__effective_to=datetime.date(2021, 3, 31),
    )
    days = [datetime.date(y, m, 1) for y in range(2019, 2027) for m in (1, 3, 4, 7)]
    days.append(short.directive.effective_to)
    books = TargetBook.for_days(days)
    assert {day: {t.pk for t in books[day].targets} for day in days} == {
        day: {t.pk for t in TargetBook(day).targets} for day in days
    }


def test_books_of_a_series_take_two_queries_whatever_its_length(
    province, django_assert_num_queries
):
    TargetFactory(directive__province=province, directive__effective_from=datetime.date(2020, 1, 1))
    days = [datetime.date(2020, 1, 1) + datetime.timedelta(days=30 * i) for i in range(120)]
    with django_assert_num_queries(2):
        TargetBook.for_days(days)
