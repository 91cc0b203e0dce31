"""Sign-in protection: after five wrong passwords an account, or an address, is locked.

django-axes counts failures per username and per address in the database (each test's
transaction rolls them back). A locked sign-in is refused even with the right password, with
the Vietnamese lockout page on the HTML sign-in pages and the API's JSON error on the token
endpoint; the national administrator unlocks with `axes_reset_username`.
"""

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

LOGIN = reverse("login")
ADMIN_LOGIN = reverse("admin:login")
TOKEN = reverse("api:token")
LOCKED_PAGE = "registration/locked_out.html"
HOME, OTHER = "10.0.0.1", "10.0.0.2"


def sign_in(username: str, password: str, *, address: str = HOME, url: str = LOGIN):
    client = Client(REMOTE_ADDR=address)
    return client.post(url, {"username": username, "password": password}), client


def fail(times: int, *, usernames: list[str], address: str = HOME, url: str = LOGIN) -> None:
    for attempt in range(times):
        sign_in(usernames[attempt % len(usernames)], "wrong", address=address, url=url)


def templates_of(response) -> bool:
    return LOCKED_PAGE in {template.name for template in response.templates}


def signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_the_right_password_after_five_wrong_ones_gets_the_lockout_page(commune_cadre):
    fail(5, usernames=["cadre"])

    response, client = sign_in("cadre", "pw")

    assert (response.status_code, templates_of(response), signed_in(client)) == (429, True, False)


def test_four_wrong_passwords_still_let_the_right_one_in(commune_cadre):
    fail(4, usernames=["cadre"])

    response, client = sign_in("cadre", "pw")

    assert (response.status_code, signed_in(client)) == (302, True)


def test_a_locked_account_is_refused_from_another_address_too(commune_cadre):
    fail(5, usernames=["cadre"])

    response, client = sign_in("cadre", "pw", address=OTHER)

    assert (response.status_code, signed_in(client)) == (429, False)


def test_five_failures_on_different_accounts_lock_the_address(commune_cadre):
    fail(5, usernames=["a", "b", "c", "d", "e"])

    response, client = sign_in("cadre", "pw")

    assert (response.status_code, signed_in(client)) == (429, False)


def test_a_locked_address_does_not_lock_the_accounts_tried_from_it_elsewhere(commune_cadre):
    fail(4, usernames=["a", "b", "c", "d"])
    fail(1, usernames=["cadre"])

    response, client = sign_in("cadre", "pw", address=OTHER)

    assert (response.status_code, signed_in(client)) == (302, True)


def test_the_admin_sign_in_locks_after_five_wrong_passwords(national_admin):
    fail(5, usernames=["admin"], url=ADMIN_LOGIN)

    response, client = sign_in("admin", "pw", url=ADMIN_LOGIN)

    assert (response.status_code, templates_of(response), signed_in(client)) == (429, True, False)


def test_failures_on_the_admin_sign_in_lock_the_site_sign_in_too(national_admin):
    fail(5, usernames=["admin"], url=ADMIN_LOGIN)

    response, client = sign_in("admin", "pw")

    assert (response.status_code, signed_in(client)) == (429, False)


def test_the_token_endpoint_answers_429_locked_out_in_json(aggregate_client):
    api = APIClient(REMOTE_ADDR=HOME)
    for _ in range(5):
        api.post(TOKEN, {"username": "aggregates", "password": "wrong"})

    response = api.post(TOKEN, {"username": "aggregates", "password": "pw"})

    assert (response.status_code, response.json()["errors"][0]["code"]) == (429, "locked_out")


def test_failures_on_the_token_endpoint_lock_the_sign_in_page(aggregate_client):
    api = APIClient(REMOTE_ADDR=HOME)
    for _ in range(5):
        api.post(TOKEN, {"username": "aggregates", "password": "wrong"})

    response, client = sign_in("aggregates", "pw", address=OTHER)

    assert (response.status_code, signed_in(client)) == (429, False)


def test_resetting_the_username_lets_the_user_in_again(commune_cadre):
    fail(5, usernames=["cadre"])

    call_command("axes_reset_username", "cadre")
    response, client = sign_in("cadre", "pw")

    assert (response.status_code, signed_in(client)) == (302, True)


def test_a_successful_sign_in_does_not_reset_its_address_count(commune_cadre):
    fail(3, usernames=["a", "b", "c"])
    sign_in("cadre", "pw")
    fail(2, usernames=["d", "e"])

    response, client = sign_in("cadre", "pw")

    assert (response.status_code, signed_in(client)) == (429, False)


def test_behind_the_proxy_each_client_address_counts_apart(commune_cadre, settings):
    settings.CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    for username in ["a", "b", "c", "d", "e"]:
        Client(REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP=HOME).post(
            LOGIN, {"username": username, "password": "wrong"}
        )
    client = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP=OTHER)

    response = client.post(LOGIN, {"username": "cadre", "password": "pw"})

    assert (response.status_code, signed_in(client)) == (302, True)


def test_without_a_proxy_a_forged_address_header_is_ignored(commune_cadre):
    for username in ["a", "b", "c", "d", "e"]:
        Client(REMOTE_ADDR=HOME, HTTP_X_REAL_IP=username).post(
            LOGIN, {"username": username, "password": "wrong"}
        )
    client = Client(REMOTE_ADDR=HOME, HTTP_X_REAL_IP=OTHER)

    response = client.post(LOGIN, {"username": "cadre", "password": "pw"})

    assert (response.status_code, signed_in(client)) == (429, False)
