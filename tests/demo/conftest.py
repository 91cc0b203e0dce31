"""The demo, built once per module that asks for it, into the test database."""

from io import StringIO

import pytest
from django.core.management import call_command

from demo.builders.store import delete_demo
from units.models import Commune, CommuneLineage, District, Province, ProvinceLineage


def _build(django_db_blocker, *options: str):
    """Load Lạng Sơn's units (both eras) and seed the demo; delete them afterwards.

    Committed rows outlive the module: clean up even when building fails half-way, or the
    leftovers break every later test that creates a unit with the same code.
    """
    try:
        with django_db_blocker.unblock():
            call_command("load_admin_units", province="20", stdout=StringIO())
            call_command("seed_demo", *options, stdout=StringIO())
        yield
    finally:
        with django_db_blocker.unblock():
            for province in Province.objects.filter(code="20"):
                delete_demo(province)
            for model in (CommuneLineage, ProvinceLineage, Commune, District, Province):
                model.objects.all().delete()


@pytest.fixture(scope="module")
def built_demo(django_db_setup, django_db_blocker):
    """The demo as `make run` builds it: for today, across the 2025 reform."""
    yield from _build(django_db_blocker)


@pytest.fixture(scope="module")
def built_legacy_demo(django_db_setup, django_db_blocker):
    """The demo built for the seed date, 31 December 2024: legacy Lạng Sơn alone."""
    yield from _build(django_db_blocker, "--date", "2024-12-31")
