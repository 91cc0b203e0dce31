"""Two-step sign-in rules and writes: who must use it, enrolment, verification, removal, reset.

A refusal is a `ValidationError` with a `code` (`throttled`, `wrong_code`, `required`); a
wrong code counts towards django-otp's throttle (the wait doubles with each failure), so
callers must let the request end normally after a refusal for the count to be kept.
"""

import base64
import math
from typing import Literal

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Role, User

DEVICE_NAME = "TOTP"
Step = Literal["verify", "enrol"]


def two_factor_required(user: User) -> bool:
    """Tell whether `user`'s role must sign in in two steps (`TWO_FACTOR_REQUIRED_ROLES`).

    A superuser counts as a national administrator, as in the area scope (`accounts.scope`).
    """
    role = Role.NATIONAL_ADMIN if user.is_superuser else user.role
    return role in settings.TWO_FACTOR_REQUIRED_ROLES


def confirmed_device(user: User) -> TOTPDevice | None:
    """Return the user's confirmed device, if they have enrolled one."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def pending_step(user: User) -> Step | None:
    """Return what a signed-in session still owes before any page: a code, an enrolment, or
    nothing (`None`: verified already, or two-step sign-in is neither set up nor required)."""
    if not user.is_authenticated or _is_verified(user):
        return None
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        return "verify"
    return "enrol" if two_factor_required(user) else None


def _is_verified(user: User) -> bool:
    # `OTPMiddleware` gives the request's user `is_verified`; a user without it (no middleware
    # on the way) is not verified: fail closed.
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified and is_verified())


def enrolment_device(user: User) -> TOTPDevice:
    """Return the device being enrolled: the same secret until confirmed (the user may have
    scanned it already), a new one when there is none."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def code_check(*, device: TOTPDevice, code: str) -> None:
    """Accept `code` for `device` or raise: `throttled` while a wait is owed, else `wrong_code`.

    A code is accepted once: the same code (or an older one) is refused afterwards.
    """
    # Locked, so that two requests cannot both use one code or both escape the throttle; the
    # refusal is raised outside the block, which keeps the failure it counted.
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        allowed, detail = device.verify_is_allowed()
        verified = allowed and device.verify_token(code)
    if not allowed:
        raise _throttled(detail)
    if not verified:
        message = gettext("This code is wrong or has expired. Enter the code the app shows now.")
        raise ValidationError(message, code="wrong_code")


def _throttled(detail: dict | None) -> ValidationError:
    locked_until = (detail or {}).get("locked_until")
    left = (locked_until - timezone.now()).total_seconds() if locked_until else 1
    seconds = max(1, math.ceil(left))
    message = ngettext(
        "Too many wrong codes. Wait %(seconds)d second before trying again.",
        "Too many wrong codes. Wait %(seconds)d seconds before trying again.",
        seconds,
    ) % {"seconds": seconds}
    return ValidationError(message, code="throttled")


def device_confirm(*, device: TOTPDevice, code: str) -> TOTPDevice:
    """Confirm the enrolment of `device` with a code from the app, or raise as `code_check`."""
    code_check(device=device, code=code)
    device.refresh_from_db()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return device


def device_remove(*, user: User, code: str) -> None:
    """Turn two-step sign-in off for `user` with a current code; refused where it is required."""
    if two_factor_required(user):
        message = gettext("Two-step sign-in is required for your role: it cannot be turned off.")
        raise ValidationError(message, code="required")
    device = confirmed_device(user)
    if device is None:
        return
    code_check(device=device, code=code)
    two_factor_reset(user=user)


def two_factor_reset(*, user: User) -> int:
    """Delete every device of `user` (a lost phone): they enrol again at their next sign-in.

    Their sessions verified with the deleted device stop being verified at once. Return the
    number of devices deleted.
    """
    with transaction.atomic():
        deleted, _rows = TOTPDevice.objects.filter(user=user).delete()
    return deleted


def secret_base32(device: TOTPDevice) -> str:
    """Return the device's secret as an app asks for it when typed: base32, in groups of four."""
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_data_uri(device: TOTPDevice) -> str:
    """Return the device's setup link as a QR code: an SVG made here, in a `data:` URI.

    Made on the server and shown as an image, so no request leaves the network and no script
    runs (the Content-Security-Policy allows `data:` images only).
    """
    image = qrcode.make(
        device.config_url, image_factory=qrcode.image.svg.SvgPathFillImage, border=2
    )
    return "data:image/svg+xml;base64," + base64.b64encode(image.to_string()).decode()
