"""bench.generate_national_dataset: a tiny run over one province keeps constraints and shares.

On SQLite the rows go in through plain inserts (COPY is PostgreSQL's); the checks are the same.
The dataset is built once per module (committed, deleted at teardown); each test reads it.
"""

import datetime
import random
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Exists, F, OuterRef, Q
from django.test.utils import override_settings

from bench.generate_national_dataset import main as generate_national_dataset
from bench.national.people import PeopleMaker
from bench.national.scope import load_scope
from members.models import CommandPost, PartyRecord, Person, ServiceRecord
from reports.areas import resolve_area
from reports.report import build_report, default_window
from units.models import (
    REFORM_DATE,
    CellCommitteePeriod,
    CellRating,
    Commune,
    CommuneCommand,
    CommuneLineage,
    CommunePopulation,
    District,
    MilitaryPartyCell,
    Province,
    ProvinceLineage,
    Village,
)

PEOPLE = 2000
DQTV = ("militia", "self_defence")
GENERATED = (
    ServiceRecord,
    PartyRecord,
    CommandPost,
    CellRating,
    CellCommitteePeriod,
    MilitaryPartyCell,
    CommunePopulation,
    CommuneCommand,
    Person,
    Village,
)
UNITS = (CommuneLineage, ProvinceLineage, Commune, District, Province)


def test_without_units_the_command_names_load_admin_units(db):
    # Runs before the module's dataset is built: no unit is loaded yet.
    with pytest.raises(SystemExit, match="load_admin_units"):
        generate_national_dataset(["--people", "10"])


@pytest.fixture(scope="module")
def dataset(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_admin_units", province="20", stdout=StringIO())
        generate_national_dataset(["--people", str(PEOPLE), "--seed", "3"])
    yield
    with django_db_blocker.unblock(), override_settings(SIMPLE_HISTORY_ENABLED=False):
        for model in GENERATED + UNITS:
            model.objects.all().delete()


@pytest.fixture
def force_people(dataset, db):
    return Person.objects.filter(services__isnull=False).distinct()


def test_people_split_three_to_five_between_dqtv_and_reserve(force_people):
    dqtv = force_people.filter(services__force__in=DQTV).distinct().count()
    assert force_people.count() == PEOPLE
    assert 0.32 < dqtv / PEOPLE < 0.43


def test_about_twelve_percent_of_the_forces_are_party_members(force_people):
    members = force_people.filter(party_records__isnull=False).distinct().count()
    assert 0.09 < members / PEOPLE < 0.15


def test_core_records_of_a_person_never_overlap(dataset, db):
    other = ServiceRecord.objects.filter(
        person=OuterRef("person"), is_core=True, start__lte=OuterRef("end")
    ).exclude(pk=OuterRef("pk"))
    overlapping = ServiceRecord.objects.filter(is_core=True, end__isnull=False).filter(
        Exists(other.filter(Q(end__isnull=True) | Q(end__gte=OuterRef("start"))))
    )
    assert not overlapping.exists()


def test_national_ids_are_twelve_digits_and_unique(dataset, db):
    ids = list(Person.objects.values_list("national_id", flat=True))
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"[0-9]{12}", national_id) for national_id in ids)


def test_every_year_since_2011_has_admissions_inside_a_service_record(dataset, db):
    inside = ServiceRecord.objects.filter(
        person=OuterRef("person"), is_core=True, start__lte=OuterRef("admitted_on")
    ).filter(Q(end__isnull=True) | Q(end__gte=OuterRef("admitted_on")))
    admissions = PartyRecord.objects.filter(Exists(inside))
    years = set(admissions.values_list("admitted_on__year", flat=True))
    assert set(range(2011, 2026)) <= years


def test_service_before_the_reform_is_in_legacy_communes(dataset, db):
    before = ServiceRecord.objects.filter(start__lt=REFORM_DATE)
    assert before.exists()
    assert not before.filter(Q(end__isnull=True) | Q(end__gte=REFORM_DATE)).exists()
    assert not before.exclude(commune__valid_to__lt=REFORM_DATE).exists()


def test_service_across_the_reform_goes_on_in_a_successor_commune(dataset, db):
    successor = ServiceRecord.objects.filter(
        person=OuterRef("person"),
        start=REFORM_DATE,
        commune__predecessor_links__predecessor=OuterRef("commune"),
    )
    moved = ServiceRecord.objects.filter(
        end=REFORM_DATE - datetime.timedelta(days=1), end_reason="transferred"
    )
    assert moved.exists()
    assert not moved.exclude(Exists(successor)).exists()


def test_every_stock_indicator_of_the_province_has_data(dataset, db):
    day = datetime.date(2026, 6, 30)
    report = build_report(area=resolve_area("20", day), window=default_window(day), kind="stock")
    assert all(entry["numerator"] > 0 for entry in report["indicators"])


def test_the_same_seed_makes_the_same_people(dataset, db):
    scope = load_scope()
    scope.weigh(random.Random(1))

    def lines() -> list[str]:
        ids = {key: iter(range(1, 10**6)) for key in ("person", "service", "party")}
        chunk = PeopleMaker(random.Random(7), scope, {}, ids).chunk(50)
        return chunk.persons + chunk.services + chunk.parties

    assert lines() == lines()


def test_full_members_never_precede_the_ceremony(dataset, db):
    assert not PartyRecord.objects.filter(full_member_on__lt=F("ceremony_on")).exists()
