"""Absurd query strings and NUL characters in the admin and the HTML forms: refused, never a 500.

Run on PostgreSQL too (DATABASE_URL): it refuses a NUL in a query only when the query runs,
where SQLite just finds nothing.
"""

import json

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from config.admin_input import BadInputAdminMixin
from members.models import Person
from tests.conftest import client_for
from tests.members.factories import PersonFactory, ServiceRecordFactory
from tests.targets.factories import DirectiveFactory
from tests.units.factories import CommuneFactory

pytestmark = pytest.mark.django_db

# Two change lists with a date hierarchy: a year, month or day beyond what a date holds.
ABSURD_DATES = [
    "{field}__year=99999999999999999999",
    "{field}__year=9999",
    "{field}__year=9999&{field}__month=12",
    "{field}__year=2024&{field}__month=abc",
    "{field}__year=2024&{field}__day=99999999999999999999",
    "{field}__year=2024%00",
]
DATED_CHANGE_LISTS = [
    ("admin:members_servicerecord_changelist", "start"),
    ("admin:targets_directive_changelist", "issued_on"),
]
# Filters offered by two change lists, given a NUL character.
NUL_FILTERS = [
    ("admin:members_servicerecord_changelist", "force__exact=militia%00"),
    ("admin:members_person_changelist", "sex__exact=male%00"),
    ("admin:members_person_changelist", "residence_commune__province__id__exact=1%00"),
]


@pytest.fixture
def client(admin_client: Client) -> Client:
    ServiceRecordFactory()
    DirectiveFactory()
    admin_client.raise_request_exception = False
    return admin_client


@pytest.mark.parametrize("name, field", DATED_CHANGE_LISTS)
@pytest.mark.parametrize("query", ABSURD_DATES)
def test_absurd_date_hierarchy_value_redirects_to_the_invalid_filter_page(
    client, name, field, query
):
    response = client.get(reverse(name) + "?" + query.format(field=field))
    assert (response.status_code, response.get("Location")) == (302, reverse(name) + "?e=1")


@pytest.mark.parametrize("name, query", NUL_FILTERS)
def test_nul_in_a_filter_value_redirects_to_the_invalid_filter_page(client, name, query):
    response = client.get(reverse(name) + "?" + query)
    assert (response.status_code, response.get("Location")) == (302, reverse(name) + "?e=1")


def test_nul_in_the_change_list_search_is_refused_with_a_message(client):
    response = client.get(reverse("admin:members_person_changelist") + "?q=a%00b")
    assert response.status_code == 200
    assert response.context["cl"].query == ""


def test_sensible_date_hierarchy_value_still_filters(client):
    response = client.get(reverse("admin:members_servicerecord_changelist") + "?start__year=2022")
    assert (response.status_code, response.context["cl"].result_count) == (200, 1)


@pytest.mark.parametrize(
    "model_name, field_name",
    [("servicerecord", "person"), ("directive", "province"), ("person", "residence_commune")],
)
def test_autocomplete_term_with_nul_finds_nothing(client, model_name, field_name):
    app_label = "targets" if model_name == "directive" else "members"
    query = f"term=a%00b&app_label={app_label}&model_name={model_name}&field_name={field_name}"
    response = client.get(reverse("admin:autocomplete") + "?" + query)
    assert (response.status_code, json.loads(response.content)["results"]) == (200, [])


def test_every_project_admin_refuses_bad_query_strings():
    # Django's own GroupAdmin has no autocomplete target nor filter a NUL could reach.
    unguarded = [
        model._meta.label
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label != "auth" and not isinstance(model_admin, BadInputAdminMixin)
    ]
    assert unguarded == []


def test_admin_refuses_a_person_born_in_the_future_beside_the_field(admin_client):
    commune = CommuneFactory()
    data = {
        "full_name": "Nguyễn Văn An",
        "birth_date": "2090-01-01",
        "sex": "male",
        "ethnicity": "Kinh",
        "military_training": "none",
        "residence_commune": str(commune.pk),
    }
    for prefix in ("services", "posts", "party_records", "ratings"):
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    response = admin_client.post(reverse("admin:members_person_add"), data)
    assert list(response.context["adminform"].form.errors) == ["birth_date"]
    assert Person.objects.count() == 0


# The HTML pages: Django's form fields refuse a NUL character before any query runs.


def test_person_list_filter_with_nul_answers_the_list(commune_cadre):
    PersonFactory(residence_commune=commune_cadre.commune)
    response = client_for(commune_cadre).get(reverse("members:person_list") + "?name=a%00b")
    assert response.status_code == 200


def test_person_form_refuses_a_name_with_nul_beside_the_field(commune_cadre):
    data = {
        "full_name": "Nguyễn\x00Văn",
        "birth_date": "17/05/1995",
        "sex": "male",
        "ethnicity": "Kinh",
        "military_training": "none",
        "residence_commune": str(commune_cadre.commune.pk),
    }
    for prefix in ("services", "posts", "party_records"):
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    response = client_for(commune_cadre).post(reverse("members:person_create"), data)
    assert list(response.context["form"].errors) == ["full_name"]
    assert Person.objects.count() == 0
