"""Two-step sign-in (TOTP): required of national administrators, open to everyone else.

Every code is computed from the device's secret as the user's app computes it (RFC 6238,
`django_otp.oath.totp`); nothing of django-otp or of the project is mocked. Users sign in with
their password through the real sign-in page.
"""

import base64
import re

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from accounts.models import Role, User
from accounts.two_factor.checks import check_required_roles_exist
from tests.api.conftest import token_client
from tests.conftest import client_for, enrol, totp_code, wrong_code

pytestmark = pytest.mark.django_db

SETUP = reverse("two_factor:setup")
VERIFY = reverse("two_factor:verify")
REMOVE = reverse("two_factor:remove")
HOME = reverse("home")
PEOPLE = reverse("members:person_list")
TOKEN = reverse("api:token")
# A route of the API that a national administrator may read, by session or by token.
API_DIRECTIVES = reverse("api:directive_list")


@pytest.fixture
def new_admin(db) -> User:
    """A national administrator who has not enrolled yet (as on a new install)."""
    return User.objects.create_superuser(
        username="new_admin", password="pw", role=Role.NATIONAL_ADMIN
    )


def signed_in(username: str, password: str = "pw") -> Client:
    """Return a client that has passed the password step on the site's sign-in page."""
    client = Client()
    response = client.post(reverse("login"), {"username": username, "password": password})
    assert response.status_code == 302, "the password step failed"
    return client


def refusal(response) -> str:
    """Return the code of the refusal shown beside the code field."""
    return response.context["form"].errors.as_data()["code"][0].code


def verified(client: Client) -> bool:
    """Tell whether the session may open the home page (no step owed)."""
    return client.get(HOME).status_code == 200


# --- Required of national administrators -------------------------------------------------


@pytest.mark.parametrize(
    "url", [HOME, PEOPLE, reverse("reports:dashboard"), reverse("password_change")]
)
def test_national_admin_without_device_is_sent_to_enrolment_from_any_page(new_admin, url):
    response = signed_in("new_admin").get(url)

    assert response["Location"] == f"{SETUP}?next={url.replace('/', '%2F')}"


def test_national_admin_without_device_is_sent_to_enrolment_from_the_admin(new_admin):
    response = signed_in("new_admin").get(reverse("admin:index"))

    assert response["Location"].startswith(SETUP + "?next=")


def test_admin_sign_in_leads_a_national_admin_to_enrolment(new_admin):
    client = Client()
    client.post(reverse("admin:login"), {"username": "new_admin", "password": "pw"})

    assert client.get(reverse("admin:index"))["Location"].startswith(SETUP)


def test_enrolment_page_shows_an_svg_qr_code_and_the_key_in_base32(new_admin):
    response = signed_in("new_admin").get(SETUP)

    device = TOTPDevice.objects.get(user=new_admin, confirmed=False)
    shown = response.context["secret"].replace(" ", "")
    image = re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', response.content.decode())
    svg = base64.b64decode(image.group(1)).decode()
    assert (base64.b32decode(shown + "=" * (-len(shown) % 8)), "<svg" in svg) == (
        device.bin_key,
        True,
    )


def test_enrolment_keeps_its_key_when_the_page_is_opened_again(new_admin):
    client = signed_in("new_admin")
    first = client.get(SETUP).context["secret"]

    assert client.get(SETUP).context["secret"] == first


def test_enrolment_with_a_wrong_code_is_refused(new_admin):
    client = signed_in("new_admin")
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=new_admin)

    response = client.post(SETUP, {"code": wrong_code(device)})

    device.refresh_from_db()
    assert (refusal(response), device.confirmed, verified(client)) == ("wrong_code", False, False)


def test_enrolment_with_a_malformed_code_is_refused_beside_the_field(new_admin):
    client = signed_in("new_admin")
    client.get(SETUP)

    assert refusal(client.post(SETUP, {"code": "12ab56"})) == "malformed"


def test_enrolment_with_the_right_code_confirms_the_device_and_opens_the_pages(new_admin):
    client = signed_in("new_admin")
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=new_admin)

    response = client.post(SETUP, {"code": totp_code(device), "next": PEOPLE})

    device.refresh_from_db()
    assert (response["Location"], device.confirmed, verified(client)) == (PEOPLE, True, True)


def test_a_national_admin_with_a_device_cannot_remove_it(national_admin):
    device = enrol(national_admin)
    client = client_for(national_admin)

    response = client.post(REMOVE, {"code": totp_code(device)})

    assert (response.status_code, TOTPDevice.objects.filter(pk=device.pk).exists()) == (403, True)


def test_the_page_of_a_national_admin_says_it_cannot_be_turned_off(national_admin):
    response = client_for(national_admin).get(SETUP)

    assert (response.context["required"], REMOVE in response.content.decode()) == (True, False)


# --- The verification step after the password ---------------------------------------------


def test_after_the_password_a_user_with_a_device_is_held_at_verification(national_admin):
    enrol(national_admin)

    response = signed_in("admin").get(PEOPLE)

    assert response["Location"] == f"{VERIFY}?next={PEOPLE.replace('/', '%2F')}"


def test_the_right_code_opens_the_page_the_user_was_going_to(national_admin):
    device = enrol(national_admin)
    client = signed_in("admin")

    response = client.post(VERIFY, {"code": totp_code(device), "next": PEOPLE})

    assert (response["Location"], client.get(PEOPLE).status_code) == (PEOPLE, 200)


def test_verification_gives_the_session_a_new_key(national_admin):
    device = enrol(national_admin)
    client = signed_in("admin")
    before = client.session.session_key

    client.post(VERIFY, {"code": totp_code(device)})

    assert client.session.session_key != before


def test_a_wrong_code_is_refused_with_a_message(national_admin):
    device = enrol(national_admin)
    client = signed_in("admin")

    response = client.post(VERIFY, {"code": wrong_code(device)}, HTTP_ACCEPT_LANGUAGE="en")

    assert (refusal(response), verified(client)) == ("wrong_code", False)
    assert "This code is wrong or has expired" in response.content.decode()


def test_a_code_is_accepted_only_once(national_admin):
    device = enrol(national_admin)
    code = totp_code(device)
    signed_in("admin").post(VERIFY, {"code": code})
    other = signed_in("admin")

    response = other.post(VERIFY, {"code": code})

    assert (refusal(response), verified(other)) == ("wrong_code", False)


def test_after_a_wrong_code_the_next_one_waits_with_a_message(national_admin, settings):
    # Each wrong code doubles the wait; a factor of 60 s keeps the first wait longer than the test.
    settings.OTP_TOTP_THROTTLE_FACTOR = 60
    device = enrol(national_admin)
    client = signed_in("admin")
    client.post(VERIFY, {"code": wrong_code(device)})

    response = client.post(VERIFY, {"code": totp_code(device)}, HTTP_ACCEPT_LANGUAGE="en")

    assert (refusal(response), verified(client)) == ("throttled", False)
    assert re.search(r"Too many wrong codes\. Wait [0-9]+ seconds", response.content.decode())


def test_the_throttle_counts_the_wrong_codes_on_the_device(national_admin):
    device = enrol(national_admin)
    client = signed_in("admin")

    client.post(VERIFY, {"code": wrong_code(device)})

    device.refresh_from_db()
    assert device.throttling_failure_count == 1


def test_a_pending_session_cannot_reach_the_settings_of_its_device(national_admin):
    enrol(national_admin)

    response = signed_in("admin").get(SETUP)

    assert response["Location"].startswith(VERIFY)


def test_verification_does_not_follow_a_next_to_another_site(national_admin):
    device = enrol(national_admin)

    response = signed_in("admin").post(
        VERIFY, {"code": totp_code(device), "next": "https://example.com/"}
    )

    assert response["Location"] == HOME


@pytest.mark.parametrize(
    ("method", "url", "status"),
    [
        ("post", reverse("logout"), 302),
        ("post", reverse("admin:logout"), 302),
        ("post", reverse("set_language"), 302),
        ("get", reverse("healthz"), 200),
    ],
)
def test_a_pending_session_may_sign_out_switch_language_and_probe_health(
    new_admin, method, url, status
):
    response = getattr(signed_in("new_admin"), method)(url, {"language": "en"})

    assert (response.status_code, response.get("Location", "").startswith(SETUP)) == (
        status,
        False,
    )


# --- Optional for everyone else -----------------------------------------------------------


def test_a_commune_cadre_without_device_signs_in_with_the_password_alone(commune_cadre):
    client = signed_in("cadre")

    assert client.get(reverse("members:my_commune")).status_code == 200


def test_a_commune_cadre_may_enrol_and_is_then_asked_for_a_code(commune_cadre):
    client = signed_in("cadre")
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=commune_cadre)
    client.post(SETUP, {"code": totp_code(device)})

    response = signed_in("cadre").get(HOME)

    assert response["Location"].startswith(VERIFY)


def test_a_commune_cadre_removes_their_device_with_a_current_code(commune_cadre):
    device = enrol(commune_cadre)
    client = client_for(commune_cadre)

    response = client.post(REMOVE, {"code": totp_code(device)})

    assert (response["Location"], TOTPDevice.objects.filter(user=commune_cadre).exists()) == (
        SETUP,
        False,
    )


def test_removal_with_a_wrong_code_is_refused(commune_cadre):
    device = enrol(commune_cadre)

    response = client_for(commune_cadre).post(REMOVE, {"code": wrong_code(device)})

    assert (refusal(response), TOTPDevice.objects.filter(pk=device.pk).exists()) == (
        "wrong_code",
        True,
    )


# --- The API: a token is not a session sign-in, an unverified session is refused ---------


def test_a_session_api_call_of_an_unverified_national_admin_is_refused(new_admin):
    response = signed_in("new_admin").get(API_DIRECTIVES)

    assert (response.status_code, response.json()["errors"][0]["code"]) == (
        403,
        "two_factor_required",
    )


def test_a_session_api_call_of_a_user_held_at_verification_is_refused(national_admin):
    enrol(national_admin)

    response = signed_in("admin").get(API_DIRECTIVES)

    assert response.status_code == 403


def test_a_session_api_call_of_a_verified_national_admin_answers(national_admin):
    assert client_for(national_admin).get(API_DIRECTIVES).status_code == 200


def test_the_token_api_still_works_for_a_national_admin(national_admin):
    assert token_client(national_admin).get(API_DIRECTIVES).status_code == 200


def test_a_national_admins_password_alone_gives_no_token(national_admin):
    response = APIClient().post(TOKEN, {"username": "admin", "password": "pw"})

    assert (response.status_code, response.json()["errors"][0]["code"]) == (
        403,
        "two_factor_required",
    )


def test_an_enrolled_cadres_password_alone_gives_no_token(commune_cadre):
    enrol(commune_cadre)

    response = APIClient().post(TOKEN, {"username": "cadre", "password": "pw"})

    assert response.status_code == 403


# --- Recovery: another national administrator resets a lost phone ------------------------


def test_reset_two_factor_deletes_the_device_and_says_so(national_admin, capsys):
    enrol(national_admin)

    call_command("reset_two_factor", "admin")

    out = capsys.readouterr().out
    assert (TOTPDevice.objects.filter(user=national_admin).exists(), "admin" in out) == (
        False,
        True,
    )


def test_reset_two_factor_refuses_an_unknown_user(db):
    with pytest.raises(CommandError, match="nobody"):
        call_command("reset_two_factor", "nobody")


def test_after_a_reset_the_verified_session_is_sent_to_enrolment(national_admin):
    enrol(national_admin)
    client = client_for(national_admin)

    call_command("reset_two_factor", "admin")

    assert client.get(HOME)["Location"].startswith(SETUP)


def test_a_national_admin_resets_another_ones_device_in_the_admin(national_admin):
    other = User.objects.create_superuser(
        username="admin2", password="pw", role=Role.NATIONAL_ADMIN
    )
    device = enrol(other)
    url = reverse("admin:otp_totp_totpdevice_delete", args=[device.pk])

    client_for(national_admin).post(url, {"post": "yes"})

    assert not TOTPDevice.objects.filter(user=other).exists()


def test_a_national_admin_cannot_delete_their_own_device_in_the_admin(national_admin):
    device = enrol(national_admin)
    url = reverse("admin:otp_totp_totpdevice_delete", args=[device.pk])

    response = client_for(national_admin).post(url, {"post": "yes"})

    assert (response.status_code, TOTPDevice.objects.filter(pk=device.pk).exists()) == (
        403,
        True,
    )


def test_the_admin_never_shows_a_devices_secret(national_admin):
    device = enrol(national_admin)
    url = reverse("admin:otp_totp_totpdevice_change", args=[device.pk])

    page = client_for(national_admin).get(url).content.decode()

    assert device.key not in page


# --- The setting ---------------------------------------------------------------------------


def test_a_misspelt_required_role_is_an_error_at_start_up(settings):
    settings.TWO_FACTOR_REQUIRED_ROLES = ["national-admin"]

    assert [error.id for error in check_required_roles_exist()] == ["accounts.E201"]


def test_the_settings_require_two_step_sign_in_of_national_admins_alone(settings):
    assert settings.TWO_FACTOR_REQUIRED_ROLES == [Role.NATIONAL_ADMIN]
