"""Without the administrative units, seed_demo refuses to run and writes nothing."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from members.models import Person


@pytest.mark.django_db
def test_missing_units_raise_command_error_naming_load_admin_units():
    with pytest.raises(CommandError, match="load_admin_units"):
        call_command("seed_demo", stdout=StringIO())
    assert not Person.objects.exists()
