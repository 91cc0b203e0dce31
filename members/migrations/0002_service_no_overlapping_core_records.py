"""A person has no two overlapping core service records, held by the database itself.

Django has no portable way to say this: PostgreSQL gets an exclusion constraint over inclusive
date ranges (btree_gist for the equality on person), SQLite gets triggers that abort the write. A later migration that makes Django rebuild
members_servicerecord on SQLite (adding a CHECK, altering a column) drops these triggers and
must create them again, as 0005 does; the overlap tests fail when one forgets.
"""

from django.db import migrations

NAME = "service_no_overlapping_core_records"

POSTGRES_UP = [
    "CREATE EXTENSION IF NOT EXISTS btree_gist",
    f"""ALTER TABLE members_servicerecord ADD CONSTRAINT {NAME}
        EXCLUDE USING gist (person_id WITH =, daterange(start, "end", '[]') WITH &&)
        WHERE (is_core)""",
]
POSTGRES_DOWN = [f"ALTER TABLE members_servicerecord DROP CONSTRAINT {NAME}"]

_OVERLAP = """NEW.is_core AND EXISTS (
    SELECT 1 FROM members_servicerecord s
    WHERE s.person_id = NEW.person_id AND s.is_core {extra}
      AND s.start <= COALESCE(NEW."end", '9999-12-31')
      AND NEW.start <= COALESCE(s."end", '9999-12-31'))"""

SQLITE_UP = [
    f"""CREATE TRIGGER {NAME}_insert BEFORE INSERT ON members_servicerecord
        WHEN {_OVERLAP.format(extra="")}
        BEGIN SELECT RAISE(ABORT, '{NAME}'); END""",
    f"""CREATE TRIGGER {NAME}_update BEFORE UPDATE ON members_servicerecord
        WHEN {_OVERLAP.format(extra="AND s.id <> NEW.id")}
        BEGIN SELECT RAISE(ABORT, '{NAME}'); END""",
]
SQLITE_DOWN = [f"DROP TRIGGER {NAME}_insert", f"DROP TRIGGER {NAME}_update"]


def run(statements_by_vendor):
    def apply(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("members", "0001_initial")]

    operations = [
        migrations.RunPython(
            run({"postgresql": POSTGRES_UP, "sqlite": SQLITE_UP}),
            run({"postgresql": POSTGRES_DOWN, "sqlite": SQLITE_DOWN}),
        )
    ]
