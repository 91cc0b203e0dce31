"""Villages without a party member living there."""

import datetime

from reports.indicators import Counts
from targets.indicators import Indicator
from tests.members.factories import PersonFactory
from tests.units.factories import VillageFactory

from .conftest import DAY, admit, compute

ONE_DAY = datetime.timedelta(days=1)
WITHOUT = Indicator.VILLAGES_WITHOUT_PARTY_MEMBERS


def resident_of(village):
    return PersonFactory(residence_commune=village.commune, residence_village=village)


def test_villages_without_a_resident_party_member_are_counted(commune, commune_of):
    admit(resident_of(VillageFactory(commune=commune)))
    resident_of(VillageFactory(commune=commune))
    VillageFactory(commune=commune)
    assert compute(WITHOUT, commune_of) == Counts(2, None)


def test_village_whose_only_member_was_struck_off_counts(commune, commune_of):
    village = VillageFactory(commune=commune)
    admit(resident_of(village), datetime.date(2025, 1, 1), exit_on=DAY)
    assert compute(WITHOUT, commune_of) == Counts(1, None)


def test_village_of_a_member_admitted_after_the_date_counts(commune, commune_of):
    admit(resident_of(VillageFactory(commune=commune)), DAY + ONE_DAY)
    assert compute(WITHOUT, commune_of) == Counts(1, None)


def test_villages_no_longer_valid_are_not_counted(commune, commune_of):
    VillageFactory(commune=commune, valid_to=DAY - ONE_DAY)
    assert compute(WITHOUT, commune_of) == Counts(0, None)


def test_province_adds_the_villages_of_its_communes(communes, province_of):
    VillageFactory(commune=communes[0])
    VillageFactory(commune=communes[1])
    admit(resident_of(VillageFactory(commune=communes[2])))
    assert compute(WITHOUT, province_of) == Counts(2, None)
