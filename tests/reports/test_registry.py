"""The registry holds one definition per catalogue code; values come from one function."""

from decimal import Decimal

from django.core.management import call_command

from reports.checks import check_every_indicator_has_a_definition
from reports.indicators import REGISTRY, Counts, indicator_value
from targets.indicators import Indicator, IndicatorUnit


def test_every_indicator_code_has_a_definition():
    assert sorted(REGISTRY) == sorted(Indicator.values)


def test_every_definition_is_filed_under_its_own_code():
    assert all(definition.code == code for code, definition in REGISTRY.items())


def test_system_check_reports_a_code_without_definition(monkeypatch):
    monkeypatch.delitem(REGISTRY, Indicator.VILLAGES_WITHOUT_PARTY_MEMBERS.value)
    errors = check_every_indicator_has_a_definition()
    assert [e.id for e in errors] == ["reports.E001"]


def test_system_check_passes_with_the_full_registry(db):
    call_command("check", "reports")


def test_percentage_is_numerator_over_denominator_rounded_to_two_places():
    assert indicator_value(IndicatorUnit.PERCENT, Counts(1189, 10000)) == Decimal("11.89")


def test_percentage_rounds_half_up():
    assert indicator_value(IndicatorUnit.PERCENT, Counts(1, 8)) == Decimal("12.50")
    assert indicator_value(IndicatorUnit.PERCENT, Counts(1, 800)) == Decimal("0.13")


def test_value_is_none_when_the_denominator_is_zero():
    assert indicator_value(IndicatorUnit.PERCENT, Counts(0, 0)) is None


def test_ratio_is_not_scaled_to_a_percentage():
    assert indicator_value(IndicatorUnit.RATIO, Counts(3, 2)) == Decimal("1.50")


def test_count_value_is_the_numerator():
    assert indicator_value(IndicatorUnit.COUNT, Counts(7, None)) == Decimal("7")
