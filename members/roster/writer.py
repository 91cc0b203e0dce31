"""Write a batch's plan in bulk, with one historical row per change (django-simple-history).

Updates go before inserts: a row may shorten a stored record to make room for a new one, and
the database refuses the overlap (or a second open party record) in the other order.

New rows arrive as tuples. On PostgreSQL they and their historical rows go in with COPY and
INSERT … SELECT (pgcopy): building a model instance per row and per historical row was most
of the import's time. Elsewhere (SQLite, the laptop default) they go through the ORM.
Changed rows are few; they are loaded as model instances and saved through simple-history.
"""

from django.db import connection
from django.db.models import Model
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from members.models import PartyRecord, Person, ServiceRecord

from . import pgcopy
from .records import (
    NEW_PARTY_COLUMNS,
    NEW_PERSON_COLUMNS,
    NEW_SERVICE_COLUMNS,
    BatchPlan,
    Changes,
)
from .state import ImportContext

CHANGE_REASON = "roster import"
BATCH_SIZE = 1000


def write_plan(plan: BatchPlan, ctx: ImportContext) -> None:
    """Write `plan`, counting what was written; the caller's transaction makes it all or nothing."""
    _update(Person, plan.changed_persons, ctx)
    person_ids = insert_rows(Person, NEW_PERSON_COLUMNS, list(plan.new_persons.values()), ctx)
    for national_id, pk in zip(plan.new_persons, person_ids, strict=True):
        ctx.persons[national_id].pk = pk
    _update(ServiceRecord, plan.changed_services, ctx)
    insert_rows(ServiceRecord, NEW_SERVICE_COLUMNS, _with_person_ids(plan.new_services, ctx), ctx)
    _update(PartyRecord, plan.changed_party, ctx)
    insert_rows(PartyRecord, NEW_PARTY_COLUMNS, _with_person_ids(plan.new_party, ctx), ctx)
    report = ctx.report
    report.persons_created += len(plan.new_persons)
    report.persons_updated += len(plan.changed_persons)
    report.services_created += len(plan.new_services)
    report.services_updated += len(plan.changed_services)
    report.party_created += len(plan.new_party)
    report.party_updated += len(plan.changed_party)


def insert_rows(
    model: type[Model], columns: tuple[str, ...], rows: list[tuple], ctx: ImportContext
) -> list[int]:
    """Insert `rows` (values in `columns` order) with their "+" history rows; return the ids."""
    if not rows:
        return []
    user_id = ctx.actor.pk if ctx.actor is not None else None
    if connection.vendor == "postgresql":
        return pgcopy.copy_with_history(model, columns, rows, user_id=user_id, reason=CHANGE_REASON)
    objs = [model(**dict(zip(columns, row, strict=True))) for row in rows]
    bulk_create_with_history(
        objs,
        model,
        batch_size=BATCH_SIZE,
        default_user=ctx.actor,
        default_change_reason=CHANGE_REASON,
    )
    return [obj.pk for obj in objs]


def _update(model: type[Model], changes: Changes, ctx: ImportContext) -> None:
    """Save the changed fields of stored rows, with their "~" history rows."""
    if not changes:
        return
    objs = list(model.objects.filter(pk__in=changes))
    for obj in objs:
        for name, value in changes[obj.pk].items():
            setattr(obj, name, value)
    fields = sorted({name.removesuffix("_id") for values in changes.values() for name in values})
    bulk_update_with_history(
        objs,
        model,
        fields,
        batch_size=BATCH_SIZE,
        default_user=ctx.actor,
        default_change_reason=CHANGE_REASON,
    )


def _with_person_ids(rows: list[tuple], ctx: ImportContext) -> list[tuple]:
    """Swap each row's leading national ID for the id of its person, written by now."""
    persons = ctx.persons
    return [(persons[row[0]].pk, *row[1:]) for row in rows]
