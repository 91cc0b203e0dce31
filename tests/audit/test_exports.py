"""The audit files: every filtered row as .xlsx or CSV, and the download recorded as a read."""

import csv
import datetime
import io

import pytest

from accounts.models import Role, User
from members.models import PersonReadLog
from members.services.audit import person_reads_log
from tests.audit.support import CHANGES, READS, at, saved, table_rows
from tests.members.factories import PersonFactory, ServiceRecordFactory
from tests.units.factories import CommuneFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk(home_commune) -> User:
    return User.objects.create_user(
        username="canbo_x", role=Role.COMMUNE_CADRE, commune=home_commune
    )


def test_change_workbook_holds_the_filtered_rows_newest_first(admin_client, clerk):
    person = saved(PersonFactory.build(residence_commune=CommuneFactory()), on=at(2025, 4, 1))
    saved(person, by=clerk, on=at(2025, 4, 2, 14), ethnicity="Mường")
    ServiceRecordFactory()  # another person's: left out

    header, *body = table_rows(admin_client, CHANGES, person=person.pk)

    assert len(header) == 7
    when, _kind, record, _action, changes, user, named = body[0]
    assert (when, user, named) == (datetime.datetime(2025, 4, 2, 14), "canbo_x", str(person))
    assert (record, changes) == (str(person), "dân tộc: Kinh → Mường")
    assert len(body) == 2  # the change and the creation


def test_change_workbook_holds_more_than_a_page(admin_client):
    person = PersonFactory()
    for number in range(60):
        saved(person, religion=str(number))

    _header, *body = table_rows(admin_client, CHANGES, person=person.pk)

    assert len(body) == 61


def test_change_csv_holds_the_same_rows_with_iso_times(admin_client, clerk):
    person = PersonFactory()
    saved(person, by=clerk, on=at(2025, 4, 2, 14), ethnicity="Thái")

    response = admin_client.get(CHANGES, {"person": person.pk, "user": "canbo_x", "format": "csv"})

    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert response["Content-Disposition"].startswith('attachment; filename="audit-changes-')
    assert [(line[0], line[5]) for line in lines[1:]] == [("2025-04-02 14:00:00", "canbo_x")]


def test_change_export_stops_at_the_limit(admin_client, monkeypatch):
    monkeypatch.setattr("audit.changes.ROW_LIMIT", 4)
    person = PersonFactory()
    for number in range(6):
        saved(person, religion=str(number))

    _header, *body = table_rows(admin_client, CHANGES, person=person.pk)

    assert [row[4] for row in body] == [f"tôn giáo: {n - 1} → {n}" for n in (5, 4, 3, 2)]


def test_change_export_is_recorded_as_a_read_of_the_people_in_it(admin_client, national_admin):
    person, other = PersonFactory(), PersonFactory()

    table_rows(admin_client, CHANGES, person=person.pk)

    exported = PersonReadLog.objects.filter(reader=national_admin, purpose="audit_changes_export")
    assert list(exported.values_list("person_id", flat=True)) == [person.pk]
    assert not PersonReadLog.objects.filter(person=other).exists()


def test_text_a_spreadsheet_would_compute_is_quoted(admin_client):
    person = PersonFactory(full_name="=HYPERLINK(1)")

    _header, created = table_rows(admin_client, CHANGES, person=person.pk)

    assert created[2] == "'=HYPERLINK(1) (17/05/1995)"


def test_read_log_workbook_holds_the_filtered_readings(admin_client, clerk, national_admin):
    person, other = PersonFactory(), PersonFactory()
    person_reads_log(reader=clerk, person_ids=[person.pk, other.pk], purpose="detail")

    _header, *body = table_rows(admin_client, READS, person=person.pk)

    assert [(row[1], row[2], row[3]) for row in body] == [(str(person), "canbo_x", "trang cá nhân")]
    exported = PersonReadLog.objects.filter(reader=national_admin, purpose="audit_reads_export")
    assert list(exported.values_list("person_id", flat=True)) == [person.pk]


def test_read_log_csv_holds_the_filtered_readings(admin_client, clerk):
    person = PersonFactory()
    person_reads_log(reader=clerk, person_ids=[person.pk], purpose="roster_export")

    response = admin_client.get(READS, {"user": "canbo_x", "format": "csv"})

    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [line[1:] for line in lines[1:]] == [[str(person), "canbo_x", "xuất danh sách"]]
