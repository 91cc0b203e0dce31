"""Match a batch's rows to stored people, service records and party records.

People are matched by national ID, service records by (person, force, start), party records
by (person, admission decision date). Stored rows come in one query per kind and batch.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import F
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from members.models import PartyRecord, Person, ServiceRecord

from . import columns as c
from .columns import RowError
from .parsing import ParsedRow
from .state import ImportContext, PersonSeen

PERSON_FIELDS = ("full_name", "birth_date", "sex", "ethnicity")
SERVICE_FIELDS = ("category", "commune_id", "village_id", "unit_id", "end")
PARTY_FIELDS = ("full_member_on", "exit_on", "exit_kind")


@dataclass
class BatchPlan:
    """The writes one batch needs, in the order the writer performs them."""

    new_persons: dict[str, Person] = field(default_factory=dict)
    changed_persons: list[Person] = field(default_factory=list)
    new_services: list[ServiceRecord] = field(default_factory=list)
    changed_services: list[ServiceRecord] = field(default_factory=list)
    new_party: list[PartyRecord] = field(default_factory=list)
    changed_party: list[PartyRecord] = field(default_factory=list)


@dataclass
class StoredRecords:
    """The stored people of a batch and their service and party records."""

    persons: dict[str, Person]
    services: dict[int, list[ServiceRecord]]
    party: dict[int, list[PartyRecord]]


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
                errors.append(_disagreement(row.number, column, theirs, seen.first_row))
                break
    return errors


def _disagreement(number: int, column: str, theirs: object, first_row: int) -> RowError:
    return RowError(
        number,
        column,
        _("Row %(row)s gives this person %(value)s here; every row of a person must agree.")
        % {"row": first_row, "value": theirs or _("nothing")},
    )


def load_stored(rows: list[ParsedRow], ctx: ImportContext) -> tuple[StoredRecords, list[RowError]]:
    """Load the batch's stored people and their records; refuse people outside the area."""
    first_seen = {row.national_id for row in rows if ctx.persons[row.national_id].pk is None}
    persons = {p.national_id: p for p in Person.objects.filter(national_id__in=first_seen)}
    errors = _refuse_hidden_persons(rows, persons, ctx)
    for national_id, person in persons.items():
        ctx.persons[national_id].pk = person.pk
    pks = {ctx.persons[row.national_id].pk for row in rows} - {None}
    services, party = defaultdict(list), defaultdict(list)
    stored_services = ServiceRecord.objects.filter(person_id__in=pks).annotate(
        province_pk=F("commune__province_id")
    )
    for record in stored_services:
        services[record.person_id].append(record)
    for record in PartyRecord.objects.filter(person_id__in=pks):
        party[record.person_id].append(record)
    return StoredRecords(persons, services, party), errors


def _refuse_hidden_persons(
    rows: list[ParsedRow], persons: dict[str, Person], ctx: ImportContext
) -> list[RowError]:
    """Refuse to touch a stored person neither living nor serving in the actor's area."""
    if ctx.scope.everything or not persons:
        return []
    visible = set(
        Person.objects.filter(pk__in=[p.pk for p in persons.values()])
        .filter(ctx.scope.q(commune="residence_commune") | ctx.scope.q(commune="services__commune"))
        .values_list("pk", flat=True)
    )
    hidden = {nid for nid, person in persons.items() if person.pk not in visible}
    for national_id in hidden:
        del persons[national_id]
    message = _("A person with this national ID is recorded outside your area.")
    return [
        RowError(row.number, c.NATIONAL_ID, message) for row in rows if row.national_id in hidden
    ]


def plan_person(row: ParsedRow, stored: StoredRecords, plan: BatchPlan, ids: dict) -> bool:
    """Plan the person of `row`, first met in this batch; return True if it changes."""
    person = stored.persons.get(row.national_id)
    values = dict(zip(PERSON_FIELDS, row.personal()[:4], strict=True))
    if person is None:
        plan.new_persons[row.national_id] = Person(
            national_id=row.national_id,
            **{**values, "ethnicity": row.ethnicity or "Kinh"},
            residence_commune_id=ids["commune"],
            residence_village_id=ids["village"],
        )
        return True
    if not row.ethnicity:
        values["ethnicity"] = person.ethnicity  # blank keeps what is stored
    changed = _assign(person, values)
    if changed:
        plan.changed_persons.append(person)
    return changed


def _assign(record: object, values: dict) -> bool:
    changed = False
    for name, value in values.items():
        if getattr(record, name) != value:
            setattr(record, name, value)
            changed = True
    return changed


def plan_party(
    row: ParsedRow, person_pk: int | None, stored: StoredRecords, plan: BatchPlan
) -> tuple[bool, list[RowError]]:
    """Plan the person's party record named by party_admitted_on; return (changes, errors)."""
    if row.party_admitted_on is None:
        return False, []
    records = stored.party.get(person_pk, []) if person_pk else []
    values = dict(
        zip(PARTY_FIELDS, (row.party_full_on, row.party_exit_on, row.party_exit_kind), strict=True)
    )
    match = next((r for r in records if r.admitted_on == row.party_admitted_on), None)
    if match is not None:
        if match.ceremony_on and row.party_full_on and row.party_full_on < match.ceremony_on:
            return False, [_party_error(row, c.PARTY_FULL_ON, _full_before_ceremony(match))]
        changed = _assign(match, values)
        if changed:
            plan.changed_party.append(match)
        return changed, []
    open_record = next((r for r in records if r.exit_on is None), None)
    if open_record and row.party_exit_on is None:
        message = _("This person already has an open party record, admitted on %(day)s.") % {
            "day": date_format(open_record.admitted_on, "SHORT_DATE_FORMAT")
        }
        return False, [_party_error(row, c.PARTY_ADMITTED_ON, message)]
    plan.new_party.append(PartyRecord(admitted_on=row.party_admitted_on, **values))
    plan.new_party[-1].national_id = row.national_id  # the person may not exist yet
    return True, []


def _full_before_ceremony(record: PartyRecord) -> str:
    return _("The stored admission ceremony (%(day)s) is after this date.") % {
        "day": date_format(record.ceremony_on, "SHORT_DATE_FORMAT")
    }


def _party_error(row: ParsedRow, column: str, message: str) -> RowError:
    return RowError(row.number, column, message)


def hidden_service(record: ServiceRecord, ctx: ImportContext) -> bool:
    """Tell whether a stored service record lies outside the actor's area."""
    scope = ctx.scope
    if scope.everything:
        return False
    if scope.commune_ids:
        return record.commune_id not in scope.commune_ids
    return record.province_pk not in scope.province_ids
