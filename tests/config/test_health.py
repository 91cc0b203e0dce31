"""`/healthz`: open to anonymous probes, 200 when migrated, 503 naming the failed check."""

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

# `sessions` has one migration that no other app depends on: unapplying it leaves exactly one
# migration unapplied and touches nothing else.
APP = "sessions"


@pytest.mark.django_db
def test_migrated_database_answers_200_to_an_anonymous_probe():
    response = Client().get(reverse("healthz"))

    assert (response.status_code, response.json()) == (
        200,
        {"status": "ok", "database": "ok", "migrations": "ok"},
    )


@pytest.mark.django_db(transaction=True)
def test_unapplied_migration_answers_503_naming_migrations():
    call_command("migrate", APP, "zero", verbosity=0)
    try:
        response = Client().get(reverse("healthz"))
    finally:
        call_command("migrate", APP, verbosity=0)

    assert (response.status_code, response.json()) == (
        503,
        {"status": "failed", "database": "ok", "migrations": "failed"},
    )


@pytest.mark.django_db
def test_health_refuses_post():
    assert Client().post(reverse("healthz")).status_code == 405
