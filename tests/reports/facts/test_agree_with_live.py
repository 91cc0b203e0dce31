"""The facts give the live computation's numerators and denominators for every indicator that
reads them, every area level and any date: on random histories, and after random edits,
deletions and re-imports. Runs on SQLite and on PostgreSQL (their triggers differ)."""

import datetime
import random

import pytest
from django.db import connection

from members.models import PartyRecord, Person, ServiceRecord
from reports.facts import rebuild
from reports.facts.verify import compare
from tests.members import roster_support
from units.models import Commune

from .history import ONE_DAY, World, build_world, random_day, random_person, random_window

pytestmark = pytest.mark.django_db
SEEDS = range(5)


def differences(rng: random.Random, world: World, windows: int = 6) -> list[str]:
    found = []
    for _ in range(windows):
        window = random_window(rng)
        for area in world.areas:
            found += [str(d) for d in compare(area, window)]
    return found


@pytest.fixture
def world() -> World:
    return build_world()


def history(seed: int, world: World, people: int = 40) -> random.Random:
    rng = random.Random(seed)
    for _ in range(people):
        random_person(rng, world)
    return rng


@pytest.mark.parametrize("seed", SEEDS)
def test_random_histories_agree(world, seed):
    rng = history(seed, world)
    assert differences(rng, world) == []


def edit_services(rng: random.Random, world: World) -> None:
    """Move records to another commune or unit, shorten or reopen them, or delete them."""
    for record in ServiceRecord.objects.order_by("pk"):
        roll = rng.random()
        if roll < 0.15:
            record.delete()
        elif roll < 0.3:
            record.commune = rng.choice(world.communes)
            record.unit = None
            record.save()
        elif roll < 0.45 and record.end is None:
            record.end = random_day(rng, record.start)
            record.end_reason = "moved_away"
            record.save()


def edit_party(rng: random.Random) -> None:
    """Delete party records, or move their admission or exit."""
    for record in PartyRecord.objects.order_by("pk"):
        roll = rng.random()
        if roll < 0.2:
            record.delete()
        elif roll < 0.4 and record.exit_on:
            record.exit_on = max(record.admitted_on + ONE_DAY, record.exit_on - ONE_DAY * 30)
            record.save()


@pytest.mark.parametrize("seed", SEEDS)
def test_agree_after_random_edits_and_deletions(world, seed):
    rng = history(seed, world)
    edit_services(rng, world)
    edit_party(rng)
    move_people(rng, world)
    for person in Person.objects.order_by("?")[:5]:
        person.delete()
    assert differences(rng, world) == []


def move_people(rng: random.Random, world: World) -> None:
    """Move some people to another village, or to none."""
    for person in Person.objects.order_by("pk"):
        if rng.random() < 0.3:
            village = rng.choice([*world.villages, None])
            person.residence_village = village
            person.residence_commune = village.commune if village else person.residence_commune
            person.save()


def test_agree_after_bulk_updates_of_many_rows(world):
    """A queryset update touches many rows in one statement (one trigger call on PostgreSQL)."""
    rng = history(11, world)
    ServiceRecord.objects.filter(end__isnull=True).update(commune=world.communes[-1], unit=None)
    PartyRecord.objects.filter(exit_on__isnull=False).delete()
    Person.objects.filter(pk__in=Person.objects.order_by("pk").values("pk")[:20]).update(
        residence_village=world.villages[0], residence_commune=world.villages[0].commune
    )
    assert differences(rng, world) == []


def test_agree_after_a_commune_changes_its_validity(world):
    rng = history(12, world)
    commune = world.communes[0]
    Commune.objects.filter(pk=commune.pk).update(valid_to=datetime.date(2023, 3, 31))
    assert differences(rng, world) == []


def test_rebuild_finds_what_the_triggers_kept(world):
    """Facts kept by the triggers through every write equal those rebuilt from scratch."""
    history(13, world)
    kept = fact_rows()
    rebuild.rebuild()
    assert fact_rows() == kept


def fact_rows() -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT level, parent, child, force, category, kind, at, people, members, valid, "
            "admitted FROM reports_indicatorfact "
            "WHERE people <> 0 OR members <> 0 OR valid <> 0 OR admitted <> 0"
        )
        return sorted(tuple(str(v) for v in row) for row in cursor.fetchall())


def test_agree_after_roster_import_and_reimport(world):
    """A roster creates people, records and party records in bulk; importing the same file
    again changes nothing; a file with later ends and exits changes the facts accordingly."""
    commune = world.communes[-1]
    rows = [
        roster_support.row(
            commune.code,
            serial,
            service_start=f"2025-0{7 + serial % 3}-1{serial % 10}",
            party_admitted_on="2026-03-03" if serial % 3 == 0 else "",
        )
        for serial in range(1, 25)
    ]
    content = roster_support.csv_bytes(rows)
    rng = random.Random(14)
    for report in (roster_support.run(content), roster_support.run(content)):
        assert not roster_support.messages(report)
    assert differences(rng, world) == []
    ended = [
        {**row, "service_end": "2026-01-31", "service_end_reason": "moved_away"} for row in rows
    ]
    assert not roster_support.messages(roster_support.run(roster_support.csv_bytes(ended)))
    assert differences(rng, world) == []
