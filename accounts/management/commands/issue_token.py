"""Print the API token of a user, creating it; `--rotate` replaces it, `--revoke` ends it."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.services import token_issue, token_revoke


class Command(BaseCommand):
    help = (
        "Print the API token of USERNAME (created if missing); --rotate issues a new one, "
        "--revoke ends it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--rotate", action="store_true", help="revoke the old token first")
        group.add_argument("--revoke", action="store_true", help="revoke the token, issue none")

    def handle(self, *args: Any, username: str, rotate: bool, revoke: bool, **options: Any) -> None:
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(
                _("USERNAME: no active user is called %(name)s.") % {"name": username}
            )
        if revoke:
            token_revoke(user=user)
            return
        self.stdout.write(token_issue(user=user, rotate=rotate))
