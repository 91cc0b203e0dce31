"""Actors shared by every test module."""

import re

import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP, totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Role, User
from accounts.roles import role_groups_sync
from accounts.two_factor.services import two_factor_required


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Give the role groups exactly the permissions `accounts.roles` declares, as setup does."""
    with django_db_blocker.unblock():
        role_groups_sync()


@pytest.fixture
def national_admin(db) -> User:
    """A national administrator, enrolled in the two-step sign-in their role requires."""
    user = User.objects.create_superuser(
        username="admin", password="pw", role=Role.NATIONAL_ADMIN, email="admin@example.vn"
    )
    enrol(user)
    return user


@pytest.fixture
def admin_client(national_admin) -> Client:
    return client_for(national_admin)


# Role actors: two communes of one province, and a third commune in another province.
@pytest.fixture
def home_commune(db):
    from tests.units.factories import CommuneFactory

    return CommuneFactory()


@pytest.fixture
def other_commune(db):
    from tests.units.factories import CommuneFactory

    return CommuneFactory()


@pytest.fixture
def province_officer(home_commune) -> User:
    return User.objects.create_user(
        username="province",
        password="pw",
        role=Role.PROVINCIAL_STAFF,
        province=home_commune.province,
    )


@pytest.fixture
def commune_cadre(home_commune) -> User:
    return User.objects.create_user(
        username="cadre", password="pw", role=Role.COMMUNE_CADRE, commune=home_commune
    )


@pytest.fixture
def other_commune_cadre(other_commune) -> User:
    return User.objects.create_user(
        username="other_cadre", password="pw", role=Role.COMMUNE_CADRE, commune=other_commune
    )


@pytest.fixture
def aggregate_client(home_commune) -> User:
    return User.objects.create_user(
        username="aggregates",
        password="pw",
        role=Role.AGGREGATE_CLIENT,
        province=home_commune.province,
    )


def client_for(user: User) -> Client:
    """Return a client signed in as `user`, past the two-step sign-in where their role needs it."""
    return sign_in_verified(Client(), user)


# Two-step sign-in (accounts.two_factor): enforced in the tests as in production. A national
# administrator signs in with a real, confirmed TOTP device, and the session carries that
# device as django-otp's own login records it after a right code.
def enrol(user: User) -> TOTPDevice:
    """Return the confirmed TOTP device of `user`, enrolling one (a random secret) if needed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="test phone", confirmed=True)


def sign_in_verified(client: Client, user: User) -> Client:
    """Sign `user` in on `client`; past the two-step sign-in (as after a right code) where their
    role requires it or they have enrolled."""
    client.force_login(user)
    if two_factor_required(user) or TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = enrol(user).persistent_id
        session.save()
    return client


def totp_code(device: TOTPDevice) -> str:
    """Return the code the user's app shows now, computed from the device's secret (RFC 6238).

    A code is accepted once: when this time step's code was used already (two sign-ins within
    one step), the next step's code, which the device's tolerance accepts, is returned instead.
    """
    device.refresh_from_db()
    now = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).t()
    ahead = max(0, device.last_t + 1 - now)
    assert ahead <= device.tolerance, "no unused code within the tolerance: wait for the next step"
    code = totp(device.bin_key, device.step, device.t0, device.digits, device.drift + ahead)
    return f"{code:0{device.digits}d}"


def wrong_code(device: TOTPDevice) -> str:
    """Return a well-formed code that no step within the device's tolerance accepts."""
    window = {
        totp(device.bin_key, device.step, device.t0, device.digits, device.drift + offset)
        for offset in range(-device.tolerance - 1, device.tolerance + 2)
    }
    return f"{next(n for n in range(10**device.digits) if n not in window):0{device.digits}d}"


CSRF_VALUE = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


def page_text(response) -> str:
    """Return the body of an HTML response without its per-response CSRF token."""
    return CSRF_VALUE.sub('name="csrfmiddlewaretoken"', response.content.decode())
