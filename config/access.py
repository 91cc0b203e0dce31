"""The access policy of every page, in one decorator.

- an anonymous visitor (or an expired session) is sent to the login page;
- a signed-in user whose role may never do the action gets 403, in the site's layout;
- a record or area outside the user's scope answers 404 exactly as a missing one: that is
  decided by the selectors (`units.scope`), not here, because only they know the row.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse


def requires(*permissions: str) -> Callable:
    """Let in a signed-in user holding every one of `permissions`; see the module's policy."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not request.user.has_perms(permissions):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
