"""Routes of the members API (api namespace)."""

urlpatterns: list = []
