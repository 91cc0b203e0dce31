"""Routes of the units API (api namespace)."""

urlpatterns: list = []
