"""The user's two-step sign-in page (enrol, see, remove) and the verification step after the
password. `TwoFactorMiddleware` sends a session that still owes a step here."""

from collections.abc import Callable
from urllib.parse import urlencode

import django_otp
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import rotate_token
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.two_factor.forms import CodeForm
from accounts.two_factor.services import (
    code_check,
    confirmed_device,
    device_confirm,
    device_remove,
    enrolment_device,
    pending_step,
    qr_code_data_uri,
    secret_base32,
    two_factor_required,
)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def setup(request: HttpRequest) -> HttpResponse:
    """Show the user's two-step sign-in: enrol a device (QR code, key, a code to confirm), or
    the device enrolled, with its removal where the role allows it."""
    if pending_step(request.user) == "verify":
        # The password alone must not reach the settings of an enrolled device.
        return redirect(with_next("two_factor:verify", request))
    enrolled = confirmed_device(request.user)
    if enrolled is not None:
        if request.method == "POST":
            return redirect("two_factor:setup")
        return _render_setup(request, CodeForm(), enrolled=enrolled)
    device = enrolment_device(request.user)
    form = CodeForm(request.POST or None)
    if form.is_valid() and _accepted(form, lambda code: device_confirm(device=device, code=code)):
        _mark_verified(request, device)
        messages.success(request, _("Two-step sign-in is on for your account."))
        return redirect(_next_url(request))
    return _render_setup(request, form, enrolling=device)


@never_cache
@login_required
@require_POST
def remove(request: HttpRequest) -> HttpResponse:
    """Turn two-step sign-in off with a current code; refused (403) where the role requires it."""
    if two_factor_required(request.user):
        raise PermissionDenied
    enrolled = confirmed_device(request.user)
    if enrolled is None:
        return redirect("two_factor:setup")
    form = CodeForm(request.POST)
    if form.is_valid() and _accepted(
        form, lambda code: device_remove(user=request.user, code=code)
    ):
        messages.success(request, _("Two-step sign-in is off for your account."))
        return redirect("two_factor:setup")
    return _render_setup(request, form, enrolled=enrolled)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    """Ask for the code of the user's device after the password; then go where they were going."""
    step = pending_step(request.user)
    if step == "enrol":
        return redirect(with_next("two_factor:setup", request))
    if step is None:
        return redirect(_next_url(request))
    device = confirmed_device(request.user)
    form = CodeForm(request.POST or None)
    if form.is_valid() and _accepted(form, lambda code: code_check(device=device, code=code)):
        _mark_verified(request, device)
        return redirect(_next_url(request))
    context = {"form": form, "pending": True, "next": _next(request)}
    return render(request, "accounts/two_factor/verify.html", context)


def _accepted(form: CodeForm, action: Callable[[str], object]) -> bool:
    """Run `action` with the form's code; put a refusal on the code field."""
    try:
        action(form.cleaned_data["code"])
    except ValidationError as error:
        form.add_error("code", error)
        return False
    return True


def _mark_verified(request: HttpRequest, device: TOTPDevice) -> None:
    """Record that the session passed the second step, under a new session key and CSRF token
    (its rights grow, as at sign-in)."""
    django_otp.login(request, device)
    request.session.cycle_key()
    rotate_token(request)


def _render_setup(
    request: HttpRequest,
    form: CodeForm,
    *,
    enrolled: TOTPDevice | None = None,
    enrolling: TOTPDevice | None = None,
) -> HttpResponse:
    context = {
        "form": form,
        "enrolled": enrolled,
        "required": two_factor_required(request.user),
        # Held here after the password: no menu, the pages are closed until enrolment.
        "pending": pending_step(request.user) is not None,
        "next": _next(request),
    }
    if enrolling is not None:
        context |= {"qr_code": qr_code_data_uri(enrolling), "secret": secret_base32(enrolling)}
    return render(request, "accounts/two_factor/setup.html", context)


def _next(request: HttpRequest) -> str:
    """Return the page the user was going to, if it is on this site; else an empty string."""
    value = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return value if safe else ""


def _next_url(request: HttpRequest) -> str:
    return _next(request) or resolve_url(settings.LOGIN_REDIRECT_URL)


def with_next(route: str, request: HttpRequest, following: str | None = None) -> str:
    """Return the URL of `route`, carrying on to `following` (default: the request's `next`)."""
    following = _next(request) if following is None else following
    url = resolve_url(route)
    return f"{url}?{urlencode({'next': following})}" if following else url
