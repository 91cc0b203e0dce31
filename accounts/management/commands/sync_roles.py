"""Give each role group exactly the permissions declared in `accounts.roles`."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from accounts.roles import RolePermissionError, role_groups_sync


class Command(BaseCommand):
    help = (
        "Create the four role groups and give each exactly the permissions of accounts/roles.py; "
        "permissions added by hand are removed. Idempotent; run after every migrate."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            changes = role_groups_sync()
        except RolePermissionError as error:
            raise CommandError(
                _("Role %(role)s: no permission matches %(spec)s; no group was changed.")
                % {"role": error.role, "spec": error.spec}
            ) from error
        for change in changes:
            self.stdout.write(
                f"{change.name}: permissions={change.total} added={change.added} "
                f"removed={change.removed} created={change.created}"
            )
