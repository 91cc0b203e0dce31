"""The explain page (being built)."""

from django.http import HttpRequest, HttpResponse

from config.access import requires


@requires("accounts.view_aggregates")
def explain(request: HttpRequest) -> HttpResponse:
    raise NotImplementedError
