"""Reads of a person in the Django admin are logged, and the log is shown read-only to those
whose area covers the person (DOMAIN.md §8)."""

import pytest
from django.db.models import Model
from django.urls import reverse

from accounts.models import User
from members.models import (
    AdmissionCase,
    AdmissionStep,
    CommandPost,
    MemberRating,
    PartyRecord,
    Person,
    PersonReadLog,
    ServiceRecord,
)
from members.services.audit import person_reads_log
from tests.conftest import client_for
from tests.members.factories import (
    AdmissionStepFactory,
    CommandPostFactory,
    MemberRatingFactory,
    PartyRecordFactory,
    PersonFactory,
    ServiceRecordFactory,
)

LOG_LIST = reverse("admin:members_personreadlog_changelist")

# Records about one person, each with how to make one for a given person.
RECORDS = {
    ServiceRecord: lambda person: ServiceRecordFactory(person=person),
    CommandPost: lambda person: CommandPostFactory(person=person),
    PartyRecord: lambda person: PartyRecordFactory(person=person),
    MemberRating: lambda person: MemberRatingFactory(person=person),
    AdmissionStep: lambda person: AdmissionStepFactory(case__person=person),
    AdmissionCase: lambda person: AdmissionStepFactory(case__person=person).case,
}


def admin_url(model: type[Model], view: str, pk: int) -> str:
    return reverse(f"admin:members_{model._meta.model_name}_{view}", args=[pk])


def staff(user: User) -> User:
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    return user


def logged() -> list[tuple[int | None, int, str]]:
    return list(PersonReadLog.objects.values_list("person_id", "reader_id", "purpose"))


@pytest.fixture
def home_person(home_commune) -> Person:
    return PersonFactory(residence_commune=home_commune)


@pytest.fixture
def other_person(other_commune) -> Person:
    return PersonFactory(residence_commune=other_commune)


@pytest.mark.parametrize(("view", "purpose"), [("change", "admin"), ("history", "admin_history")])
def test_person_page_logs_one_read_by_its_reader(commune_cadre, home_person, view, purpose):
    response = client_for(staff(commune_cadre)).get(admin_url(Person, view, home_person.pk))

    assert response.status_code == 200
    assert logged() == [(home_person.pk, commune_cadre.pk, purpose)]


@pytest.mark.parametrize("view", ["change", "history"])
def test_person_page_of_another_area_logs_nothing(commune_cadre, other_person, view):
    response = client_for(staff(commune_cadre)).get(admin_url(Person, view, other_person.pk))

    assert response.status_code == 302
    assert logged() == []


def test_missing_person_page_logs_nothing(admin_client):
    admin_client.get(admin_url(Person, "change", 999_999))

    assert logged() == []


def test_person_list_logs_nothing(commune_cadre, home_person):
    response = client_for(staff(commune_cadre)).get(reverse("admin:members_person_changelist"))

    assert list(response.context["cl"].result_list) == [home_person]
    assert logged() == []


@pytest.mark.parametrize("model", RECORDS, ids=lambda model: model.__name__)
def test_page_of_a_record_about_a_person_logs_a_read_of_the_person(
    national_admin, admin_client, home_person, model
):
    record = RECORDS[model](home_person)

    admin_client.get(admin_url(model, "change", record.pk))

    purpose = f"admin_{model._meta.model_name}"
    assert logged() == [(home_person.pk, national_admin.pk, purpose)]


@pytest.mark.parametrize("model", RECORDS, ids=lambda model: model.__name__)
def test_page_of_a_record_of_another_area_logs_nothing(commune_cadre, other_person, model):
    record = RECORDS[model](other_person)

    client_for(staff(commune_cadre)).get(admin_url(model, "change", record.pk))

    assert logged() == []


@pytest.fixture
def reads(national_admin, home_person, other_person) -> dict[str, PersonReadLog]:
    """One read of a person of each province, and one of a person since deleted."""
    gone = PersonFactory()
    for person in (home_person, other_person, gone):
        person_reads_log(reader=national_admin, person_ids=[person.pk], purpose="detail")
    gone.delete()
    rows = PersonReadLog.objects.order_by("pk")
    return dict(zip(("home", "other", "gone"), rows, strict=True))


def test_read_log_lists_every_read_for_the_national_admin(admin_client, reads):
    response = admin_client.get(LOG_LIST)

    assert set(response.context["cl"].result_list) == set(reads.values())


def test_read_log_lists_only_own_province_reads_for_provincial_staff(province_officer, reads):
    # The role groups are those of `accounts.roles` (tests/conftest.py syncs them): "view:*".
    response = client_for(staff(province_officer)).get(LOG_LIST)

    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [reads["home"]]


def test_read_log_is_refused_to_a_commune_cadre(commune_cadre, reads):
    response = client_for(staff(commune_cadre)).get(LOG_LIST)

    assert response.status_code == 403


def test_roles_give_the_read_log_to_provincial_staff_not_commune_cadres(
    province_officer, commune_cadre
):
    granted = {
        user.role: user.has_perm("members.view_personreadlog")
        for user in User.objects.filter(pk__in=[province_officer.pk, commune_cadre.pk])
    }
    assert granted == {province_officer.role: True, commune_cadre.role: False}


def test_read_log_add_page_is_refused_to_the_national_admin(admin_client, reads):
    response = admin_client.post(
        reverse("admin:members_personreadlog_add"),
        {"person": str(reads["home"].person_id), "reader": "1", "purpose": "forged"},
    )

    assert response.status_code == 403
    assert PersonReadLog.objects.count() == 3


def test_read_log_change_is_refused_to_the_national_admin(admin_client, reads):
    row = reads["home"]
    data = {"person": str(row.person_id), "reader": str(row.reader_id), "purpose": "forged"}

    response = admin_client.post(admin_url(PersonReadLog, "change", row.pk), data)

    assert response.status_code == 403
    row.refresh_from_db()
    assert row.purpose == "detail"


def test_read_log_delete_is_refused_to_the_national_admin(admin_client, reads):
    response = admin_client.post(
        admin_url(PersonReadLog, "delete", reads["home"].pk), {"post": "yes"}
    )

    assert response.status_code == 403
    assert PersonReadLog.objects.filter(pk=reads["home"].pk).exists()


def test_read_log_view_page_answers_for_the_national_admin(admin_client, reads):
    response = admin_client.get(admin_url(PersonReadLog, "change", reads["gone"].pk))

    assert response.status_code == 200


def test_read_log_search_finds_reads_by_the_persons_national_id(admin_client, reads, home_person):
    response = admin_client.get(LOG_LIST, {"q": home_person.national_id})

    assert list(response.context["cl"].result_list) == [reads["home"]]
