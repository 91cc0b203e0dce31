"""The pipeline page (being built)."""

from django.http import HttpRequest, HttpResponse

from config.access import requires


@requires("accounts.view_aggregates")
def pipeline(request: HttpRequest) -> HttpResponse:
    raise NotImplementedError
