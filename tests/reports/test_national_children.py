"""The nation's children on real units: 63 provinces before the 2025 reform, 34 after.

The whole country is loaded once per module and deleted at teardown; each test runs in its own
transaction on top of it.
"""

import datetime
import io
import json
from collections.abc import Iterator

import pytest
from django.core.management import call_command

from reports.areas import resolve_area
from units.models import Commune, CommuneLineage, District, Province, ProvinceLineage

MODELS = (CommuneLineage, ProvinceLineage, Commune, District, Province)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("loaded")]


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker) -> Iterator[None]:
    """Load every unit of both eras once for this module."""
    with django_db_blocker.unblock():
        call_command("load_admin_units", stdout=io.StringIO())
        yield
        # Children first: units protect their parents.
        for model in MODELS:
            model.objects.all().delete()


def national_children(date: str) -> list[dict]:
    out = io.StringIO()
    args = ("--area", "VN", "--date", date, "--children", "--format", "json")
    call_command("indicator_report", *args, stdout=out)
    return json.loads(out.getvalue())["children"]


def test_nation_has_34_provinces_on_1_january_2026() -> None:
    children = national_children("2026-01-01")
    assert (len(children), {kid["area"]["level"] for kid in children}) == (34, {"province"})


def test_nation_has_63_provinces_on_1_january_2025() -> None:
    children = national_children("2025-01-01")
    assert (len(children), {kid["area"]["level"] for kid in children}) == (63, {"province"})


def test_code_20_names_different_provinces_before_and_after_the_reform() -> None:
    before = resolve_area("20", datetime.date(2024, 12, 31))
    after = resolve_area("20", datetime.date(2026, 1, 1))
    assert before.pk != after.pk


def test_code_80_names_long_an_before_and_tay_ninh_after() -> None:
    before = resolve_area("80", datetime.date(2024, 12, 31))
    after = resolve_area("80", datetime.date(2026, 1, 1))
    assert ("Long An" in before.name, "Tây Ninh" in after.name) == (True, True)
