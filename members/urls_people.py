"""Routes of the people pages (members namespace)."""

from django.urls import path

from members.views import people

urlpatterns: list = [
    path("people/", people.person_list_view, name="person_list"),
    path("people/new/", people.person_create_view, name="person_create"),
    path("people/<int:pk>/", people.person_detail_view, name="person_detail"),
    path("people/<int:pk>/edit/", people.person_edit_view, name="person_edit"),
    path("services/<int:pk>/transfer/", people.service_transfer_view, name="service_transfer"),
    path("my-commune/", people.my_commune_view, name="my_commune"),
]
