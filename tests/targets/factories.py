import datetime
from decimal import Decimal

import factory

from targets import models
from targets.indicators import Indicator
from tests.units.factories import ProvinceFactory


class DirectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Directive

    number = factory.Sequence(lambda n: f"{n + 1:02d}-CT/TU")
    issuer = "Ban Thường vụ Tỉnh ủy"
    issued_on = datetime.date(2024, 1, 15)
    title = "Về phát triển đảng viên trong lực lượng dân quân tự vệ"
    effective_from = datetime.date(2024, 1, 15)
    province = factory.SubFactory(ProvinceFactory)


class TargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Target

    directive = factory.SubFactory(DirectiveFactory)
    indicator = Indicator.PARTY_SHARE_MILITIA
    bound = models.Bound.AT_LEAST
    lower = Decimal("12.5")
    deadline_year = 2026
