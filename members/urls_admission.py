"""Routes of the admission pages (members namespace)."""

urlpatterns: list = []
