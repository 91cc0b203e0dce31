"""Recompute the facts from scratch, from the same events the triggers add up.

The triggers write day, month and year rows in one statement per write; a rebuild of millions
of records builds the same rows in three set-based steps instead: the day rows province by
province (so that no step holds the whole history at once), the months from the days, the
years as running sums of the months. `test_rebuild_finds_what_the_triggers_kept` holds both
ways to the same rows.
"""

import datetime

from django.db import connection, transaction
from django.db.backends.utils import CursorWrapper

from .sql import (
    FACT_TABLE,
    FIRST_YEAR,
    LAST_YEAR,
    YEAR_TABLE,
    Dialect,
    by_level,
    rebuild_days,
    rebuild_months,
    rebuild_years,
    service_events,
)

# Plain SQL throughout, not the models: the migration that installs the facts runs this too,
# and must keep working whatever the models become later.

# PostgreSQL fills an empty table and builds its indexes afterwards several times faster than
# it inserts into the indexes row by row. Same names and columns as the model's Meta.
POSTGRES_INDEXES = (
    f"ALTER TABLE {FACT_TABLE} ADD CONSTRAINT reports_fact_key "
    "UNIQUE (level, parent, kind, at, child, force, category)",
    f"CREATE INDEX reports_fact_child_idx ON {FACT_TABLE} (level, child, kind, at)",
)


def fill_years(cursor: CursorWrapper) -> None:
    """Give every year of FIRST_YEAR..LAST_YEAR its row, and no other year."""
    cursor.execute(f"DELETE FROM {YEAR_TABLE}")
    cursor.executemany(
        f"INSERT INTO {YEAR_TABLE} (year, starts_on) VALUES (%s, %s)",
        [(y, datetime.date(y, 1, 1)) for y in range(FIRST_YEAR, LAST_YEAR + 1)],
    )


def _empty(cursor: CursorWrapper, d: Dialect) -> None:
    if not d.pg:
        cursor.execute(f"DELETE FROM {FACT_TABLE}")
        return
    # TRUNCATE: readers wait for the rebuild rather than read half of it. Big statements:
    # compiling them (JIT) costs more than it saves.
    cursor.execute("SET LOCAL jit = off")
    cursor.execute(f"TRUNCATE {FACT_TABLE}")
    cursor.execute(f"ALTER TABLE {FACT_TABLE} DROP CONSTRAINT reports_fact_key")
    cursor.execute("DROP INDEX reports_fact_child_idx")


def _services_of(province_id: int) -> str:
    return (
        "(SELECT r.* FROM members_servicerecord r JOIN units_commune pc "
        f"ON pc.id = r.commune_id WHERE pc.province_id = {int(province_id)})"
    )


def rebuild() -> int:
    """Replace every fact by those computed from the stored records; return the row count.

    One transaction: nobody reads half-built facts (SQLite readers see the old ones, PostgreSQL
    readers wait).
    """
    d = Dialect(connection.vendor)
    with transaction.atomic(), connection.cursor() as cursor:
        fill_years(cursor)
        _empty(cursor, d)
        cursor.execute("SELECT DISTINCT province_id FROM units_commune ORDER BY province_id")
        for (province_id,) in cursor.fetchall():
            # Every pair (core record, party record) is reached once, from the service side.
            events = service_events(d, _services_of(province_id), 1)
            cursor.execute(rebuild_days(by_level(events)))
        cursor.execute(rebuild_months(d))
        cursor.execute(rebuild_years(d))
        if d.pg:
            for statement in POSTGRES_INDEXES:
                cursor.execute(statement)
            # The planner's statistics of a table just filled from nothing.
            cursor.execute(f"ANALYZE {FACT_TABLE}")
        cursor.execute(f"SELECT COUNT(*) FROM {FACT_TABLE}")
        return cursor.fetchone()[0]
