"""Write generated rows: COPY on PostgreSQL, executemany on SQLite (small test datasets only).

Rows arrive as tab-separated lines with `\\N` for NULL, the COPY text format; both date and
boolean columns are written in forms both databases accept (ISO dates, 1/0).
"""

import io
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import count

from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.backends.utils import CursorWrapper

NULL = "\\N"
# Foreign keys and exclusion constraints, and the indexes that back no constraint.
CONSTRAINTS_SQL = """
    SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint
    WHERE conrelid = %s::regclass AND contype IN ('f', 'x')
"""
INDEXES_SQL = """
    SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s
    AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass)
"""


class Sink:
    """Hand out primary keys and write rows table by table, one transaction per flush."""

    def __init__(self) -> None:
        self.copy = connection.vendor == "postgresql"
        self.written: dict[str, int] = {}

    def ids(self, model: type[models.Model]) -> "count[int]":
        """Return a counter of fresh primary keys for `model`, after its largest stored one."""
        largest = model.objects.aggregate(m=models.Max("pk"))["m"] or 0
        return count(largest + 1)

    def write(self, model: type[models.Model], columns: str, lines: list[str]) -> None:
        """Insert `lines` (each ending in a newline) into the table of `model`."""
        if not lines:
            return
        table = model._meta.db_table
        with transaction.atomic(), connection.cursor() as cursor:
            if self.copy:
                buffer = io.StringIO("".join(lines))
                cursor.copy_expert(f"COPY {table} ({columns}) FROM STDIN", buffer)
            else:
                self._insert(cursor, table, columns, lines)
        self.written[table] = self.written.get(table, 0) + len(lines)

    @staticmethod
    def _insert(cursor: CursorWrapper, table: str, columns: str, lines: list[str]) -> None:
        width = columns.count(",") + 1
        marks = ", ".join(["%s"] * width)
        rows = [
            [None if value == NULL else value for value in line.rstrip("\n").split("\t")]
            for line in lines
        ]
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)

    @contextmanager
    def checks_after_load(self, big: list[type[models.Model]]) -> Iterator[None]:
        """Drop the foreign keys, exclusion constraints and secondary indexes of `big` tables
        for the load and create them again after it (PostgreSQL only).

        This is PostgreSQL's own bulk-load advice: checking millions of rows one by one as
        they arrive costs many times more than checking them in one pass. Re-creating each
        constraint and unique index checks every stored row, so the load fails loudly if a
        single row breaks one; check constraints stay on throughout.
        """
        if not self.copy:
            yield
            return
        saved = [self._definitions(model._meta.db_table) for model in big]
        with connection.cursor() as cursor:
            for table, constraints, indexes in saved:
                for name, _definition in constraints:
                    cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {name}")
                for name, _definition in indexes:
                    cursor.execute(f"DROP INDEX {name}")
        try:
            yield
        finally:
            self._restore(saved)

    @staticmethod
    def _definitions(table: str) -> tuple[str, list, list]:
        with connection.cursor() as cursor:
            cursor.execute(CONSTRAINTS_SQL, [table])
            constraints = cursor.fetchall()
            cursor.execute(INDEXES_SQL, [table, table])
            return table, constraints, cursor.fetchall()

    @staticmethod
    def _restore(saved: list[tuple[str, list, list]]) -> None:
        with connection.cursor() as cursor:
            cursor.execute("SET maintenance_work_mem = '1GB'")
            for table, constraints, indexes in saved:
                for _name, definition in indexes:
                    cursor.execute(definition)
                for name, definition in constraints:
                    cursor.execute(f"ALTER TABLE {table} ADD CONSTRAINT {name} {definition}")
            cursor.execute("RESET maintenance_work_mem")

    def finish(self, written: list[type[models.Model]], read: list[type[models.Model]]) -> None:
        """Move the id sequences past the keys we chose, and refresh the planner statistics
        of the tables written and of the `read` ones the reports join (the units), so that
        the first report after a load is planned on real row counts."""
        statements = connection.ops.sequence_reset_sql(no_style(), written)
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
            if self.copy:
                # VACUUM also marks the pages all-visible, which index-only scans need.
                for model in written + read:
                    cursor.execute(f"VACUUM ANALYZE {model._meta.db_table}")
