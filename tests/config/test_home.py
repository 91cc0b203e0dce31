"""The home page shows each role what it came for; programs get the API docs and a token."""

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token

from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def first_card(user) -> str:
    html = client_for(user).get(reverse("home")).content.decode()
    start = html.index('class="first"')
    return html[html.index('href="', start) + 6 : html.index('"', html.index('href="', start) + 6)]


def test_provincial_staff_see_the_dashboard_first(province_officer):
    assert first_card(province_officer) == reverse("reports:dashboard")


def test_a_commune_cadre_sees_my_commune_first(commune_cadre):
    assert first_card(commune_cadre) == reverse("members:my_commune")


def test_an_aggregate_client_sees_the_api_documentation(aggregate_client):
    html = client_for(aggregate_client).get(reverse("home")).content.decode()
    assert reverse("api:docs") in html


def test_a_cadre_is_not_offered_the_api_section(commune_cadre):
    html = client_for(commune_cadre).get(reverse("home")).content.decode()
    assert 'id="api-access"' not in html


def test_a_new_token_is_shown_once_and_replaces_the_old_one(aggregate_client):
    old = Token.objects.create(user=aggregate_client).key
    html = client_for(aggregate_client).post(reverse("api_token_new")).content.decode()
    new = Token.objects.get(user=aggregate_client).key
    assert (new != old, new in html) == (True, True)
