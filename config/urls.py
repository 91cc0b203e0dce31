from django.contrib import admin
from django.urls import include, path

from config import health, views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", health.healthz, name="healthz"),
    path("api-token/", views.api_token_new, name="api_token_new"),
    path("accounts/two-step/", include("accounts.two_factor.urls")),
    path("accounts/", include("config.auth_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("members/", include("members.urls")),
    path("reports/", include("reports.urls")),
    path("directives/", include("targets.urls")),
    path("audit/", include("audit.urls")),
    path("api/v1/", include("config.api.urls")),
    path("admin/", admin.site.urls),
]
