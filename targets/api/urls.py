"""Routes of the targets API (api namespace)."""

urlpatterns: list = []
