"""Django's sign-in URLs, with the password reset only where the install can send mail.

The reset views stay routed under their usual names (templates and the access matrix reverse
them) but answer 404 while `settings.EMAIL_CONFIGURED` is false: a reset mail that cannot leave
the server would tell the user it was sent. The setting is read per request, not at import.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.auth import views
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path


def mail_required(view: Callable) -> Callable:
    """Answer 404 unless the install is configured to send mail."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not settings.EMAIL_CONFIGURED:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


class LoginView(views.LoginView):
    """Django's sign-in, telling the page whether a forgotten password can be reset by mail."""

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "password_reset": settings.EMAIL_CONFIGURED}


urlpatterns = [
    path("login/", LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("password_change/", views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password_change/done/",
        views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "password_reset/",
        mail_required(views.PasswordResetView.as_view()),
        name="password_reset",
    ),
    path(
        "password_reset/done/",
        mail_required(views.PasswordResetDoneView.as_view()),
        name="password_reset_done",
    ),
    path(
        "reset/<uidb64>/<token>/",
        mail_required(views.PasswordResetConfirmView.as_view()),
        name="password_reset_confirm",
    ),
    path(
        "reset/done/",
        mail_required(views.PasswordResetCompleteView.as_view()),
        name="password_reset_complete",
    ),
]
