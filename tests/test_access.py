"""Each role against each people page: who reads, who writes, and 404 alike for missing and
out-of-area records (and for a role that never sees a person)."""

import pytest
from django.urls import reverse

from tests.conftest import client_for, page_text
from tests.members.factories import ServiceRecordFactory

pytestmark = pytest.mark.django_db
MISSING = 999_999


@pytest.fixture
def mine(home_commune):
    return ServiceRecordFactory(person__residence_commune=home_commune)


@pytest.fixture
def theirs(other_commune):
    return ServiceRecordFactory(person__residence_commune=other_commune)


def pages(record) -> dict[str, str]:
    pk = record.person_id
    return {
        "list": reverse("members:person_list"),
        "detail": reverse("members:person_detail", args=[pk]),
        "create": reverse("members:person_create"),
        "edit": reverse("members:person_edit", args=[pk]),
        "transfer": reverse("members:service_transfer", args=[record.pk]),
        "my_commune": reverse("members:my_commune"),
    }


EXPECTED = {
    "national_admin": {
        "list": 200,
        "detail": 200,
        "create": 200,
        "edit": 200,
        "transfer": 200,
        "my_commune": 200,
    },
    "province_officer": {
        "list": 200,
        "detail": 200,
        "create": 403,
        "edit": 403,
        "transfer": 403,
        "my_commune": 200,
    },
    "commune_cadre": {
        "list": 200,
        "detail": 200,
        "create": 200,
        "edit": 200,
        "transfer": 200,
        "my_commune": 200,
    },
    "other_commune_cadre": {
        "list": 200,
        "detail": 404,
        "create": 200,
        "edit": 404,
        "transfer": 404,
        "my_commune": 200,
    },
    "aggregate_client": {
        "list": 403,
        "detail": 403,
        "create": 403,
        "edit": 403,
        "transfer": 403,
        "my_commune": 403,
    },
}
CASES = [
    (role, page, status) for role, statuses in EXPECTED.items() for page, status in statuses.items()
]


@pytest.mark.parametrize(("role", "page", "status"), CASES)
def test_role_gets_status_on_page(request, mine, role, page, status):
    client = client_for(request.getfixturevalue(role))
    assert client.get(pages(mine)[page]).status_code == status


@pytest.mark.parametrize("page", ["list", "detail", "create", "edit", "transfer", "my_commune"])
def test_anonymous_is_sent_to_login(client, mine, page):
    response = client.get(pages(mine)[page])
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name", ["members:person_detail", "members:person_edit"])
def test_other_commune_person_answers_like_missing_id(commune_cadre, theirs, name):
    client = client_for(commune_cadre)
    other = client.get(reverse(name, args=[theirs.person_id]))
    missing = client.get(reverse(name, args=[MISSING]))
    assert (other.status_code, page_text(other)) == (missing.status_code, page_text(missing))


def test_other_commune_transfer_answers_like_missing_id(commune_cadre, theirs):
    client = client_for(commune_cadre)
    other = client.get(reverse("members:service_transfer", args=[theirs.pk]))
    missing = client.get(reverse("members:service_transfer", args=[MISSING]))
    assert (other.status_code, page_text(other)) == (404, page_text(missing))


def test_province_officer_cannot_post_create(province_officer, home_commune):
    response = client_for(province_officer).post(reverse("members:person_create"), {})
    assert response.status_code == 403


def test_commune_cadre_list_hides_other_commune(commune_cadre, mine, theirs):
    response = client_for(commune_cadre).get(reverse("members:person_list"))
    assert theirs.person.full_name not in response.content.decode()


def test_aggregate_client_never_sees_a_person_name(aggregate_client, mine):
    response = client_for(aggregate_client).get(reverse("members:person_list"))
    assert mine.person.full_name not in response.content.decode()


def test_provincial_staff_admin_shows_only_their_province(province_officer, mine, theirs):
    province_officer.is_staff = True
    province_officer.save()
    response = client_for(province_officer).get(reverse("admin:members_person_changelist"))
    body = response.content.decode()
    assert mine.person.full_name in body and theirs.person.full_name not in body
