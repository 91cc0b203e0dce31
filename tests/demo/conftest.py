"""The demo, built once per module that asks for it, into the test database."""

from io import StringIO

import pytest
from django.core.management import call_command

from demo.builders.store import delete_demo
from units.models import Commune, CommuneLineage, District, Province, ProvinceLineage


@pytest.fixture(scope="module")
def built_demo(django_db_setup, django_db_blocker):
    """Load Lạng Sơn's units and seed the demo; delete them after the module.

    Committed rows outlive the module: clean up even when building fails half-way, or the
    leftovers break every later test that creates a unit with the same code.
    """
    try:
        with django_db_blocker.unblock():
            call_command("load_admin_units", province="20", stdout=StringIO())
            call_command("seed_demo", stdout=StringIO())
        yield
    finally:
        with django_db_blocker.unblock():
            for province in Province.objects.filter(code="20"):
                delete_demo(province)
            for model in (CommuneLineage, ProvinceLineage, Commune, District, Province):
                model.objects.all().delete()
