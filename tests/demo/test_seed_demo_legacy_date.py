"""A demo date before 1 July 2025 builds legacy Lạng Sơn alone, as of that date.

The demo is built once per module (--date 2024-12-31) into the test database, then deleted.
"""

import datetime

import pytest
from django.db.models import Q

from accounts.models import User
from members.models import PartyRecord, Person, ServiceRecord
from units.models import Commune, CommuneCommand

DAY = datetime.date(2024, 12, 31)
FIRST_DAY = datetime.date(2025, 7, 1)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("built_legacy_demo")]


def test_the_demo_cadre_belongs_to_legacy_tan_thanh():
    assert User.objects.get(username="demo_xa").commune.code == "06442"


def test_nobody_lives_or_serves_in_a_current_commune():
    current = Commune.objects.filter(province__code="20", valid_from=FIRST_DAY)
    people = Person.objects.filter(
        Q(residence_commune__in=current) | Q(services__commune__in=current)
    )
    assert current.exists() and not people.exists()


def test_no_current_commune_has_a_military_command():
    assert not CommuneCommand.objects.filter(commune__valid_from=FIRST_DAY).exists()


def test_the_militia_party_share_on_the_demo_date_is_11_89_percent():
    militia = ServiceRecord.objects.filter(force="militia", is_core=True, start__lte=DAY).filter(
        Q(end__isnull=True) | Q(end__gte=DAY)
    )
    members = PartyRecord.objects.filter(admitted_on__lte=DAY).filter(
        Q(exit_on__isnull=True) | Q(exit_on__gt=DAY)
    )
    party = militia.filter(person__in=members.values("person")).count()
    assert round(100 * party / militia.count(), 2) == 11.89
