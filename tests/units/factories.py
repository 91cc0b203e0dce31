import datetime

import factory

from units import models

LEGACY_END = datetime.date(2025, 6, 30)
CURRENT_START = datetime.date(2025, 7, 1)


class ProvinceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Province

    # 22–62: clear of every code a test fixes by hand ("20", "63", "77", "80"…), or they collide.
    code = factory.Sequence(lambda n: f"{22 + n % 41:02d}")
    name = factory.Sequence(lambda n: f"Tỉnh Thử {n}")
    kind = models.Province.Kind.PROVINCE
    valid_from = CURRENT_START
    valid_to = None


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.District

    province = factory.SubFactory(ProvinceFactory, valid_from=None, valid_to=LEGACY_END)
    code = factory.Sequence(lambda n: f"{n % 1000:03d}")
    name = factory.Sequence(lambda n: f"Huyện Thử {n}")
    kind = models.District.Kind.RURAL_DISTRICT
    valid_from = None
    valid_to = LEGACY_END


class CommuneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Commune

    province = factory.SubFactory(ProvinceFactory)
    district = None
    code = factory.Sequence(lambda n: f"{n % 100000:05d}")
    name = factory.Sequence(lambda n: f"Xã Thử {n}")
    kind = models.Commune.Kind.COMMUNE
    valid_from = factory.SelfAttribute("province.valid_from")
    valid_to = factory.SelfAttribute("province.valid_to")


class VillageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Village

    commune = factory.SubFactory(CommuneFactory)
    name = factory.Sequence(lambda n: f"Thôn {n}")


class VillagePartyCountFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.VillagePartyCount

    village = factory.SubFactory(VillageFactory)
    counted_on = datetime.date(2026, 1, 1)
    members = 3


class CommunePopulationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.CommunePopulation

    commune = factory.SubFactory(CommuneFactory)
    year = 2026
    population = 10_000


class ForceUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ForceUnit

    force = models.Force.MILITIA
    category = models.DqtvCategory.IN_PLACE
    echelon = models.Echelon.PLATOON
    name = factory.Sequence(lambda n: f"Trung đội dân quân {n}")
    commune = factory.SubFactory(CommuneFactory)
    province = factory.SelfAttribute("commune.province")


class CommuneCommandFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.CommuneCommand

    commune = factory.SubFactory(CommuneFactory)


class MilitaryPartyCellFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.MilitaryPartyCell

    commune = factory.SubFactory(CommuneFactory)
    name = factory.LazyAttribute(lambda cell: f"Chi bộ Quân sự {cell.commune.name}")
    established_on = datetime.date(2020, 1, 1)


class SelfDefenceUnitFactory(ForceUnitFactory):
    force = models.Force.SELF_DEFENCE
    category = models.DqtvCategory.MOBILE
    name = factory.Sequence(lambda n: f"Trung đội tự vệ {n}")
    host_organisation = factory.Sequence(lambda n: f"Công ty Thử {n}")


class ReserveUnitFactory(ForceUnitFactory):
    """A reserve mobilisation unit: it belongs to a province, not to a commune."""

    force = models.Force.RESERVE
    category = models.ReserveCategory.NCO_SOLDIER_1
    echelon = models.Echelon.COMPANY
    name = factory.Sequence(lambda n: f"Đại đội dự bị động viên {n}")
    commune = None
    province = factory.SubFactory(ProvinceFactory)


class ProvinceLineageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ProvinceLineage

    predecessor = factory.SubFactory(ProvinceFactory, valid_from=None, valid_to=LEGACY_END)
    successor = factory.SubFactory(ProvinceFactory)
    kind = models.ChangeKind.MERGE
    effective_on = CURRENT_START


class CommuneLineageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.CommuneLineage

    predecessor = factory.SubFactory(CommuneFactory, valid_from=None, valid_to=LEGACY_END)
    successor = factory.SubFactory(CommuneFactory)
    kind = models.ChangeKind.MERGE
    effective_on = CURRENT_START


class CellCommitteePeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.CellCommitteePeriod

    cell = factory.SubFactory(MilitaryPartyCellFactory)
    start = datetime.date(2020, 6, 1)
    end = None


class CellRatingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.CellRating

    cell = factory.SubFactory(MilitaryPartyCellFactory)
    year = 2023
    rating = models.Rating.GOOD
