"""The trend page (being built)."""

from django.http import HttpRequest, HttpResponse

from config.access import requires


@requires("accounts.view_aggregates")
def trend(request: HttpRequest) -> HttpResponse:
    raise NotImplementedError
