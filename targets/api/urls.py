"""Routes of the targets API (api namespace)."""

from django.urls import path

from .views import DirectiveDetailView, DirectiveListView, TargetDetailView, TargetListView

urlpatterns = [
    path("directives/", DirectiveListView.as_view(), name="directive_list"),
    path("directives/<int:pk>/", DirectiveDetailView.as_view(), name="directive_detail"),
    path("targets/", TargetListView.as_view(), name="target_list"),
    path("targets/<int:pk>/", TargetDetailView.as_view(), name="target_detail"),
]
