"""Database constraints of accounts: a scoped role always carries its area."""

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from accounts.models import Role, User
from tests.test_constraint_coverage import covers, find_constraint, refused_by
from tests.units.factories import CommuneFactory, ProvinceFactory

pytestmark = pytest.mark.django_db


@covers("user_provincial_staff_has_province")
def test_provincial_staff_without_province_is_refused():
    with refused_by("user_provincial_staff_has_province"):
        User.objects.create(username="staff", role=Role.PROVINCIAL_STAFF)


def test_provincial_staff_with_province_is_stored():
    User.objects.create(username="staff", role=Role.PROVINCIAL_STAFF, province=ProvinceFactory())

    assert User.objects.filter(username="staff").exists()


@covers("user_commune_cadre_has_commune")
def test_commune_cadre_without_commune_is_refused():
    with refused_by("user_commune_cadre_has_commune"):
        User.objects.create(username="cadre", role=Role.COMMUNE_CADRE, province=ProvinceFactory())


def test_commune_cadre_with_commune_is_stored():
    User.objects.create(username="cadre", role=Role.COMMUNE_CADRE, commune=CommuneFactory())

    assert User.objects.filter(username="cadre").exists()


def test_updating_commune_cadre_to_drop_the_commune_is_refused():
    User.objects.create(username="cadre", role=Role.COMMUNE_CADRE, commune=CommuneFactory())

    with refused_by("user_commune_cadre_has_commune"):
        User.objects.filter(username="cadre").update(commune=None)


@pytest.mark.parametrize("role", [Role.NATIONAL_ADMIN, Role.AGGREGATE_CLIENT, ""])
def test_roles_without_an_area_are_stored_without_one(role):
    User.objects.create(username="user", role=role)

    assert User.objects.filter(username="user").exists()


def test_full_clean_reports_the_missing_province_message():
    user = User(username="staff", role=Role.PROVINCIAL_STAFF)
    user.set_password("pw")

    with pytest.raises(ValidationError) as error:
        user.full_clean()

    expected = find_constraint("user_provincial_staff_has_province").violation_error_message
    assert error.value.message_dict[NON_FIELD_ERRORS] == [expected]
