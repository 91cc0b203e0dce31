"""One shared world per test module: the matrix sends about two thousand requests, and building
the communes, actors and rows again for each of them would take minutes.

`world` is created once per module inside a transaction that is rolled back when the module
ends; each test still runs in its own savepoint (pytest-django's `db`), so a request that
writes leaves nothing behind for the next cell. The actors mirror `tests/conftest.py`: two
communes in two different provinces, and one user per role (the provincial officer and the
commune cadre are staff, so that they reach the admin).
"""

from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client
from rest_framework.test import APIClient

from accounts.models import Role, User
from accounts.services import token_issue
from tests.conftest import sign_in_verified
from tests.units.factories import CommuneFactory
from units.models import Commune

ROLES = ("national_admin", "provincial_staff", "commune_cadre", "aggregate_client", "anonymous")
STAFF_ROLES = ROLES[:3]
MISSING_PK = 999_999


@dataclass
class World:
    home: Commune
    other: Commune  # in another province
    users: dict[str, User]
    sessions: dict[str, str]
    rows: dict = field(default_factory=dict)
    # Form data read once per module (the rows do not change between cells).
    forms: dict = field(default_factory=dict)
    # Each role's API token, issued once: the API matrix authenticates as a program would.
    tokens: dict[str, str] = field(default_factory=dict)

    def client(self, role: str) -> Client:
        """Return a fresh client signed in as `role` (no cookies but the session's)."""
        client = Client()
        if role != "anonymous":
            client.cookies[settings.SESSION_COOKIE_NAME] = self.sessions[role]
        return client

    def api_client(self, role: str) -> APIClient:
        """Return a fresh API client sending `role`'s token (none for the anonymous caller)."""
        client = APIClient()
        if role != "anonymous":
            client.credentials(HTTP_AUTHORIZATION="Token " + self.tokens[role])
        return client


def make_actors(home: Commune) -> dict[str, User]:
    province = home.province
    return {
        "national_admin": User.objects.create_superuser(
            username="matrix_admin", password="pw", role=Role.NATIONAL_ADMIN
        ),
        "provincial_staff": User.objects.create_user(
            username="matrix_province",
            role=Role.PROVINCIAL_STAFF,
            province=province,
            is_staff=True,
        ),
        "commune_cadre": User.objects.create_user(
            username="matrix_cadre", role=Role.COMMUNE_CADRE, commune=home, is_staff=True
        ),
        "aggregate_client": User.objects.create_user(
            username="matrix_aggregates", role=Role.AGGREGATE_CLIENT, province=province
        ),
    }


def session_key(user: User) -> str:
    """Return a session of `user`, past the two-step sign-in where their role requires it."""
    client = sign_in_verified(Client(), user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker) -> Iterator[World]:
    """Build the module's world in one transaction, rolled back when the module is done."""
    with django_db_blocker.unblock(), transaction.atomic():
        home, other = CommuneFactory(), CommuneFactory()
        users = make_actors(home)
        sessions = {role: session_key(user) for role, user in users.items()}
        tokens = {role: token_issue(user=user) for role, user in users.items()}
        yield World(home=home, other=other, users=users, sessions=sessions, tokens=tokens)
        transaction.set_rollback(True)
