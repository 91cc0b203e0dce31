"""Actors shared by every test module."""

import re

import pytest
from django.test import Client

from accounts.models import Role, User
from accounts.roles import role_groups_sync


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Give the role groups exactly the permissions `accounts.roles` declares, as setup does."""
    with django_db_blocker.unblock():
        role_groups_sync()


@pytest.fixture
def national_admin(db) -> User:
    return User.objects.create_superuser(
        username="admin", password="pw", role=Role.NATIONAL_ADMIN, email="admin@example.vn"
    )


@pytest.fixture
def admin_client(national_admin) -> Client:
    client = Client()
    client.force_login(national_admin)
    return client


# Role actors: two communes of one province, and a third commune in another province.
@pytest.fixture
def home_commune(db):
    from tests.units.factories import CommuneFactory

    return CommuneFactory()


@pytest.fixture
def other_commune(db):
    from tests.units.factories import CommuneFactory

    return CommuneFactory()


@pytest.fixture
def province_officer(home_commune) -> User:
    return User.objects.create_user(
        username="province",
        password="pw",
        role=Role.PROVINCIAL_STAFF,
        province=home_commune.province,
    )


@pytest.fixture
def commune_cadre(home_commune) -> User:
    return User.objects.create_user(
        username="cadre", password="pw", role=Role.COMMUNE_CADRE, commune=home_commune
    )


@pytest.fixture
def other_commune_cadre(other_commune) -> User:
    return User.objects.create_user(
        username="other_cadre", password="pw", role=Role.COMMUNE_CADRE, commune=other_commune
    )


@pytest.fixture
def aggregate_client(home_commune) -> User:
    return User.objects.create_user(
        username="aggregates",
        password="pw",
        role=Role.AGGREGATE_CLIENT,
        province=home_commune.province,
    )


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


CSRF_VALUE = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


def page_text(response) -> str:
    """Return the body of an HTML response without its per-response CSRF token."""
    return CSRF_VALUE.sub('name="csrfmiddlewaretoken"', response.content.decode())
