"""Write a batch's plan in bulk, with one historical row per change (django-simple-history).

Updates go before inserts: a row may shorten a stored record to make room for a new one, and
the database refuses the overlap (or a second open party record) in the other order.
"""

from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from members.models import PartyRecord, Person, ServiceRecord

from .records import PARTY_FIELDS, PERSON_FIELDS, SERVICE_FIELDS, BatchPlan
from .state import ImportContext

CHANGE_REASON = "roster import"
BATCH_SIZE = 1000


def write_plan(plan: BatchPlan, ctx: ImportContext) -> None:
    """Write `plan`, counting what was written; the caller's transaction makes it all or nothing."""
    history = {"default_user": ctx.actor, "default_change_reason": CHANGE_REASON}
    _update(plan.changed_persons, Person, list(PERSON_FIELDS), history)
    _create(list(plan.new_persons.values()), Person, history)
    for national_id, person in plan.new_persons.items():
        ctx.persons[national_id].pk = person.pk
    _attach_people(plan.new_services + plan.new_party, ctx)
    _update(plan.changed_services, ServiceRecord, _columns(SERVICE_FIELDS), history)
    _create(plan.new_services, ServiceRecord, history)
    _update(plan.changed_party, PartyRecord, list(PARTY_FIELDS), history)
    _create(plan.new_party, PartyRecord, history)
    report = ctx.report
    report.persons_created += len(plan.new_persons)
    report.persons_updated += len(plan.changed_persons)
    report.services_created += len(plan.new_services)
    report.services_updated += len(plan.changed_services)
    report.party_created += len(plan.new_party)
    report.party_updated += len(plan.changed_party)


def _create(objs: list, model: type, history: dict) -> None:
    if objs:
        bulk_create_with_history(objs, model, batch_size=BATCH_SIZE, **history)


def _update(objs: list, model: type, fields: list[str], history: dict) -> None:
    if objs:
        bulk_update_with_history(objs, model, fields, batch_size=BATCH_SIZE, **history)


def _attach_people(records: list, ctx: ImportContext) -> None:
    for record in records:
        record.person_id = ctx.persons[record.national_id].pk


def _columns(fields: tuple[str, ...]) -> list[str]:
    """bulk_update names foreign keys by field name, not by column."""
    return [name.removesuffix("_id") for name in fields]
