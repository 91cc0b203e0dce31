"""The request log line (config/observability.py): one JSON line, no personal data."""

import json
import logging

import pytest

from accounts.models import Role, User
from config.observability import JsonFormatter

LOGGER = "dqtv.request"


@pytest.fixture
def logged(db, settings, caplog):
    """Production's outermost middleware in front of the test settings' stack."""
    settings.MIDDLEWARE = ["config.observability.RequestLogMiddleware", *settings.MIDDLEWARE]
    caplog.set_level(logging.INFO, logger=LOGGER)
    return caplog


def request_lines(caplog) -> list[str]:
    formatter = JsonFormatter()
    return [formatter.format(r) for r in caplog.records if r.name == LOGGER]


@pytest.fixture
def named_user(home_commune) -> User:
    return User.objects.create_user(
        username="nguyen_van_an", password="pw", role=Role.COMMUNE_CADRE, commune=home_commune
    )


def test_a_request_is_logged_as_one_json_line_with_its_fields(client, named_user, logged):
    client.force_login(named_user)
    client.get("/members/people/?q=Tran+Thi+Binh&national_id=001099012345")
    (line,) = request_lines(logged)
    assert "\n" not in line
    fields = json.loads(line)
    assert fields["user_id"] == named_user.pk
    assert (fields["method"], fields["path"], fields["status"]) == ("GET", "/members/people/", 200)
    assert fields["duration_ms"] >= 0 and fields["request_id"]


def test_the_log_line_holds_no_query_string_and_no_username(client, named_user, logged):
    client.force_login(named_user)
    client.get("/members/people/?q=Tran+Thi+Binh&national_id=001099012345")
    (line,) = request_lines(logged)
    for personal in ("Tran", "001099012345", "q=", "nguyen_van_an"):
        assert personal not in line


def test_an_anonymous_request_is_logged_without_a_user_id(client, logged):
    client.get("/")
    (line,) = request_lines(logged)
    assert json.loads(line)["user_id"] is None


def test_the_proxy_request_id_is_logged_and_echoed(client, logged):
    response = client.get("/", headers={"X-Request-ID": "abc-123"})
    (line,) = request_lines(logged)
    assert json.loads(line)["request_id"] == "abc-123" == response["X-Request-ID"]


def test_a_request_id_that_is_not_an_id_is_replaced(client, logged):
    forged = '"}\n{"user_id": 1'
    response = client.get("/", headers={"X-Request-ID": forged})
    (line,) = request_lines(logged)
    assert json.loads(line)["request_id"] == response["X-Request-ID"] != forged
