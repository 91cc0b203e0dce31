"""The one place that holds a signed-in session back until its two-step sign-in is done.

Installed after django-otp's `OTPMiddleware` (which tells whether the session is verified). A
session that owes a code is sent to the verification step, one that owes an enrolment (a role
in `TWO_FACTOR_REQUIRED_ROLES` without a device) to the enrolment page; every other page, the
admin included, waits. Open all the same: signing out, the language switch, the health probe
and the REST API, where a token is not a session sign-in and the session authentication
refuses an unverified session itself (`config.api.authentication`). Static files never reach
the URL resolver (WhiteNoise, or runserver's handler, serve them first).
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from accounts.two_factor.services import pending_step
from accounts.two_factor.views import with_next

ALWAYS_OPEN = frozenset({"logout", "admin:logout", "set_language", "healthz"})
API_NAMESPACE = "api"
STEP_VIEWS = {"verify": "two_factor:verify", "enrol": "two_factor:setup"}


class TwoFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable, view_args: tuple, view_kwargs: dict
    ) -> HttpResponse | None:
        """Let the request through, or send it to the step its session still owes."""
        match = request.resolver_match
        if match.view_name in ALWAYS_OPEN or match.namespaces[:1] == [API_NAMESPACE]:
            return None
        step = pending_step(request.user)
        if step is None or match.view_name == STEP_VIEWS[step]:
            return None
        # Only a page to look at is worth coming back to; a form sent is sent again by hand.
        following = request.get_full_path() if request.method in ("GET", "HEAD") else ""
        return redirect(with_next(STEP_VIEWS[step], request, following))
