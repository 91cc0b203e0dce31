"""Database constraints of targets: one area, sane bounds and one deadline."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from targets.models import Bound, Directive, Target
from tests.targets.factories import DirectiveFactory, TargetFactory
from tests.test_constraint_coverage import covers, find_constraint, refused_by
from tests.units.factories import CommuneFactory, DistrictFactory, ProvinceFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2024, 1, 15)


def two_areas(kinds: str) -> dict:
    """Two area levels of one province at once, e.g. `province+commune`."""
    province = ProvinceFactory(valid_from=None, valid_to=None)
    areas = {
        "province": province,
        "district": DistrictFactory(province=province),
        "commune": CommuneFactory(province=province),
    }
    return {kind: areas[kind] for kind in kinds.split("+")}


AREA_PAIRS = pytest.mark.parametrize(
    "kinds", ["province+district", "province+commune", "district+commune"]
)


@covers("directive_one_area_at_most")
@AREA_PAIRS
def test_directive_for_two_area_levels_at_once_is_refused(kinds):
    areas = {"province": None, **two_areas(kinds)}

    with refused_by("directive_one_area_at_most"):
        DirectiveFactory(**areas)


def test_directive_for_the_whole_nation_is_stored():
    directive = DirectiveFactory(province=None)

    assert directive.area is None


@covers("directive_in_force_until_after_from")
def test_directive_ending_before_it_comes_into_force_is_refused():
    with refused_by("directive_in_force_until_after_from"):
        DirectiveFactory(effective_from=DAY, effective_to=DAY - datetime.timedelta(days=1))


def test_directive_in_force_for_a_single_day_is_stored():
    directive = DirectiveFactory(effective_from=DAY, effective_to=DAY)

    assert directive.effective_to == directive.effective_from


@covers("directive_number_unique_per_issuer_and_date")
def test_directive_registered_twice_is_refused():
    directive = DirectiveFactory(number="14-CT/TU")

    with refused_by("directive_number_unique_per_issuer_and_date"):
        DirectiveFactory(number="14-CT/TU", issuer=directive.issuer, issued_on=directive.issued_on)


def test_directives_with_one_number_from_two_issuers_are_stored():
    DirectiveFactory(number="14-CT/TU", issuer="Tỉnh ủy Quảng Trị")
    DirectiveFactory(number="14-CT/TU", issuer="Tỉnh ủy Lạng Sơn")

    assert Directive.objects.filter(number="14-CT/TU").count() == 2


def test_full_clean_reports_a_directive_registered_twice():
    directive = DirectiveFactory(number="14-CT/TU")
    twin = DirectiveFactory.build(
        number="14-CT/TU",
        issuer=directive.issuer,
        issued_on=directive.issued_on,
        province=directive.province,
    )

    with pytest.raises(ValidationError) as error:
        twin.full_clean()

    constraint = find_constraint("directive_number_unique_per_issuer_and_date")
    assert error.value.message_dict[NON_FIELD_ERRORS] == [constraint.get_violation_error_message()]


@covers("target_one_area_at_most")
@AREA_PAIRS
def test_target_for_two_area_levels_at_once_is_refused(kinds):
    with refused_by("target_one_area_at_most"):
        TargetFactory(**two_areas(kinds))


def test_target_for_each_commune_of_a_province_is_stored():
    target = TargetFactory(province=ProvinceFactory(), each_commune=True)

    assert target.each_commune


@covers("target_bounds_match_kind")
@pytest.mark.parametrize(
    ("bound", "lower", "upper"),
    [
        (Bound.AT_LEAST, None, None),
        (Bound.AT_LEAST, "18", "20"),
        (Bound.AT_MOST, None, None),
        (Bound.AT_MOST, "5", "7.5"),
        (Bound.RANGE, "75", "70"),
        (Bound.RANGE, "70", "70"),
        (Bound.RANGE, None, "75"),
        (Bound.RANGE, "70", None),
        (Bound.EXACT, "100", "99"),
        (Bound.EXACT, "100", None),
        (Bound.OVER, None, "30"),
        (Bound.OVER, "30", "40"),
        (Bound.UNDER, "5", None),
        (Bound.UNDER, "5", "7"),
    ],
)
def test_target_bounds_not_fitting_the_kind_are_refused(bound, lower, upper):
    with refused_by("target_bounds_match_kind"):
        TargetFactory(
            bound=bound,
            lower=None if lower is None else Decimal(lower),
            upper=None if upper is None else Decimal(upper),
        )


@pytest.mark.parametrize(
    ("bound", "lower", "upper"),
    [
        (Bound.AT_LEAST, "18", None),
        (Bound.AT_MOST, None, "7.5"),
        (Bound.RANGE, "70", "75"),
        (Bound.EXACT, "100", "100"),
        (Bound.OVER, "30", None),
        (Bound.UNDER, None, "5"),
    ],
)
def test_target_bounds_fitting_the_kind_are_stored(bound, lower, upper):
    target = TargetFactory(
        bound=bound,
        lower=None if lower is None else Decimal(lower),
        upper=None if upper is None else Decimal(upper),
    )

    assert Target.objects.get(pk=target.pk).bound == bound


@covers("target_bounds_not_negative")
@pytest.mark.parametrize(
    ("bound", "lower", "upper"),
    [(Bound.AT_LEAST, "-1", None), (Bound.AT_MOST, None, "-0.5"), (Bound.RANGE, "-2", "-1")],
)
def test_negative_target_bound_is_refused(bound, lower, upper):
    with refused_by("target_bounds_not_negative"):
        TargetFactory(
            bound=bound,
            lower=None if lower is None else Decimal(lower),
            upper=None if upper is None else Decimal(upper),
        )


def test_target_of_zero_is_stored():
    target = TargetFactory(bound=Bound.AT_MOST, lower=None, upper=Decimal(0))

    assert target.upper == 0


@covers("target_one_deadline")
@pytest.mark.parametrize(
    ("deadline_year", "deadline_date"),
    [(None, None), (2015, datetime.date(2015, 12, 31))],
    ids=["none", "both"],
)
def test_target_without_exactly_one_deadline_is_refused(deadline_year, deadline_date):
    with refused_by("target_one_deadline"):
        TargetFactory(deadline_year=deadline_year, deadline_date=deadline_date)


def test_target_with_a_deadline_date_is_stored():
    target = TargetFactory(deadline_year=None, deadline_date=datetime.date(2015, 12, 31))

    assert target.deadline_date.year == 2015


def test_full_clean_reports_bounds_not_fitting_the_kind():
    target = TargetFactory.build(
        directive=DirectiveFactory(), bound=Bound.RANGE, lower=Decimal(75), upper=Decimal(70)
    )

    with pytest.raises(ValidationError) as error:
        target.full_clean()

    expected = find_constraint("target_bounds_match_kind").get_violation_error_message()
    assert error.value.message_dict[NON_FIELD_ERRORS] == [expected]
