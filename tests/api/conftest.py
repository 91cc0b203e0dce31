"""API clients: DRF's test client authenticated by a real token, as a program would be."""

import pytest
from rest_framework.test import APIClient

from accounts.services import token_issue


def token_client(user) -> APIClient:
    """Return a client sending `Authorization: Token <key>` for `user`."""
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token " + token_issue(user=user))
    return client


@pytest.fixture
def anonymous_api() -> APIClient:
    return APIClient()
