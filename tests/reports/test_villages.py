"""Villages without a party member living there: from the counts of the party register."""

import datetime

from reports.indicators import Counts, indicator_value
from targets.indicators import Indicator, IndicatorUnit
from tests.members.factories import PersonFactory
from tests.units.factories import VillageFactory, VillagePartyCountFactory

from .conftest import DAY, admit, compute

ONE_DAY = datetime.timedelta(days=1)
WITHOUT = Indicator.VILLAGES_WITHOUT_PARTY_MEMBERS


def counted(village, members: int, on: datetime.date = DAY - ONE_DAY):
    return VillagePartyCountFactory(village=village, members=members, counted_on=on)


def test_villages_counted_with_no_member_are_counted(commune, commune_of):
    counted(VillageFactory(commune=commune), 0)
    counted(VillageFactory(commune=commune), 0)
    counted(VillageFactory(commune=commune), 4)
    assert compute(WITHOUT, commune_of) == Counts(2, None)


def test_a_village_without_a_count_is_unknown_not_zero(commune, commune_of):
    counted(VillageFactory(commune=commune), 0)
    VillageFactory(commune=commune)
    assert compute(WITHOUT, commune_of) == Counts(1, None, unknown=1)


def test_an_area_with_an_unknown_village_has_no_value():
    assert indicator_value(IndicatorUnit.COUNT, Counts(1, None, unknown=1)) is None


def test_the_latest_count_on_or_before_the_date_decides(commune, commune_of):
    village = VillageFactory(commune=commune)
    counted(village, 0, datetime.date(2024, 1, 1))
    counted(village, 2, datetime.date(2025, 1, 1))
    counted(village, 0, DAY + ONE_DAY)
    assert compute(WITHOUT, commune_of) == Counts(0, None)


def test_a_count_after_the_date_leaves_the_village_unknown(commune, commune_of):
    counted(VillageFactory(commune=commune), 0, DAY + ONE_DAY)
    assert compute(WITHOUT, commune_of) == Counts(0, None, unknown=1)


def test_party_members_in_the_forces_do_not_stand_for_the_register(commune, commune_of):
    village = VillageFactory(commune=commune)
    admit(PersonFactory(residence_commune=commune, residence_village=village))
    counted(village, 0)
    assert compute(WITHOUT, commune_of) == Counts(1, None)


def test_villages_no_longer_valid_are_not_counted(commune, commune_of):
    VillageFactory(commune=commune, valid_to=DAY - ONE_DAY)
    assert compute(WITHOUT, commune_of) == Counts(0, None)


def test_province_adds_the_villages_of_its_communes(communes, province_of):
    counted(VillageFactory(commune=communes[0]), 0)
    counted(VillageFactory(commune=communes[1]), 0)
    counted(VillageFactory(commune=communes[2]), 1)
    VillageFactory(commune=communes[2])
    assert compute(WITHOUT, province_of) == Counts(2, None, unknown=1)
