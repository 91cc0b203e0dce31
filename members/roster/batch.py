"""Validate, resolve and write one batch of parsed rows."""

from .columns import RowError
from .parsing import ParsedRow
from .records import (
    BatchPlan,
    StoredRecords,
    check_personal_columns,
    load_stored,
    plan_party,
    plan_person,
)
from .references import resolve_communes, resolve_units, resolve_villages
from .services import plan_service, stored_clashes
from .state import ImportContext
from .writer import write_plan


def process_batch(rows: list[ParsedRow], ctx: ImportContext) -> None:
    """Check `rows` against the file so far and the database; write them while all is clean."""
    errors = check_personal_columns(rows, ctx)
    rows = _without(rows, errors)
    communes, commune_errors = resolve_communes(rows, ctx)
    errors += commune_errors
    rows = _without(rows, commune_errors)
    units, unit_errors = resolve_units(rows, communes, ctx)
    errors += unit_errors
    stored, person_errors = load_stored(rows, ctx)
    errors += person_errors
    rows = _without(rows, unit_errors + person_errors)
    villages = resolve_villages(rows, communes, ctx)
    plan = BatchPlan()
    for row in rows:
        ids = {
            "commune": communes[row.number].id,
            "village": villages.get(row.number),
            "unit": units.get(row.number),
        }
        errors += _plan_row(row, ids, stored, plan, ctx)
    errors += stored_clashes(rows, stored, ctx)
    ctx.report.add_errors(sorted(errors, key=lambda error: error.row))
    if ctx.writing:
        write_plan(plan, ctx)


def _plan_row(
    row: ParsedRow, ids: dict, stored: StoredRecords, plan: BatchPlan, ctx: ImportContext
) -> list[RowError]:
    """Plan one row; count it as created, updated or unchanged when it is valid."""
    seen = ctx.persons[row.national_id]
    person_changed, party_changed, errors = False, False, []
    if seen.first_row == row.number:
        person_changed = plan_person(row, stored, plan, ids)
        party_changed, errors = plan_party(row, seen.pk, stored, plan)
    outcome, service_errors = plan_service(row, ids, stored, plan, ctx)
    errors += service_errors
    if errors:
        return errors
    if outcome == "unchanged" and (person_changed or party_changed):
        outcome = "updated"
    report = ctx.report
    setattr(report, outcome, getattr(report, outcome) + 1)
    return []


def _without(rows: list[ParsedRow], errors: list[RowError]) -> list[ParsedRow]:
    refused = {error.row for error in errors}
    return [row for row in rows if row.number not in refused] if refused else rows
