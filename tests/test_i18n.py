"""Vietnamese is the default language and the catalogue covers every user-facing string."""

import datetime
import re
from pathlib import Path

import pytest
from django import forms
from django.conf import settings
from django.contrib.auth.password_validation import get_password_validators, validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import formats, translation

from accounts.models import User
from units.models import Force

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "vi" / "LC_MESSAGES" / "django.po"


def test_vietnamese_is_the_default_language():
    assert settings.LANGUAGE_CODE == "vi"


def test_force_names_read_in_vietnamese():
    with translation.override("vi"):
        assert str(Force.MILITIA.label) == "Dân quân"


def joined(block: str) -> str:
    """Join the quoted lines of a .po block into one string."""
    return "".join(re.findall(r'"(.*)"', block))


def untranslated_msgids(text: str) -> list[str]:
    """Return the msgids whose msgstr is empty (the header, msgid "", excepted)."""
    entry = re.compile(r'^msgid ("(?:.*)"\n(?:".*"\n)*)msgstr ("(?:.*)"\n(?:".*"\n)*)', re.M)
    return [
        joined(msgid)
        for msgid, msgstr in entry.findall(text)
        if joined(msgid) and not joined(msgstr)
    ]


def test_every_message_of_the_catalogue_is_translated():
    assert untranslated_msgids(CATALOGUE.read_text(encoding="utf-8")) == []


def test_dates_read_and_show_the_vietnamese_way():
    with translation.override("vi"):
        parsed = forms.DateField().clean("05/06/2024")
        shown = formats.date_format(parsed, "SHORT_DATE_FORMAT")
    assert (parsed, shown) == (datetime.date(2024, 6, 5), "05/06/2024")


def test_numbers_show_the_vietnamese_way():
    with translation.override("vi"):
        assert formats.number_format(1189.5, 1, force_grouping=True) == "1.189,5"


# --- Sign-in protection (issue 13): password rules and the lockout page read in Vietnamese. ---

WEAK_PASSWORDS = {
    "django.contrib.auth.password_validation.UserAttributeSimilarityValidator": (
        "nguyenvana",
        "Mật khẩu quá giống với Tên đăng nhập.",
    ),
    "django.contrib.auth.password_validation.MinimumLengthValidator": (
        "Xy7#",
        "Mật khẩu quá ngắn. Mật khẩu phải có ít nhất 8 ký tự.",
    ),
    "django.contrib.auth.password_validation.CommonPasswordValidator": (
        "password",
        "Mật khẩu này quá phổ biến.",
    ),
    "django.contrib.auth.password_validation.NumericPasswordValidator": (
        "40817263951",
        "Mật khẩu này hoàn toàn là số.",
    ),
}


@pytest.mark.parametrize("validator", list(WEAK_PASSWORDS), ids=lambda name: name.split(".")[-1])
def test_each_password_rule_refuses_in_vietnamese(validator):
    password, message = WEAK_PASSWORDS[validator]
    user = User(username="nguyenvana")
    with translation.override("vi"), pytest.raises(ValidationError) as refused:
        validate_password(
            password, user, password_validators=get_password_validators([{"NAME": validator}])
        )
    assert refused.value.messages == [message]


@pytest.mark.django_db
def test_the_lockout_page_reads_in_vietnamese(client):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "cadre", "password": "wrong"})
    response = client.post(reverse("login"), {"username": "cadre", "password": "wrong"})
    assert "bị khóa trong 30 phút" in response.text
