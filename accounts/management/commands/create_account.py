"""Create a user with a role and an area from the command line, through `account_create`.

The area is an official code resolved at --date (codes were reused by the 2025 reform). The
password is read from an environment variable (--password-env) or asked for twice, so that it
never appears in the shell history or the process list.
"""

import datetime
import getpass
import os
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role
from accounts.services import account_check, account_create

# The argument each field of the service comes from, to name it in a refusal.
ARGUMENTS = {"username": "USERNAME", "role": "--role", "area": "--area", "staff": "--staff"}


class Command(BaseCommand):
    help = "Create a user with a role and an area. Exit status 1, and no user, on any error."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--role", required=True, help=" | ".join(Role.values))
        parser.add_argument(
            "--area",
            help="province code (2 digits) for provincial_staff and aggregate_client, commune "
            "code (5 digits) for commune_cadre; none for national_admin",
        )
        parser.add_argument("--date", help="date the area code is read at (default: today)")
        parser.add_argument(
            "--password-env", metavar="VAR", help="read the password from this variable"
        )
        parser.add_argument(
            "--staff",
            action="store_true",
            help="also let a provincial officer or commune cadre into the Django admin",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        fields = {
            "username": options["username"],
            "role": options["role"],
            "area_code": options["area"],
            "on": _date(options["date"]),
            "staff": options["staff"],
        }
        password_argument = "--password-env" if options["password_env"] else "password"
        try:
            account_check(**fields)  # refuse before asking for a password
            password = _password(options["password_env"])
            user = account_create(**fields, password=password)
        except ValidationError as error:
            raise CommandError(_refusal(error, {"password": password_argument})) from error
        area = user.province or user.commune
        self.stdout.write(
            f"created username={user.username} role={user.role} "
            f"area={area.code if area else '-'} staff={user.is_staff} "
            f"superuser={user.is_superuser}"
        )


def _date(value: str | None) -> datetime.date:
    if value is None:
        return timezone.localdate()
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(
            _("%(argument)s: %(value)r is not a date (YYYY-MM-DD).")
            % {"argument": "--date", "value": value}
        ) from error


def _password(variable: str | None) -> str:
    if variable:
        if variable not in os.environ:
            raise CommandError(
                _("--password-env: the environment variable %(name)s is not set.")
                % {"name": variable}
            )
        return os.environ[variable]
    password = getpass.getpass(_("Password: "))
    if password != getpass.getpass(_("Password (again): ")):
        raise CommandError(_("password: the two entries differ; no user was created."))
    return password


def _refusal(error: ValidationError, extra: dict[str, str]) -> str:
    """Name the argument at fault before each message of the service's refusal."""
    names = ARGUMENTS | extra
    lines = []
    for field, messages in error.message_dict.items():
        prefix = "" if field == NON_FIELD_ERRORS else f"{names.get(field, field)}: "
        lines.extend(prefix + message for message in messages)
    return "\n".join(lines)
