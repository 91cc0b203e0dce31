"""Small hand-built datasets for the indicator tests: one province, a few communes."""

import datetime

import pytest

from members.models import ExitKind, PartyRecord, Person, ServiceRecord
from reports.areas import Area, commune_area, province_area
from reports.indicators import REGISTRY, Counts, Window, total
from targets.indicators import IndicatorUnit, indicator_spec
from tests.members.factories import PartyRecordFactory, PersonFactory, ServiceRecordFactory
from tests.units.factories import CommuneFactory, ProvinceFactory
from units.models import Commune, DqtvCategory, Force, Province

DAY = datetime.date(2026, 6, 30)
YEAR_START = datetime.date(2026, 1, 1)
LONG_AGO = datetime.date(2020, 1, 1)


def serve(
    commune: Commune,
    *,
    force: str = Force.MILITIA,
    category: str = DqtvCategory.IN_PLACE,
    start: datetime.date = LONG_AGO,
    end: datetime.date | None = None,
    person: Person | None = None,
    **extra,
) -> ServiceRecord:
    """Record core service (unless told otherwise); a new person living in `commune` by default."""
    person = person or PersonFactory(residence_commune=commune)
    return ServiceRecordFactory(
        person=person,
        commune=commune,
        force=force,
        category=category,
        start=start,
        end=end,
        **extra,
    )


def admit(
    person: Person, on: datetime.date = LONG_AGO, *, exit_on: datetime.date | None = None
) -> PartyRecord:
    """Give `person` a party record from `on`, struck off on `exit_on` when given."""
    exit_kind = ExitKind.STRUCK_OFF if exit_on else ""
    return PartyRecordFactory(person=person, admitted_on=on, exit_on=exit_on, exit_kind=exit_kind)


def compute(
    code: str,
    area: Area,
    on: datetime.date = DAY,
    start: datetime.date = YEAR_START,
    end: datetime.date | None = None,
) -> Counts:
    """Return the area's total for indicator `code`."""
    grouped = REGISTRY[code].compute(area, Window(on=on, start=start, end=end or on))
    return total(grouped, counts_only=indicator_spec(code).unit == IndicatorUnit.COUNT)


def compute_children(code: str, area: Area, on: datetime.date = DAY, **window) -> dict:
    """Return the grouped counts of indicator `code`, keyed by child id."""
    start = window.get("start", YEAR_START)
    return dict(REGISTRY[code].compute(area, Window(on=on, start=start, end=window.get("end", on))))


@pytest.fixture
def province(db) -> Province:
    return ProvinceFactory(code="20", name="Tỉnh Lạng Sơn")


@pytest.fixture
def province_of(province):
    return province_area(province)


@pytest.fixture
def communes(province) -> list[Commune]:
    return [CommuneFactory(province=province, code=f"0600{i}") for i in range(1, 4)]


@pytest.fixture
def commune(communes) -> Commune:
    return communes[0]


@pytest.fixture
def commune_of(commune) -> Area:
    return commune_area(commune)
