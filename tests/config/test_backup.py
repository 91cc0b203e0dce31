"""backup_db, restore_db: refused on SQLite; on PostgreSQL a dump restores into a new database."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from tests.units.factories import ProvinceFactory
from units.models import Province

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="pg_dump and pg_restore need PostgreSQL (set DATABASE_URL=postgres://…)",
)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the refusal is about SQLite")
@pytest.mark.parametrize("command", ["backup_db", "restore_db"])
def test_backup_commands_refuse_sqlite(command, tmp_path):
    dump = tmp_path / "x.dump"
    dump.write_bytes(b"")
    args = [] if command == "backup_db" else [str(dump), "--no-input"]

    with pytest.raises(CommandError, match="PostgreSQL"):
        call_command(command, *args)


@pytest.fixture
def second_database():
    """Create an empty database beside the test database; drop it afterwards."""
    name = f"{connection.settings_dict['NAME']}_restored"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield name
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def url_of(name: str) -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{name}"


def provinces_in(name: str) -> list[tuple[str, str]]:
    import psycopg2

    db = connection.settings_dict
    with (
        psycopg2.connect(
            dbname=name, user=db["USER"], password=db["PASSWORD"], host=db["HOST"], port=db["PORT"]
        ) as other,
        other.cursor() as cursor,
    ):
        cursor.execute(f"SELECT code, name FROM {Province._meta.db_table} ORDER BY code")
        return cursor.fetchall()


# A transactional test: the rows must be committed for pg_dump's own connection to see them.
@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_backup_restores_into_another_database(tmp_path, second_database):
    ProvinceFactory(code="20", name="Tỉnh Lạng Sơn")
    ProvinceFactory(code="91", name="Tỉnh Kiên Giang")
    dump = tmp_path / "round-trip.dump"

    call_command("backup_db", "--output", str(dump))
    call_command("restore_db", str(dump), "--database-url", url_of(second_database), "--no-input")

    assert provinces_in(second_database) == list(
        Province.objects.order_by("code").values_list("code", "name")
    )


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_backup_file_is_readable_by_its_owner_only(tmp_path):
    dump = tmp_path / "private.dump"

    call_command("backup_db", "--output", str(dump))

    assert dump.stat().st_mode & 0o777 == 0o600
