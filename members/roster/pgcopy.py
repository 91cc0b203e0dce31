"""Insert new rows and their historical rows on PostgreSQL with COPY, from plain tuples.

Ids come from the table's own sequence before the COPY, so that dependent rows (a person's
service records) can name them. The historical rows are copied from the rows just written
with one INSERT … SELECT, so they hold exactly what the table holds. Constraints, the
exclusion constraint on overlapping core service included, check every copied row: a row the
import's own checks missed still aborts the COPY, and with it the whole transaction.
"""

import datetime
import io
from collections.abc import Callable

from django.db import connection
from django.db.models import Model
from django.utils import timezone

# COPY's text format: tab-separated, \N for NULL, backslash escapes for these characters.
_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
_FORMATS: dict[type, Callable[[object], str]] = {
    str: lambda value: value.translate(_ESCAPES),
    int: str,
    bool: lambda value: "t" if value else "f",
    datetime.date: str,
    type(None): lambda value: "\\N",
}
_HISTORY_OWN = {"history_id", "history_date", "history_change_reason", "history_type"}


def copy_with_history(
    model: type[Model],
    columns: tuple[str, ...],
    rows: list[tuple],
    *,
    user_id: int | None,
    reason: str,
) -> list[int]:
    """COPY `rows` into `model`'s table, add one "+" historical row each; return the new ids."""
    table = model._meta.db_table
    defaults = _defaults(model, columns)
    names = ["id", *columns, *defaults]
    tail = tuple(defaults.values())
    with connection.cursor() as cursor:
        ids = _reserve_ids(cursor, table, len(rows))
        buffer = io.StringIO()
        buffer.writelines(_line((pk, *row, *tail)) for pk, row in zip(ids, rows, strict=True))
        buffer.seek(0)
        with connection.wrap_database_errors:
            cursor.copy_expert(f"COPY {table} ({_quoted(names)}) FROM STDIN", buffer)
        _insert_history(cursor, model, ids, user_id=user_id, reason=reason)
    return ids


def _reserve_ids(cursor: object, table: str, count: int) -> list[int]:
    cursor.execute(
        "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
        [table, count],
    )
    return [pk for (pk,) in cursor.fetchall()]


def _defaults(model: type[Model], columns: tuple[str, ...]) -> dict[str, object]:
    """The model's defaults for the columns a plan leaves out, as the ORM would fill them."""
    return {
        field.column: field.get_default()
        for field in model._meta.concrete_fields
        if not field.primary_key and field.attname not in columns
    }


def _line(values: tuple) -> str:
    return "\t".join([_FORMATS.get(type(value), _other)(value) for value in values]) + "\n"


def _other(value: object) -> str:
    """Format what the exact-type table misses: subclasses such as a TextChoices member."""
    if isinstance(value, str):
        return str.translate(value, _ESCAPES)
    if isinstance(value, bool):
        return "t" if value else "f"
    return str(value)


def _insert_history(
    cursor: object, model: type[Model], ids: list[int], *, user_id: int | None, reason: str
) -> None:
    history = model.history.model
    own = {field.column for field in model._meta.concrete_fields}
    tracked = [
        field.column
        for field in history._meta.concrete_fields
        if field.column in own and field.name not in _HISTORY_OWN
    ]
    cursor.execute(
        f"INSERT INTO {history._meta.db_table} ({_quoted(tracked)}, history_date, "
        "history_change_reason, history_type, history_user_id) "
        f"SELECT {_quoted(tracked)}, %s, %s, '+', %s FROM {model._meta.db_table} "
        "WHERE id = ANY(%s)",
        [timezone.now(), reason, user_id, ids],
    )


def _quoted(names: list[str]) -> str:
    return ", ".join(connection.ops.quote_name(name) for name in names)
