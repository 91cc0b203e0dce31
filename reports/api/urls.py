"""Routes of the reports API (api namespace)."""

from django.urls import path

from .views import PipelineView, SummaryView, TrendView

urlpatterns = [
    path("summary/", SummaryView.as_view(), name="summary"),
    path("trend/", TrendView.as_view(), name="trend"),
    path("pipeline/", PipelineView.as_view(), name="pipeline"),
]
