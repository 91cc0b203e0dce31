"""Routes of the roster pages (members namespace)."""

urlpatterns: list = []
