"""Routes of the directive and target pages (targets namespace, mounted at /directives/)."""

from django.urls import path

from targets import views

app_name = "targets"

urlpatterns = [
    path("", views.directive_list_view, name="directive_list"),
    path("new/", views.directive_create_view, name="directive_create"),
    path("<int:pk>/", views.directive_detail_view, name="directive_detail"),
    path("<int:pk>/edit/", views.directive_edit_view, name="directive_edit"),
    path("<int:pk>/supersede/", views.directive_supersede_view, name="directive_supersede"),
    path("<int:pk>/delete/", views.directive_delete_view, name="directive_delete"),
    path("<int:pk>/targets/new/", views.target_create_view, name="target_create"),
    path("targets/<int:pk>/edit/", views.target_edit_view, name="target_edit"),
    path("targets/<int:pk>/delete/", views.target_delete_view, name="target_delete"),
]
