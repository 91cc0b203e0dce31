"""Routes of the units API (api namespace)."""

from django.urls import path

from .views import CommuneListView, ForceUnitListView, ProvinceListView

urlpatterns = [
    path("provinces/", ProvinceListView.as_view(), name="provinces"),
    path("communes/", CommuneListView.as_view(), name="communes"),
    path("force-units/", ForceUnitListView.as_view(), name="force_units"),
]
