"""The change history page: one list over every audited model, filtered by person, user, date."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Role, User
from members.models import (
    AdmissionCase,
    AdmissionStep,
    PartyRecord,
    Person,
    PersonReadLog,
    ServiceRecord,
)
from tests.audit.support import CHANGES, at, deleted, saved
from tests.members.factories import (
    AdmissionStepFactory,
    PartyRecordFactory,
    PersonFactory,
    ServiceRecordFactory,
)
from tests.targets.factories import TargetFactory
from tests.units.factories import CommuneFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk(home_commune) -> User:
    return User.objects.create_user(
        username="canbo_a", role=Role.COMMUNE_CADRE, commune=home_commune, first_name="Lan"
    )


@pytest.fixture
def other_clerk(home_commune) -> User:
    return User.objects.create_user(
        username="canbo_b", role=Role.COMMUNE_CADRE, commune=home_commune
    )


def rows(client, **filters):
    response = client.get(CHANGES, filters)
    assert response.status_code == 200
    return response.context["rows"]


def about(found) -> set[tuple[str, int | None]]:
    return {(row.kind, row.person_id) for row in found}


def test_person_filter_keeps_the_person_and_every_record_pointing_to_them(admin_client):
    person, stranger = PersonFactory(), PersonFactory()
    ServiceRecordFactory(person=person)
    PartyRecordFactory(person=person)
    AdmissionStepFactory(case__person=person)
    ServiceRecordFactory(person=stranger)

    found = rows(admin_client, person=person.pk)

    models = (Person, ServiceRecord, PartyRecord, AdmissionCase, AdmissionStep)
    kinds = {str(model._meta.verbose_name) for model in models}
    assert about(found) == {(kind, person.pk) for kind in kinds}


def test_person_name_filter_finds_a_person_since_deleted(admin_client):
    gone = PersonFactory(full_name="Hoàng Thị Đào")
    PersonFactory(full_name="Lê Văn Tám")
    gone_pk = gone.pk
    deleted(gone)

    found = rows(admin_client, person_name="Thị Đào")

    assert sorted(row.action_code for row in found) == ["+", "-"]
    assert {row.person_id for row in found} == {gone_pk}


def test_person_name_matching_nobody_shows_no_row(admin_client):
    PersonFactory(full_name="Lê Văn Tám")

    assert rows(admin_client, person_name="Không Ai") == []


def test_person_name_matching_too_many_people_asks_for_more(admin_client, monkeypatch):
    monkeypatch.setattr("audit.filters.PEOPLE_LIMIT", 2)
    for name in ("Lê Văn Một", "Lê Văn Hai", "Lê Văn Ba"):
        PersonFactory(full_name=name)

    response = admin_client.get(CHANGES, {"person_name": "Lê Văn"})

    assert response.context["rows"] == []
    assert response.context["filter"].form.errors.as_data()["person_name"][0].code == (
        "too_many_people"
    )


def test_user_filter_keeps_that_users_changes_only(admin_client, clerk, other_clerk):
    person = PersonFactory()
    saved(person, by=clerk, full_name="Trần Văn Một")
    saved(person, by=other_clerk, full_name="Trần Văn Hai")

    found = rows(admin_client, user="canbo_a")

    assert [(row.user, row.changes[0].new) for row in found] == [("canbo_a", "Trần Văn Một")]


def test_user_filter_matches_the_users_name(admin_client, clerk, other_clerk):
    person = PersonFactory()
    saved(person, by=clerk, ethnicity="Tày")
    saved(person, by=other_clerk, ethnicity="Nùng")

    assert [row.user for row in rows(admin_client, user="lan")] == ["canbo_a"]


def test_date_range_keeps_whole_local_days_both_ends_included(admin_client):
    person = PersonFactory()
    saved(person, on=at(2025, 3, 9, 23), religion="before")
    saved(person, on=at(2025, 3, 10, 0), religion="first day")
    saved(person, on=at(2025, 3, 11, 23), religion="last day")
    saved(person, on=at(2025, 3, 12, 0), religion="after")

    found = rows(admin_client, since="10/03/2025", until="11/03/2025")

    assert [row.changes[0].new for row in found] == ["last day", "first day"]


def label(name: str) -> str:
    return str(Person._meta.get_field(name).verbose_name)


def test_changed_fields_show_old_and_new_values_as_the_pages_write_them(admin_client):
    person = PersonFactory(full_name="Nguyễn Văn An", military_training="none")
    lived_in, moved_to = person.residence_commune, CommuneFactory()
    saved(
        person,
        full_name="Nguyễn Văn Ân",
        birth_date=datetime.date(1996, 2, 3),
        military_training="college",
        residence_commune=moved_to,
    )

    change = rows(admin_client, person=person.pk)[0]

    assert {c.label: (c.old, c.new) for c in change.changes} == {
        label("full_name"): ("Nguyễn Văn An", "Nguyễn Văn Ân"),
        label("birth_date"): ("17/05/1995", "03/02/1996"),
        label("military_training"): ("Không có", "Cao đẳng"),
        label("residence_commune"): (str(lived_in), str(moved_to)),
    }


def test_created_record_lists_its_filled_fields_without_old_values(admin_client):
    person = PersonFactory(full_name="Phạm Văn Bốn", religion="")

    change = rows(admin_client, person=person.pk)[0]

    fields = {c.label: c for c in change.changes}
    name = fields[label("full_name")]
    assert (change.action_code, name.old, name.new) == ("+", None, "Phạm Văn Bốn")
    assert label("religion") not in fields


def test_deleted_record_appears_with_its_person(admin_client, clerk):
    record = ServiceRecordFactory()
    person = record.person
    deleted(record, by=clerk)

    found = rows(admin_client, person=person.pk, kind="members.servicerecord")

    assert [(row.action_code, row.user, row.person_id) for row in found] == [
        ("-", "canbo_a", person.pk),
        ("+", "—", person.pk),
    ]


def test_a_deleted_person_is_still_named_on_their_records_changes(admin_client):
    record = ServiceRecordFactory(person__full_name="Đỗ Văn Năm")
    person = record.person
    person_pk = person.pk
    person.delete()  # the service record goes with them

    found = rows(admin_client, person=person_pk, kind="members.servicerecord")

    assert [(row.action_code, row.person) for row in found] == [
        ("-", "Đỗ Văn Năm (17/05/1995)"),
        ("+", "Đỗ Văn Năm (17/05/1995)"),
    ]


def test_directive_and_target_changes_are_listed_without_a_person(admin_client):
    target = TargetFactory()
    saved(target, lower=target.lower + 1)

    found = rows(admin_client, kind="targets.target")

    assert [(row.action_code, row.person_id) for row in found] == [("~", None), ("+", None)]
    assert found[0].changes[0].old == "12,500"


def test_person_filter_leaves_out_directives(admin_client):
    person = PersonFactory()
    TargetFactory()

    kinds = {row.kind for row in rows(admin_client, person=person.pk)}
    assert kinds == {str(Person._meta.verbose_name)}


def test_list_is_newest_first_across_models(admin_client):
    person = PersonFactory()
    saved(person, on=at(2025, 1, 1), religion="one")
    saved(ServiceRecordFactory.build(person=person), on=at(2025, 1, 2))
    saved(person, on=at(2025, 1, 3), religion="three")

    found = rows(admin_client, person=person.pk, since="01/01/2025", until="31/12/2025")

    assert [row.when for row in found] == [at(2025, 1, 3), at(2025, 1, 2), at(2025, 1, 1)]


def test_list_is_paged_fifty_a_page(admin_client):
    person = saved(PersonFactory.build(residence_commune=CommuneFactory()), on=at(2025, 1, 1))
    for day in range(1, 55):
        saved(person, on=at(2025, 1, 1) + datetime.timedelta(days=day), religion=str(day))

    first = rows(admin_client, person=person.pk)
    second = rows(admin_client, person=person.pk, page=2)

    assert (len(first), len(second)) == (50, 5)
    assert (first[0].changes[0].new, second[-1].action_code) == ("54", "+")


def test_page_counts_no_further_than_the_limit(admin_client, monkeypatch):
    monkeypatch.setattr("audit.views.ROW_LIMIT", 3)
    person = PersonFactory()
    for value in ("a", "b", "c"):
        saved(person, religion=value)

    response = admin_client.get(CHANGES, {"person": person.pk})

    paginator = response.context["page"].paginator
    assert (paginator.count, paginator.capped) == (3, True)


def test_invalid_date_shows_the_error_and_no_rows(admin_client):
    PersonFactory()

    response = admin_client.get(CHANGES, {"since": "31/02/2025"})

    assert response.context["rows"] == []
    assert response.context["filter"].form.errors.keys() == {"since"}


def test_page_records_the_people_it_shows_as_read(admin_client, national_admin):
    shown, gone = PersonFactory(), PersonFactory()
    deleted(gone)

    rows(admin_client)

    reads = PersonReadLog.objects.filter(reader=national_admin, purpose="audit_changes")
    assert list(reads.values_list("person_id", flat=True)) == [shown.pk]


def records_of_every_kind(times: int) -> None:
    for _ in range(times):
        step = AdmissionStepFactory()
        ServiceRecordFactory(person=step.case.person)
        PartyRecordFactory(person=step.case.person)
        saved(step.case.person, religion="Phật giáo")
        TargetFactory()


def queries_of_a_page(client) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as captured:
        found = rows(client)
    return len(found), len(captured)


def test_page_queries_do_not_grow_with_the_rows(admin_client):
    records_of_every_kind(1)
    few_rows, few_queries = queries_of_a_page(admin_client)
    records_of_every_kind(9)
    many_rows, many_queries = queries_of_a_page(admin_client)

    assert (few_rows, many_rows) == (8, 50)
    assert many_queries == few_queries
