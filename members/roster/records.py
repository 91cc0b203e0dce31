"""Match a batch's rows to stored people, service records and party records.

People are matched by national ID, service records by (person, force, start), party records
by (person, admission decision date). Stored rows come in one query per kind and batch.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from members.models import PartyRecord, Person, ServiceRecord
from members.services.people import national_id_taken_message

from . import columns as c
from .columns import RowError
from .parsing import ParsedRow
from .state import ImportContext, PersonSeen

PERSON_FIELDS = ("full_name", "birth_date", "sex", "ethnicity")
SERVICE_FIELDS = ("category", "commune_id", "village_id", "unit_id", "end")
PARTY_FIELDS = ("full_member_on", "exit_on", "exit_kind")
# Columns of the rows a plan creates. The first one of a service or party row is the person's
# national ID: the writer swaps in the person's id once new people have theirs.
NEW_PERSON_COLUMNS = (
    "national_id",
    *PERSON_FIELDS,
    "residence_commune_id",
    "residence_village_id",
)
NEW_SERVICE_COLUMNS = ("person_id", "force", "start", "is_core", *SERVICE_FIELDS)
NEW_PARTY_COLUMNS = ("person_id", "admitted_on", *PARTY_FIELDS)

# Field name → new value, for the stored rows a batch changes.
Changes = dict[int, dict[str, object]]


class StoredPerson(NamedTuple):
    pk: int
    full_name: str
    birth_date: datetime.date
    sex: str
    ethnicity: str


class StoredService(NamedTuple):
    pk: int
    force: str
    start: datetime.date
    is_core: bool
    category: str
    commune_id: int
    village_id: int | None
    unit_id: int | None
    end: datetime.date | None
    province_pk: int


class StoredParty(NamedTuple):
    pk: int
    admitted_on: datetime.date
    ceremony_on: datetime.date | None
    full_member_on: datetime.date | None
    exit_on: datetime.date | None
    exit_kind: str


@dataclass
class BatchPlan:
    """The writes one batch needs, as plain tuples: model objects only for what changes."""

    new_persons: dict[str, tuple] = field(default_factory=dict)
    changed_persons: Changes = field(default_factory=dict)
    new_services: list[tuple] = field(default_factory=list)
    changed_services: Changes = field(default_factory=dict)
    new_party: list[tuple] = field(default_factory=list)
    changed_party: Changes = field(default_factory=dict)


@dataclass
class StoredRecords:
    """The stored people of a batch and their service and party records, as tuples."""

    persons: dict[str, StoredPerson]
    services: dict[int, list[StoredService]]
    party: dict[int, list[StoredParty]]


def check_personal_columns(rows: list[ParsedRow], ctx: ImportContext) -> list[RowError]:
    """Refuse rows whose personal or party columns contradict an earlier row of the person."""
    errors = []
    for row in rows:
        seen = ctx.persons.get(row.national_id)
        if seen is None:
            ctx.persons[row.national_id] = PersonSeen(row.number, row.personal())
            continue
        for column, mine, theirs in zip(
            c.PERSONAL_COLUMNS, row.personal(), seen.personal, strict=True
        ):
            if mine != theirs:
                shown = ctx.words.display(column, theirs)
                errors.append(_disagreement(row.number, column, shown, seen.first_row))
                break
    return errors


def _disagreement(number: int, column: str, theirs: str, first_row: int) -> RowError:
    return RowError(
        number,
        column,
        _("Row %(row)s gives this person %(value)s here; every row of a person must agree.")
        % {"row": first_row, "value": theirs or _("nothing")},
    )


def load_stored(rows: list[ParsedRow], ctx: ImportContext) -> tuple[StoredRecords, list[RowError]]:
    """Load the batch's stored people and their records; refuse people outside the area."""
    first_seen = {row.national_id for row in rows if ctx.persons[row.national_id].pk is None}
    person_rows = Person.objects.filter(national_id__in=first_seen).values_list(
        "national_id", *StoredPerson._fields
    )
    persons = {values[0]: StoredPerson._make(values[1:]) for values in person_rows}
    errors = _refuse_hidden_persons(rows, persons, ctx)
    for national_id, person in persons.items():
        ctx.persons[national_id].pk = person.pk
    pks = {ctx.persons[row.national_id].pk for row in rows} - {None}
    return StoredRecords(persons, _stored_services(pks), _stored_party(pks)), errors


def _stored_services(pks: set[int]) -> dict[int, list[StoredService]]:
    services = defaultdict(list)
    fields = [*StoredService._fields[:-1], "commune__province_id"]
    for values in ServiceRecord.objects.filter(person_id__in=pks).values_list("person_id", *fields):
        services[values[0]].append(StoredService._make(values[1:]))
    return services


def _stored_party(pks: set[int]) -> dict[int, list[StoredParty]]:
    party = defaultdict(list)
    rows = PartyRecord.objects.filter(person_id__in=pks).values_list(
        "person_id", *StoredParty._fields
    )
    for values in rows:
        party[values[0]].append(StoredParty._make(values[1:]))
    return party


def _refuse_hidden_persons(
    rows: list[ParsedRow], persons: dict[str, StoredPerson], ctx: ImportContext
) -> list[RowError]:
    """Refuse to touch a stored person neither living nor serving in the actor's area."""
    if ctx.scope.everything or not persons:
        return []
    visible = set(
        Person.objects.within(ctx.scope)
        .filter(pk__in=[p.pk for p in persons.values()])
        .values_list("pk", flat=True)
    )
    hidden = {nid for nid, person in persons.items() if person.pk not in visible}
    for national_id in hidden:
        del persons[national_id]
    # The same words as for a person registered in the area: never say where the holder is.
    message = national_id_taken_message()
    return [
        RowError(row.number, c.NATIONAL_ID, message) for row in rows if row.national_id in hidden
    ]


def plan_person(row: ParsedRow, stored: StoredRecords, plan: BatchPlan, ids: dict) -> bool:
    """Plan the person of `row`, first met in this batch; return True if it changes."""
    person = stored.persons.get(row.national_id)
    if person is None:
        plan.new_persons[row.national_id] = (
            row.national_id,
            row.full_name,
            row.birth_date,
            row.sex,
            row.ethnicity or "Kinh",
            ids["commune"],
            ids["village"],
        )
        return True
    # A blank ethnicity keeps what is stored.
    values = (row.full_name, row.birth_date, row.sex, row.ethnicity or person.ethnicity)
    return compare(person, PERSON_FIELDS, values, plan.changed_persons)


def compare(stored: tuple, names: tuple[str, ...], values: tuple, changes: Changes) -> bool:
    """Note the values of `stored` (a Stored* tuple) that differ; return True if any does."""
    changed = {
        name: value
        for name, value in zip(names, values, strict=True)
        if getattr(stored, name) != value
    }
    if changed:
        changes[stored.pk] = changed
    return bool(changed)


def plan_party(
    row: ParsedRow, person_pk: int | None, stored: StoredRecords, plan: BatchPlan
) -> tuple[bool, list[RowError]]:
    """Plan the person's party record named by party_admitted_on; return (changes, errors)."""
    if row.party_admitted_on is None:
        return False, []
    records = stored.party.get(person_pk, []) if person_pk else []
    values = (row.party_full_on, row.party_exit_on, row.party_exit_kind)
    match = next((r for r in records if r.admitted_on == row.party_admitted_on), None)
    if match is not None:
        if match.ceremony_on and row.party_full_on and row.party_full_on < match.ceremony_on:
            return False, [_party_error(row, c.PARTY_FULL_ON, _full_before_ceremony(match))]
        return compare(match, PARTY_FIELDS, values, plan.changed_party), []
    open_record = next((r for r in records if r.exit_on is None), None)
    if open_record and row.party_exit_on is None:
        message = _("This person already has an open party record, admitted on %(day)s.") % {
            "day": date_format(open_record.admitted_on, "SHORT_DATE_FORMAT")
        }
        return False, [_party_error(row, c.PARTY_ADMITTED_ON, message)]
    plan.new_party.append((row.national_id, row.party_admitted_on, *values))
    return True, []


def _full_before_ceremony(record: StoredParty) -> str:
    return _("The stored admission ceremony (%(day)s) is after this date.") % {
        "day": date_format(record.ceremony_on, "SHORT_DATE_FORMAT")
    }


def _party_error(row: ParsedRow, column: str, message: str) -> RowError:
    return RowError(row.number, column, message)


def hidden_service(record: StoredService, ctx: ImportContext) -> bool:
    """Tell whether a stored service record lies outside the actor's area."""
    return not ctx.scope.contains_commune(record.commune_id, record.province_pk)
