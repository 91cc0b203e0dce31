"""Which roles may call an endpoint: Django permissions (codenames), decided like the pages.

Rows are still decided by the area scope in the selectors (`units.scope`); a record outside the
reader's area answers 404 there, exactly as a missing one.
"""

from typing import Any

from rest_framework.permissions import BasePermission


def holding(*permissions: str) -> type[BasePermission]:
    """Return a permission class letting in an authenticated user holding every codename."""

    class Holding(BasePermission):
        def has_permission(self, request: Any, view: Any) -> bool:
            user = request.user
            return bool(user and user.is_authenticated and user.has_perms(permissions))

    Holding.__name__ = "Holding_" + "_".join(p.replace(".", "_") for p in permissions)
    return Holding


def holding_for_write(read: str, write: dict[str, str]) -> type[BasePermission]:
    """Return a permission class: `read` for safe methods, `write[method]` for the others."""

    class HoldingForWrite(BasePermission):
        def has_permission(self, request: Any, view: Any) -> bool:
            user = request.user
            if not (user and user.is_authenticated and user.has_perm(read)):
                return False
            needed = write.get(request.method)
            return needed is None or user.has_perm(needed)

    return HoldingForWrite
