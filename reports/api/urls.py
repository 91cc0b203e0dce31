"""Routes of the reports API (api namespace)."""

urlpatterns: list = []
