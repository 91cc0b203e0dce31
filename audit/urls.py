"""Routes of the audit pages (audit namespace, mounted at /audit/)."""

from django.urls import path

from audit import views

app_name = "audit"

urlpatterns = [
    path("changes/", views.change_list_view, name="changes"),
    path("reads/", views.read_list_view, name="reads"),
]
