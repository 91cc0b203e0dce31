"""Routes of the members API (api namespace)."""

from django.urls import path

from members.api import views

# Any segment reaches the view: the selectors answer 404 for an id that is no number as for a
# missing one, in the API's JSON; an unmatched route would answer the HTML page instead.
urlpatterns = [
    path("people/", views.PersonListView.as_view(), name="person_list"),
    path("people/<str:pk>/", views.PersonDetailView.as_view(), name="person_detail"),
    path("admissions/", views.CaseListView.as_view(), name="admission_list"),
    path("admissions/<str:pk>/", views.CaseDetailView.as_view(), name="admission_detail"),
    path("imports/roster/", views.RosterImportView.as_view(), name="roster_import"),
]
