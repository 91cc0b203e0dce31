"""The home page: what each role can do, and an API token for the programs of a user."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from accounts.services import token_issue

# The first card each role sees: what it came for (DOMAIN.md §1).
FIRST_CARD = {
    "provincial_staff": "reports:dashboard",
    "national_admin": "reports:dashboard",
    "commune_cadre": "members:my_commune",
}


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Show the reader's pages as cards, the one their role came for first."""
    return render(request, "home.html", _home_context(request))


@login_required
@require_POST
def api_token_new(request: HttpRequest) -> HttpResponse:
    """Issue a new API token for the signed-in user and show it on this page only.

    It is rendered, not passed through a redirect: a message would sit in a cookie or the
    session. The previous token stops working.
    """
    context = _home_context(request) | {"new_token": token_issue(user=request.user, rotate=True)}
    return render(request, "home.html", context)


def _home_context(request: HttpRequest) -> dict:
    first = FIRST_CARD.get(request.user.role)
    return {
        "first_url": reverse(first) if first else None,
        # A user who reads no person reads through the API: show its documentation and token.
        "api_reader": not request.user.has_perm("members.view_person"),
    }
