"""Routes of the indicator pages (reports namespace); each page keeps its view in its module."""

from django.urls import path

from reports.views import dashboard, explain, pipeline, trend

app_name = "reports"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("trend/", trend.trend, name="trend"),
    path("pipeline/", pipeline.pipeline, name="pipeline"),
    path("explain/", explain.explain, name="explain"),
]
