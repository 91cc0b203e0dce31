from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.urls import include, path
from django.views.generic import TemplateView

urlpatterns = [
    path("", login_required(TemplateView.as_view(template_name="home.html")), name="home"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("members/", include("members.urls")),
    path("reports/", include("reports.urls")),
    path("api/v1/", include("config.api.urls")),
    path("admin/", admin.site.urls),
]
