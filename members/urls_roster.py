"""Routes of the roster pages (members namespace)."""

from django.urls import path

from members.roster import views

urlpatterns: list = [
    path("roster/import/", views.roster_import, name="roster_import"),
    path("roster/template/", views.roster_template, name="roster_template"),
    path("roster/export/", views.roster_export, name="roster_export"),
]
