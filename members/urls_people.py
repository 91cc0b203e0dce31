"""Routes of the people pages (members namespace)."""

urlpatterns: list = []
