"""Vietnamese is the default language and the catalogue covers every user-facing string."""

import re
from pathlib import Path

from django.conf import settings
from django.utils import translation

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
