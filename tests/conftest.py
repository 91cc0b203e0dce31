"""Actors shared by every test module."""

import pytest
from django.test import Client

from accounts.models import Role, User


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
