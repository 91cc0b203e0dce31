"""Tokens: issued for good credentials, refused for bad ones, revoked, and required."""

import re

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from rest_framework.authtoken.models import Token

from tests.api.conftest import token_client

pytestmark = pytest.mark.django_db
TOKEN_URL = reverse("api:token")
SCHEMA_URL = reverse("api:schema")


def test_good_credentials_get_a_token(anonymous_api, aggregate_client):
    response = anonymous_api.post(TOKEN_URL, {"username": "aggregates", "password": "pw"})
    assert response.json() == {"token": Token.objects.get(user=aggregate_client).key}


def test_wrong_password_answers_400_with_a_json_error(anonymous_api, aggregate_client):
    response = anonymous_api.post(TOKEN_URL, {"username": "aggregates", "password": "nope"})
    assert (response.status_code, response.json()["errors"][0]["code"]) == (
        400,
        "invalid_credentials",
    )


def test_missing_password_names_the_field(anonymous_api, aggregate_client):
    response = anonymous_api.post(TOKEN_URL, {"username": "aggregates"}, format="json")
    assert response.json()["errors"][0]["field"] == "password"


def test_a_request_without_token_answers_401(anonymous_api):
    response = anonymous_api.delete(TOKEN_URL)
    assert (response.status_code, response["WWW-Authenticate"]) == (401, "Token")


def test_a_revoked_token_no_longer_opens_the_api(aggregate_client):
    client = token_client(aggregate_client)
    client.delete(TOKEN_URL)
    assert client.delete(TOKEN_URL).status_code == 401


def test_the_browser_session_opens_the_api(client, aggregate_client):
    client.force_login(aggregate_client)
    Token.objects.create(user=aggregate_client)
    client.delete(TOKEN_URL)
    assert not Token.objects.filter(user=aggregate_client).exists()


def test_the_schema_is_openapi_3(anonymous_api):
    assert anonymous_api.get(SCHEMA_URL, HTTP_ACCEPT="application/json").json()["openapi"][0] == "3"


def test_issue_token_prints_the_users_token(aggregate_client, capsys):
    call_command("issue_token", "aggregates")
    assert capsys.readouterr().out.strip() == Token.objects.get(user=aggregate_client).key


def test_issue_token_rotate_replaces_the_token(aggregate_client, capsys):
    call_command("issue_token", "aggregates")
    first = capsys.readouterr().out.strip()
    call_command("issue_token", "aggregates", "--rotate")
    assert capsys.readouterr().out.strip() not in ("", first)


def test_issue_token_refuses_an_unknown_user(db):
    with pytest.raises(CommandError, match="USERNAME"):
        call_command("issue_token", "nobody")


def test_docs_page_loads_nothing_from_outside(client, aggregate_client):
    client.force_login(aggregate_client)
    html = client.get(reverse("api:docs")).content.decode()
    assert re.findall(r'(?:src|href)="(https?://[^"]+)"', html) == []


def test_issue_token_revoke_ends_the_token(aggregate_client):
    call_command("issue_token", "aggregates")
    call_command("issue_token", "aggregates", "--revoke")
    assert not Token.objects.filter(user=aggregate_client).exists()


def test_a_malformed_id_answers_the_json_404(aggregate_client):
    response = token_client(aggregate_client).get("/api/v1/directives/null,null/")
    assert (response.status_code, response.json()["errors"][0]["code"]) == (404, "not_found")


def test_a_post_to_a_wrong_path_answers_the_json_404_not_a_csrf_page(aggregate_client):
    client = token_client(aggregate_client)
    client.handler.enforce_csrf_checks = True
    response = client.patch("/api/v1/directives/null,null/", {}, format="json")
    assert (response.status_code, response["Content-Type"]) == (404, "application/json")
