"""How the API knows its caller: a token (programs), or the browser's session once its
two-step sign-in is done."""

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.authentication import SessionScheme
from rest_framework import exceptions
from rest_framework.authentication import SessionAuthentication
from rest_framework.request import Request

from accounts.two_factor.services import pending_step


class VerifiedSessionAuthentication(SessionAuthentication):
    """Django's session, refused (403 `two_factor_required`) while it still owes its two-step
    sign-in: the pages hold such a session back (`accounts.two_factor.middleware`), and the
    API, which that middleware leaves to token clients, must not open for it either."""

    def authenticate(self, request: Request) -> tuple[Any, None] | None:
        authenticated = super().authenticate(request)
        if authenticated is not None and pending_step(authenticated[0]) is not None:
            raise exceptions.PermissionDenied(
                _("Finish the two-step sign-in on the site first."), code="two_factor_required"
            )
        return authenticated


class VerifiedSessionScheme(SessionScheme):
    """The schema shows the verified session as the session cookie it is."""

    target_class = VerifiedSessionAuthentication
    priority = 0
