"""Writes of accounts: create a user with their role and area.

A refusal is a `ValidationError` keyed by the field at fault (`role`, `area`, `staff`,
`password`, or a model field such as `username`), each message carrying a `code`; every check
runs before anything is written, and nothing is written when one refuses.
"""

import datetime
import re
from collections.abc import Callable

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext, gettext_lazy
from rest_framework.authtoken.models import Token

from accounts.models import Role, User
from accounts.roles import AREA_CODE_DIGITS, ROLE_AREA_LEVEL
from units.models import Commune, Province

AREA_MODELS = {"province": Province, "commune": Commune}
LEVEL_LABELS = {"province": gettext_lazy("province"), "commune": gettext_lazy("commune")}


def account_check(
    *, username: str, role: str, area_code: str | None, on: datetime.date, staff: bool = False
) -> User:
    """Return the unsaved user these arguments describe; raise with every refusal found.

    `area_code` is an official code resolved at `on`: a province for provincial staff and
    aggregate clients, a commune for commune cadres, none for a national administrator (who is
    a superuser). `staff` lets a provincial officer or commune cadre into the Django admin.
    """
    if role not in Role.values:
        message = gettext("Unknown role %(role)s; choose one of %(choices)s.")
        params = {"role": role, "choices": ", ".join(Role.values)}
        raise ValidationError({"role": ValidationError(message % params, code="unknown_role")})
    admin = role == Role.NATIONAL_ADMIN
    user = User(username=username, role=role, is_staff=admin or staff, is_superuser=admin)
    errors: dict = {}
    errors = _gather(errors, lambda: _place(user, area_code, on))
    errors = _gather(errors, lambda: _check_staff(user, staff))
    # The area fields are left to the area check: a missing one is already reported there.
    area_failed = ["province", "commune"] if "area" in errors else []
    errors = _gather(errors, lambda: user.full_clean(exclude=["password", *area_failed]))
    if errors:
        raise ValidationError(errors)
    return user


def account_create(
    *,
    username: str,
    role: str,
    area_code: str | None,
    on: datetime.date,
    password: str,
    staff: bool = False,
) -> User:
    """Create the user `account_check` describes, with `password` (Django's validators apply)."""
    # The validators compare the password with the username, the only attribute given here.
    errors = _gather({}, lambda: _check_password(password, User(username=username)))
    try:
        user = account_check(username=username, role=role, area_code=area_code, on=on, staff=staff)
    except ValidationError as error:
        raise ValidationError(error.update_error_dict(errors)) from error
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        user.set_password(password)
        user.save()
    return user


def _gather(errors: dict, check: Callable[[], object]) -> dict:
    try:
        check()
    except ValidationError as error:
        return error.update_error_dict(errors)
    return errors


def _place(user: User, area_code: str | None, on: datetime.date) -> None:
    """Set the user's province or commune from the code their role calls for."""
    level = ROLE_AREA_LEVEL[user.role]
    if level is None:
        if area_code:
            message = gettext("A national administrator has no area; give none.")
            raise ValidationError({"area": ValidationError(message, code="area_not_allowed")})
        return
    unit = _unit(level, area_code, on, role_label=Role(user.role).label)
    setattr(user, level, unit)


def _unit(level: str, code: str | None, on: datetime.date, *, role_label: str) -> object:
    params = {"role": role_label, "level": LEVEL_LABELS[level], "code": code}
    params |= {"digits": AREA_CODE_DIGITS[level], "date": on.isoformat()}
    if not code:
        message = gettext(
            "The role %(role)s works in one %(level)s: give its %(digits)s-digit code."
        )
        raise ValidationError({"area": ValidationError(message % params, code="area_required")})
    if not re.fullmatch(f"[0-9]{{{AREA_CODE_DIGITS[level]}}}", code):
        message = gettext(
            "%(code)s is not a %(level)s code: the role %(role)s needs one of %(digits)s digits."
        )
        raise ValidationError({"area": ValidationError(message % params, code="wrong_level")})
    units = list(AREA_MODELS[level].objects.filter(code=code).valid_on(on)[:2])
    if not units:
        message = gettext("No %(level)s has the code %(code)s on %(date)s.")
        raise ValidationError({"area": ValidationError(message % params, code="unknown_area")})
    if len(units) > 1:
        message = gettext("More than one %(level)s has the code %(code)s on %(date)s.")
        raise ValidationError({"area": ValidationError(message % params, code="ambiguous_area")})
    return units[0]


def _check_staff(user: User, staff: bool) -> None:
    # An aggregate-only client is a program reading summaries: the admin shows records.
    if staff and user.role == Role.AGGREGATE_CLIENT:
        message = gettext("An aggregate-only client cannot be given access to the admin.")
        raise ValidationError({"staff": ValidationError(message, code="staff_not_allowed")})


def _check_password(password: str, user: User | None) -> None:
    if not password:
        message = gettext("The password is empty.")
        raise ValidationError({"password": ValidationError(message, code="password_required")})
    try:
        validate_password(password, user=user)
    except ValidationError as error:
        raise ValidationError({"password": error.error_list}) from error


def token_issue(*, user: User, rotate: bool = False) -> str:
    """Return the API token of `user`, creating it; `rotate` replaces an existing one."""
    with transaction.atomic():
        if rotate:
            Token.objects.filter(user=user).delete()
        token, _created = Token.objects.get_or_create(user=user)
    return token.key


def token_revoke(*, user: User) -> bool:
    """Delete the API token of `user`; tell whether there was one."""
    deleted, _rows = Token.objects.filter(user=user).delete()
    return bool(deleted)
