"""Recompute the facts from scratch, from the same events the triggers add up."""

import datetime

from django.db import connection, transaction
from django.db.backends.utils import CursorWrapper

from .sql import FACT_TABLE, FIRST_YEAR, LAST_YEAR, YEAR_TABLE, Dialect, apply, service_events

# Plain SQL throughout, not the models: the migration that installs the facts runs this too,
# and must keep working whatever the models become later.


def fill_years(cursor: CursorWrapper) -> None:
    """Give every year of FIRST_YEAR..LAST_YEAR its row, and no other year."""
    cursor.execute(f"DELETE FROM {YEAR_TABLE}")
    cursor.executemany(
        f"INSERT INTO {YEAR_TABLE} (year, starts_on) VALUES (%s, %s)",
        [(y, datetime.date(y, 1, 1)) for y in range(FIRST_YEAR, LAST_YEAR + 1)],
    )


# PostgreSQL fills an empty table and builds its indexes afterwards several times faster than
# it inserts into the indexes row by row. Same names and columns as the model's Meta.
POSTGRES_INDEXES = (
    f"ALTER TABLE {FACT_TABLE} ADD CONSTRAINT reports_fact_key "
    "UNIQUE (level, parent, kind, at, child, force, category)",
    f"CREATE INDEX reports_fact_child_idx ON {FACT_TABLE} (level, child, kind, at)",
)


def _postgres_bulk(cursor: CursorWrapper, insert: str) -> None:
    """Empty the facts (TRUNCATE: readers wait for the rebuild rather than read half of it),
    insert without the indexes, then build them."""
    # One big statement: JIT compiling it costs more than it saves.
    cursor.execute("SET LOCAL jit = off")
    cursor.execute(f"TRUNCATE {FACT_TABLE}")
    cursor.execute(f"ALTER TABLE {FACT_TABLE} DROP CONSTRAINT reports_fact_key")
    cursor.execute("DROP INDEX reports_fact_child_idx")
    cursor.execute(insert)
    for statement in POSTGRES_INDEXES:
        cursor.execute(statement)


def rebuild() -> int:
    """Replace every fact by those computed from the stored records; return the row count.

    One transaction: nobody reads half-built facts (SQLite readers see the old ones, PostgreSQL
    readers wait).
    """
    d = Dialect(connection.vendor)
    with transaction.atomic(), connection.cursor() as cursor:
        fill_years(cursor)
        if d.pg:
            _postgres_bulk(
                cursor, apply(d, service_events(d, "members_servicerecord", 1), upsert=False)
            )
        else:
            cursor.execute(f"DELETE FROM {FACT_TABLE}")
            cursor.execute(apply(d, service_events(d, "members_servicerecord", 1), upsert=False))
        cursor.execute(f"SELECT COUNT(*) FROM {FACT_TABLE}")
        return cursor.fetchone()[0]
