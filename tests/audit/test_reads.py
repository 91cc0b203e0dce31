"""The read log page: who read whose record, filtered by person, reader and date, paged."""

import datetime

import pytest
from django.utils import timezone

from accounts.models import Role, User
from members.models import PersonReadLog
from members.services.audit import person_reads_log
from tests.audit.support import READS, at
from tests.members.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(home_commune) -> User:
    return User.objects.create_user(
        username="doc_a", role=Role.COMMUNE_CADRE, commune=home_commune, last_name="Vũ"
    )


@pytest.fixture
def other_reader(home_commune) -> User:
    return User.objects.create_user(username="doc_b", role=Role.COMMUNE_CADRE, commune=home_commune)


def read(person, by: User, on: datetime.datetime | None = None, purpose: str = "detail") -> None:
    person_reads_log(reader=by, person_ids=[person.pk], purpose=purpose)
    if on is not None:
        PersonReadLog.objects.filter(pk=PersonReadLog.objects.latest("pk").pk).update(read_at=on)


def rows(client, **filters):
    response = client.get(READS, filters)
    assert response.status_code == 200
    return response.context["rows"]


def test_person_filter_keeps_that_persons_readings(admin_client, reader):
    person, other = PersonFactory(), PersonFactory()
    read(person, reader)
    read(other, reader)

    assert [row.person_id for row in rows(admin_client, person=person.pk)] == [person.pk]


def test_person_name_filter_searches_names_and_national_ids(admin_client, reader):
    person = PersonFactory(full_name="Bùi Thị Hạnh")
    other = PersonFactory(full_name="Lý Văn Sơn")
    read(person, reader)
    read(other, reader)

    by_name = rows(admin_client, person_name="Thị Hạnh")
    by_id = rows(admin_client, person_name=other.national_id)

    assert ([r.person_id for r in by_name], [r.person_id for r in by_id]) == (
        [person.pk],
        [other.pk],
    )


def test_reader_filter_matches_login_or_name(admin_client, reader, other_reader):
    person = PersonFactory()
    read(person, reader)
    read(person, other_reader)

    by_login = [row.user for row in rows(admin_client, user="doc_b")]
    by_name = [row.user for row in rows(admin_client, user="vũ")]

    assert (by_login, by_name) == (["doc_b"], ["doc_a"])


def test_date_range_keeps_whole_local_days(admin_client, reader):
    person = PersonFactory()
    for when, purpose in (
        (at(2025, 6, 1, 23), "before"),
        (at(2025, 6, 2, 0), "first"),
        (at(2025, 6, 3, 23), "last"),
        (at(2025, 6, 4, 0), "after"),
    ):
        read(person, reader, on=when, purpose=purpose)

    found = rows(admin_client, since="02/06/2025", until="03/06/2025")

    assert [row.purpose for row in found] == ["last", "first"]


def test_reading_of_a_deleted_person_stays_listed(admin_client, reader):
    person = PersonFactory()
    read(person, reader)
    person.delete()

    [row] = rows(admin_client)

    assert (row.person_id, row.user) == (None, "doc_a")


def test_list_is_newest_first_and_paged(admin_client, reader):
    person = PersonFactory()
    start = timezone.now() - datetime.timedelta(days=60)
    for day in range(55):
        read(person, reader, on=start + datetime.timedelta(days=day), purpose=str(day))

    first = rows(admin_client)
    second = rows(admin_client, page=2)

    assert (len(first), len(second)) == (50, 5)
    assert (first[0].purpose, second[-1].purpose) == ("54", "0")


def test_invalid_filter_shows_the_error_and_no_rows(admin_client, reader):
    read(PersonFactory(), reader)

    response = admin_client.get(READS, {"person": "abc"})

    assert (response.context["rows"], list(response.context["filter"].form.errors)) == (
        [],
        ["person"],
    )


def test_viewing_the_read_log_is_not_itself_logged(admin_client, reader):
    read(PersonFactory(), reader)

    rows(admin_client)

    assert PersonReadLog.objects.count() == 1
