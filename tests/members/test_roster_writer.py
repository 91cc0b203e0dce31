"""Roster writer: the audit trail of created and changed rows, and the database's last word.

These run on whichever database DATABASE_URL names: SQLite takes the ORM path, PostgreSQL the
COPY path (members.roster.pgcopy); both must leave the same rows and history behind.
"""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from members.models import PartyRecord, Person, ServiceRecord
from members.roster.records import NEW_SERVICE_COLUMNS, BatchPlan
from members.roster.state import ImportContext, ImportReport, PersonSeen
from members.roster.writer import insert_rows, write_plan
from tests.members import roster_support
from tests.members.factories import PersonFactory, ServiceRecordFactory
from tests.members.roster_support import csv_bytes, national_id, row, run

pytestmark = pytest.mark.django_db

cadre = roster_support.cadre
commune = roster_support.commune
province = roster_support.province

PARTY = {"party_admitted_on": "2025-09-01"}


def history_users(model: type) -> set[tuple[str, str | None]]:
    return {
        (record.history_type, record.history_user.username if record.history_user else None)
        for record in model.history.all()
    }


def test_created_rows_have_creation_history_by_the_importing_user(commune, cadre):
    run(csv_bytes([row("06001", **PARTY)]), actor=cadre)
    assert [history_users(m) for m in (Person, ServiceRecord, PartyRecord)] == [
        {("+", "cadre")}
    ] * 3


def test_updated_rows_have_change_history_by_the_importing_user(commune, cadre):
    run(csv_bytes([row("06001", **PARTY)]), actor=cadre)
    changed = {"full_name": "Nguyễn Văn Mới", "service_end": "2026-06-30"}
    run(csv_bytes([row("06001", **PARTY, party_full_on="2026-09-01", **changed)]), actor=cadre)
    assert [history_users(m) for m in (Person, ServiceRecord, PartyRecord)] == [
        {("+", "cadre"), ("~", "cadre")}
    ] * 3


def test_history_row_holds_the_values_written(commune, cadre):
    run(csv_bytes([row("06001", service_end="2026-06-30")]), actor=cadre)
    stored = ServiceRecord.objects.get()
    historical = ServiceRecord.history.get()
    fields = ("id", "person_id", "force", "category", "commune_id", "village_id", "start", "end")
    assert [getattr(historical, name) for name in fields] == [
        getattr(stored, name) for name in fields
    ]


def test_history_date_is_the_time_of_the_import(commune, cadre):
    before = timezone.now()
    run(csv_bytes([row("06001")]), actor=cadre)
    assert before <= Person.history.get().history_date <= timezone.now()


def test_created_person_gets_the_model_defaults(commune, cadre):
    run(csv_bytes([row("06001")]), actor=cadre)
    person = Person.objects.get()
    assert (person.religion, person.general_education, person.military_training) == (
        "",
        "",
        "none",
    )


def test_text_with_tab_and_backslash_is_stored_as_written(commune, cadre):
    name = "Nguyễn Văn\\A\tB"
    run(csv_bytes([row("06001", full_name=name)]), actor=cadre)
    assert Person.objects.get().full_name == name


def _context(actor) -> ImportContext:
    return ImportContext(scope=None, actor=actor, report=ImportReport(dry_run=False))


def test_write_overlapping_a_stored_record_is_refused_by_the_database(commune, cadre):
    person = PersonFactory(national_id=national_id(1), residence_commune=commune)
    ServiceRecordFactory(person=person, commune=commune, start=datetime.date(2025, 7, 1))
    overlapping = (person.pk, "militia", datetime.date(2025, 8, 1), True, "in_place")
    overlapping += (commune.pk, None, None, None)
    with pytest.raises(IntegrityError), transaction.atomic():
        insert_rows(ServiceRecord, NEW_SERVICE_COLUMNS, [overlapping], _context(cadre))


def test_overlap_refused_by_the_database_undoes_the_whole_batch(commune, cadre):
    stored = PersonFactory(national_id=national_id(1), residence_commune=commune)
    ServiceRecordFactory(person=stored, commune=commune, start=datetime.date(2025, 7, 1))
    ctx = _context(cadre)
    ctx.persons[national_id(1)] = PersonSeen(2, (), pk=stored.pk)
    ctx.persons[national_id(2)] = PersonSeen(3, ())
    plan = BatchPlan()
    birth = datetime.date(1995, 5, 17)
    plan.new_persons[national_id(2)] = (
        national_id(2),
        "B",
        birth,
        "male",
        "Kinh",
        commune.pk,
        None,
    )
    start = datetime.date(2025, 8, 1)
    plan.new_services.append(
        (national_id(1), "militia", start, True, "in_place", commune.pk, None, None, None)
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        write_plan(plan, ctx)
    assert (Person.objects.count(), Person.history.filter(history_user=cadre).count()) == (1, 0)
