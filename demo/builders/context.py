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
    CommuneLineage,
    District,
    ForceUnit,
    MilitaryPartyCell,
    Province,
    ProvinceLineage,
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
class CurrentEra:
    """The current province and communes, and where each legacy unit went on 1 July 2025."""

    province: Province
    communes: list[Commune]
    successor: dict[int, Commune]  # legacy commune -> the one current commune its records join
    villages: dict[int, Village] = field(default_factory=dict)  # legacy village -> its copy
    units: dict[int, ForceUnit] = field(default_factory=dict)  # legacy unit -> its successor

    def predecessors(self, commune: Commune, legacy: list[Commune]) -> list[Commune]:
        """Return the legacy communes whose records join `commune`, its namesake code first."""
        mine = [c for c in legacy if self.successor[c.pk].pk == commune.pk]
        return sorted(mine, key=lambda c: (c.code != commune.code, c.code))


@dataclass
class DemoContext:
    """`day` is "now" for the builder running: the seed date while the legacy history is built,
    the demo date (`until`) after it. Admission steps run up to `until` in both."""

    seed: int
    day: datetime.date
    until: datetime.date
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
    era: CurrentEra | None = None  # None when the demo date is before the reform
    growth: dict[int, float] = field(default_factory=dict)  # commune -> yearly population growth

    @property
    def reformed(self) -> bool:
        """Say whether the demo lives on past 30 June 2025 in the current units."""
        return self.era is not None

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


def _missing(day: datetime.date) -> CommandError:
    return CommandError(
        _(
            "The administrative units of province %(code)s valid on %(date)s are missing. "
            "Run 'python manage.py load_admin_units --province %(code)s' first."
        )
        % {"code": constants.PROVINCE_CODE, "date": day.isoformat()}
    )


def demo_province(day: datetime.date) -> Province:
    """Return legacy Lạng Sơn valid on `day`, or raise CommandError when it is not loaded."""
    province = Province.objects.valid_on(day).filter(code=constants.PROVINCE_CODE).first()
    if province is None or not province.communes.valid_on(day).exists():
        raise _missing(day)
    return province


def current_era(legacy: Province, day: datetime.date) -> CurrentEra:
    """Return the province `legacy` went into, its communes on `day`, and each legacy commune's
    successor: the only one, or for a commune split among several its default successor."""
    link = ProvinceLineage.objects.filter(predecessor=legacy).select_related("successor").first()
    province = link.successor if link else None
    communes = list(province.communes.valid_on(day).order_by("code")) if province else []
    if not communes:
        raise _missing(day)
    links = CommuneLineage.objects.filter(
        predecessor__province=legacy, successor__in=communes
    ).order_by("predecessor_id", "-is_default_successor", "successor__code")
    current = {c.pk: c for c in communes}
    successor = {}
    for commune_link in links:
        successor.setdefault(commune_link.predecessor_id, current[commune_link.successor_id])
    if len(successor) < legacy.communes.count():
        raise _missing(day)
    return CurrentEra(province=province, communes=communes, successor=successor)


def make_context(*, seed: int, day: datetime.date) -> DemoContext:
    """Read the demo province's units and seed the random sources with `seed`.

    Before the reform the demo is built as of `day`; after it, the legacy history is built as of
    the seed date and the current units valid on `day` are read with their lineage.
    """
    legacy_day = constants.SEED_DATE if day > constants.LEGACY_END else day
    province = demo_province(legacy_day)
    era = current_era(province, day) if day > constants.LEGACY_END else None
    faker = Faker("vi_VN")
    faker.seed_instance(seed)
    rng = random.Random(seed)
    communes = list(province.communes.valid_on(legacy_day).order_by("code"))
    districts = {d.code: d for d in District.objects.valid_on(legacy_day).filter(province=province)}
    return DemoContext(
        seed=seed,
        day=legacy_day,
        until=day,
        rng=rng,
        faker=faker,
        calendar=WorkingCalendar(1960, day.year + 2),
        province=province,
        districts=districts,
        communes=communes,
        serials=rng.sample(range(1_000_000), 40_000),
        era=era,
    )
