"""Per-user throttling: past the configured rate the API answers 429 with Retry-After."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from tests.api.conftest import token_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_a_minute(settings):
    """Allow each user two requests a minute, counted from an empty cache."""
    rates = {"anon": "100/minute", "user": "2/minute"}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    cache.clear()
    yield
    cache.clear()


def test_the_request_past_the_rate_answers_429_with_retry_after(aggregate_client, two_a_minute):
    client = token_client(aggregate_client)
    url = reverse("api:schema")
    allowed = [client.get(url).status_code for _ in range(2)]
    third = client.get(url)
    assert (allowed, third.status_code, int(third["Retry-After"]) > 0) == ([200, 200], 429, True)
