"""Password reset is offered, and routed, only where the install can send mail."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation

from accounts.models import User

pytestmark = pytest.mark.django_db

RESET_ROUTES = ("password_reset", "password_reset_done", "password_reset_complete")


@pytest.fixture
def mail_configured(settings):
    settings.EMAIL_CONFIGURED = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def no_mail(settings):
    settings.EMAIL_CONFIGURED = False


def login_page(client: Client) -> str:
    with translation.override("en"):
        return client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en").content.decode()


@pytest.mark.parametrize("route", RESET_ROUTES)
def test_reset_pages_answer_404_without_mail(no_mail, route):
    assert Client().get(reverse(route)).status_code == 404


def test_reset_link_answers_404_without_mail(no_mail):
    url = reverse("password_reset_confirm", kwargs={"uidb64": "MQ", "token": "set-password"})

    assert Client().get(url).status_code == 404


def test_login_page_without_mail_says_to_ask_an_administrator(no_mail):
    page = login_page(Client())

    assert ("Ask an administrator" in page, reverse("password_reset") in page) == (True, False)


def test_login_page_with_mail_links_to_the_reset(mail_configured):
    page = login_page(Client())

    assert (reverse("password_reset") in page, "Ask an administrator" in page) == (True, False)


def test_reset_by_mail_sets_the_new_password(mail_configured):
    User.objects.create_user(username="cadre", password="old-pw", email="cadre@example.vn")
    client = Client()
    client.post(reverse("password_reset"), {"email": "cadre@example.vn"})
    link = re.search(r"https?://[^/]+(/accounts/reset/\S+/)", mail.outbox[0].body).group(1)
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    new = "a-Long-new-pass-2025"
    client.post(form_url, {"new_password1": new, "new_password2": new})

    assert User.objects.get(username="cadre").check_password(new)
