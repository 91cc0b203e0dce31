"""The read log names where a person was read in words, not by its stored code."""

from django.utils import translation

from audit.purposes import purpose_label


def test_a_known_place_is_named_in_vietnamese():
    with translation.override("vi"):
        assert purpose_label("detail") == "trang cá nhân"


def test_an_admin_page_names_its_model():
    with translation.override("en"):
        assert purpose_label("admin_partyrecord_history") == "admin history: party record"


def test_an_unknown_code_shows_as_stored():
    assert purpose_label("something_new") == "something_new"
