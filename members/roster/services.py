"""Plan a row's service record: match it, compare it, and refuse overlapping core service.

Overlaps are looked for twice: against the rows of the file read so far (in memory) and
against the stored core records the file does not itself rewrite.
"""

import datetime

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from units.models import Force

from . import columns as c
from .columns import RowError
from .parsing import ParsedRow
from .records import (
    SERVICE_FIELDS,
    BatchPlan,
    StoredRecords,
    StoredService,
    compare,
    hidden_service,
)
from .state import ImportContext, PersonSeen, SeenService


def plan_service(
    row: ParsedRow,
    ids: dict,
    stored: StoredRecords,
    plan: BatchPlan,
    ctx: ImportContext,
) -> tuple[str, list[RowError]]:
    """Plan the row's record; return ("created" | "updated" | "unchanged", errors)."""
    seen = ctx.persons[row.national_id]
    records = stored.services.get(seen.pk, []) if seen.pk else []
    match = next((r for r in records if (r.force, r.start) == (row.force, row.start)), None)
    core = match.is_core if match else True
    errors = _in_file_clash(row, seen, core)
    if match is not None and hidden_service(match, ctx):
        message = _("The stored record is outside your area.")
        errors.append(RowError(row.number, c.COMMUNE_CODE, message))
    seen.services.append((row.force, row.start, row.end, row.number, core))
    if errors:
        return "", errors
    return _plan_values(row, ids, match, plan), []


def _plan_values(row: ParsedRow, ids: dict, match: StoredService | None, plan: BatchPlan) -> str:
    values = (row.category, ids["commune"], ids["village"], ids["unit"], row.end)
    if match is None:
        # The person may not exist yet: the writer swaps the national ID for the person's id.
        plan.new_services.append((row.national_id, row.force, row.start, True, *values))
        return "created"
    if compare(match, SERVICE_FIELDS, values, plan.changed_services):
        return "updated"
    return "unchanged"


def _in_file_clash(row: ParsedRow, seen: PersonSeen, core: bool) -> list[RowError]:
    for force, start, end, number, other_core in seen.services:
        if (force, start) == (row.force, row.start):
            return [
                RowError(
                    row.number,
                    c.SERVICE_START,
                    _("Row %(row)s already has this person's %(force)s service from this date.")
                    % {"row": number, "force": Force(force).label},
                )
            ]
        if core and other_core and _overlaps(row.start, row.end, start, end):
            return [
                RowError(
                    row.number,
                    c.SERVICE_START,
                    _("This core service overlaps the one in row %(row)s; they may not overlap.")
                    % {"row": number},
                )
            ]
    return []


def stored_clashes(
    rows: list[ParsedRow], stored: StoredRecords, ctx: ImportContext
) -> list[RowError]:
    """Refuse rows whose core service overlaps a stored core record the file leaves alone."""
    errors = []
    for row in rows:
        seen = ctx.persons[row.national_id]
        in_file = {(force, start) for force, start, *_rest in seen.services}
        for record in stored.services.get(seen.pk, []) if seen.pk else []:
            if not record.is_core or (record.force, record.start) in in_file:
                continue
            mine = _row_entry(row, seen)
            if mine and mine[4] and _overlaps(row.start, row.end, record.start, record.end):
                errors.append(_stored_clash(row, record))
                break
    return errors


def _row_entry(row: ParsedRow, seen: PersonSeen) -> SeenService | None:
    return next((entry for entry in seen.services if entry[3] == row.number), None)


def _stored_clash(row: ParsedRow, record: StoredService) -> RowError:
    return RowError(
        row.number,
        c.SERVICE_START,
        _(
            "This person already serves in the core force from %(start)s to %(end)s "
            "(%(force)s); core service records may not overlap."
        )
        % {
            "start": date_format(record.start, "SHORT_DATE_FORMAT"),
            "end": date_format(record.end, "SHORT_DATE_FORMAT") if record.end else "…",
            "force": Force(record.force).label,
        },
    )


def _overlaps(
    start_a: datetime.date,
    end_a: datetime.date | None,
    start_b: datetime.date,
    end_b: datetime.date | None,
) -> bool:
    """Both ends inclusive; an open end runs forever."""
    return (end_b is None or start_a <= end_b) and (end_a is None or start_b <= end_a)
