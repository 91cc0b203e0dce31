"""The 400, 403, 404 and 500 pages speak Vietnamese in the site's layout and leak nothing."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import RequestFactory
from django.utils import translation
from django.views import defaults

pytestmark = pytest.mark.django_db

PAGES = {
    400: (defaults.bad_request, Exception("secret detail 400"), "Yêu cầu không hợp lệ"),
    403: (defaults.permission_denied, PermissionDenied("secret detail 403"), "Không được phép"),
    404: (defaults.page_not_found, Http404("secret detail 404"), "Không tìm thấy"),
}


def request():
    made = RequestFactory().get("/nowhere/")
    made.user = AnonymousUser()
    return made


@pytest.mark.parametrize("status", sorted(PAGES))
def test_the_error_page_reads_in_vietnamese(status):
    view, exception, title = PAGES[status]
    with translation.override("vi"):
        body = view(request(), exception).content.decode()
    assert f'id="error-title">{title}<' in body


@pytest.mark.parametrize("status", sorted(PAGES))
def test_the_error_page_does_not_show_the_exceptions_text(status):
    view, exception, _title = PAGES[status]
    with translation.override("vi"):
        body = view(request(), exception).content.decode()
    assert "secret detail" not in body


def test_the_server_error_page_reads_in_vietnamese_in_the_sites_layout():
    with translation.override("vi"):
        body = defaults.server_error(request()).content.decode()
    assert ('id="error-title">Lỗi máy chủ<' in body, 'class="site-header"' in body) == (True, True)
