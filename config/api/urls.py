"""The REST API, version 1: every app's API routes under one namespace, the schema and docs."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from config.api.errors import not_found

app_name = "api"

urlpatterns = [
    path("", include("accounts.api.urls")),
    path("reports/", include("reports.api.urls")),
    path("units/", include("units.api.urls")),
    path("", include("targets.api.urls")),
    path("", include("members.api.urls")),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its script as a file, and our template its style: no inline code,
    # so the page keeps the site's Content-Security-Policy.
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="api:schema", template_name="api/swagger_ui.html"
        ),
        name="docs",
    ),
    # Last: a path that names no endpoint (a malformed id too) gets the API's JSON 404.
    re_path(r"^", not_found),
]
