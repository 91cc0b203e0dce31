"""The triggers that keep the facts current, in the same transaction as every write.

PostgreSQL: one statement-level trigger per table and operation, reading the statement's rows
from transition tables, so a COPY of 100,000 records changes the facts in one set-based
statement. SQLite: one row-level trigger per table and operation, each row as a one-row table.

A migration that makes Django rebuild one of the watched tables on SQLite (adding a CHECK,
altering a column) drops its triggers: it must call `create` again, as members 0005 does for
the overlap triggers. The fact tests fail when one forgets.
"""

from collections.abc import Callable

from django.db.backends.base.base import BaseDatabaseWrapper

from .sql import (
    COMMUNE_COLUMNS,
    PARTY_COLUMNS,
    SERVICE_COLUMNS,
    SERVICE_DATES,
    Dialect,
    apply,
    by_level,
    commune_events,
    party_events,
    service_events,
)

Events = Callable[[Dialect, str, int], list[str]]
Levels = Callable[[list[str]], str]
# Watched table → the columns a SQLite row source needs, and the facts its rows change: each
# as the events a row makes and how they spread over levels.
WATCHED: dict[str, tuple[tuple[str, ...], list[tuple[Events, Levels]]]] = {
    "members_servicerecord": (SERVICE_COLUMNS + SERVICE_DATES, [(service_events, by_level)]),
    "members_partyrecord": (
        PARTY_COLUMNS,
        [(party_events, by_level)],
    ),
    # Only a commune's validity matters (its people "in a valid commune"); inserts and deletes
    # of communes carry no service records with them.
    "units_commune": (COMMUNE_COLUMNS, [(commune_events, by_level)]),
}
OPERATIONS = ("INSERT", "UPDATE", "DELETE")


def _name(table: str, operation: str) -> str:
    return f"reports_facts_{table}_{operation.lower()}"


def _changes(d: Dialect, events: Events, operation: str, old: str, new: str) -> list[str]:
    if operation == "INSERT":
        return events(d, new, 1)
    if operation == "DELETE":
        return events(d, old, -1)
    return [*events(d, old, -1), *events(d, new, 1)]


def _statements(d: Dialect, table: str, operation: str, old: str, new: str) -> list[str]:
    """The statements a write to `table` runs, one per kind of fact it changes."""
    return [
        apply(d, levels(_changes(d, events, operation, old, new)))
        for events, levels in WATCHED[table][1]
    ]


def _operations(table: str) -> tuple[str, ...]:
    return ("UPDATE",) if table == "units_commune" else OPERATIONS


def postgres_create() -> list[str]:
    d = Dialect("postgresql")
    statements = []
    for table in WATCHED:
        for operation in _operations(table):
            name = _name(table, operation)
            body = "; ".join(_statements(d, table, operation, "old_rows", "new_rows"))
            referencing = {
                "INSERT": "NEW TABLE AS new_rows",
                "DELETE": "OLD TABLE AS old_rows",
                "UPDATE": "OLD TABLE AS old_rows NEW TABLE AS new_rows",
            }[operation]
            statements += [
                f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ "
                f"BEGIN {body}; RETURN NULL; END $$",
                f"CREATE TRIGGER {name} AFTER {operation} ON {table} REFERENCING {referencing} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION {name}()",
            ]
    return statements


def postgres_drop() -> list[str]:
    return [
        f"DROP FUNCTION IF EXISTS {_name(table, operation)}() CASCADE"
        for table in WATCHED
        for operation in _operations(table)
    ]


def _row(prefix: str, columns: tuple[str, ...]) -> str:
    """A one-row table of the trigger's OLD or NEW row."""
    return "(SELECT " + ", ".join(f"{prefix}.{c} AS {c}" for c in columns) + ")"


def sqlite_create() -> list[str]:
    d = Dialect("sqlite")
    statements = []
    for table, (columns, _facts) in WATCHED.items():
        for operation in _operations(table):
            old, new = _row("OLD", columns), _row("NEW", columns)
            body = "; ".join(_statements(d, table, operation, old, new))
            statements.append(
                f"CREATE TRIGGER {_name(table, operation)} AFTER {operation} ON {table} "
                f"FOR EACH ROW BEGIN {body}; END"
            )
    return statements


def sqlite_drop() -> list[str]:
    return [
        f"DROP TRIGGER IF EXISTS {_name(table, operation)}"
        for table in WATCHED
        for operation in _operations(table)
    ]


def create(connection: BaseDatabaseWrapper) -> list[str]:
    return postgres_create() if connection.vendor == "postgresql" else sqlite_create()


def drop(connection: BaseDatabaseWrapper) -> list[str]:
    return postgres_drop() if connection.vendor == "postgresql" else sqlite_drop()
