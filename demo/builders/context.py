"""What every builder shares: the demo date, the random sources, the area and the rows to write."""

import datetime
import random
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from faker import Faker

from units.models import (
    Commune,
    CommuneCommand,
    District,
    ForceUnit,
    MilitaryPartyCell,
    Province,
    Village,
)

from . import constants
from .calendar import WorkingCalendar


@dataclass
class Rows:
    """Unsaved rows in the order they are written; foreign keys point at unsaved objects."""

    persons: list = field(default_factory=list)
    party_records: list = field(default_factory=list)
    cases: list = field(default_factory=list)
    steps: list = field(default_factory=list)
    introducers: list = field(default_factory=list)  # (case, person)
    services: list = field(default_factory=list)
    posts: list = field(default_factory=list)


@dataclass
class DemoContext:
    seed: int
    day: datetime.date
    rng: random.Random
    faker: Faker
    calendar: WorkingCalendar
    province: Province
    districts: dict[str, District]
    communes: list[Commune]
    villages: dict[int, list[Village]] = field(default_factory=dict)
    memberless_villages: set[int] = field(default_factory=set)
    commands: dict[int, CommuneCommand] = field(default_factory=dict)
    cells: dict[int, MilitaryPartyCell] = field(default_factory=dict)
    units: dict[int, dict[str, list[ForceUnit]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(list))
    )
    reserve_units: list[ForceUnit] = field(default_factory=list)
    cadres: dict[int, dict[str, object]] = field(default_factory=dict)  # commune -> post -> person
    introducers: dict[int, list] = field(default_factory=dict)  # commune -> [(person, record)]
    populations: dict[int, int] = field(default_factory=dict)  # commune -> population on the day
    rows: Rows = field(default_factory=Rows)
    serials: list[int] = field(default_factory=list)
    numbers: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def commune(self, code: str) -> Commune | None:
        """Return the demo commune with this code, if the province has it."""
        return next((c for c in self.communes if c.code == code), None)

    def district_communes(self, code: str) -> list[Commune]:
        """Return the demo communes of the district with this code."""
        district = self.districts.get(code)
        return [c for c in self.communes if district and c.district_id == district.pk]

    def next_number(self, series: str) -> int:
        """Return the next document number of `series` (decisions, resolutions…)."""
        self.numbers[series] += 1
        return self.numbers[series]


def demo_province(day: datetime.date) -> Province:
    """Return legacy Lạng Sơn valid on `day`, or raise CommandError when it is not loaded."""
    province = Province.objects.valid_on(day).filter(code=constants.PROVINCE_CODE).first()
    if province is None or not province.communes.valid_on(day).exists():
        raise CommandError(
            _(
                "The administrative units of province %(code)s valid on %(date)s are missing. "
                "Run 'python manage.py load_admin_units --province %(code)s' first."
            )
            % {"code": constants.PROVINCE_CODE, "date": day.isoformat()}
        )
    return province


def make_context(*, seed: int, day: datetime.date) -> DemoContext:
    """Read the demo province's units valid on `day` and seed the random sources with `seed`."""
    province = demo_province(day)
    faker = Faker("vi_VN")
    faker.seed_instance(seed)
    rng = random.Random(seed)
    communes = list(province.communes.valid_on(day).order_by("code"))
    districts = {d.code: d for d in District.objects.valid_on(day).filter(province=province)}
    return DemoContext(
        seed=seed,
        day=day,
        rng=rng,
        faker=faker,
        calendar=WorkingCalendar(1960, day.year + 2),
        province=province,
        districts=districts,
        communes=communes,
        serials=rng.sample(range(1_000_000), 40_000),
    )
