"""The admin reads through the same area scope as every other page.

A provincial staff member or commune cadre with `is_staff` sees only their area in the admin:
lists, change pages, inlines, autocompletes and foreign-key choices all go through `visible_to`.
"""

from typing import Any

from django.db.models import ForeignKey, QuerySet
from django.http import HttpRequest

from config.admin_input import BadInputAdminMixin


def scoped(queryset: QuerySet, request: HttpRequest) -> QuerySet:
    """Narrow `queryset` to the user's area; fail closed for a model the scope cannot reach."""
    if hasattr(queryset, "visible_to"):
        return queryset.visible_to(request.user)
    return queryset if request.user.is_superuser else queryset.none()


class ScopedAdminMixin(BadInputAdminMixin):
    """Mix into a ModelAdmin or inline whose model's queryset has `visible_to`."""

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return scoped(super().get_queryset(request), request)  # type: ignore[misc]

    def formfield_for_foreignkey(
        self, db_field: ForeignKey, request: HttpRequest, **kwargs: Any
    ) -> Any:
        related = db_field.remote_field.model._default_manager.all()
        if hasattr(related, "visible_to") and not request.user.is_superuser:
            kwargs.setdefault("queryset", related.visible_to(request.user))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]
