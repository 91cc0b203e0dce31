"""Reset a user's two-step sign-in (a lost phone): their devices are deleted, and they enrol a
new one at their next sign-in (at once, for a role that requires it)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.two_factor.services import two_factor_required, two_factor_reset


class Command(BaseCommand):
    help = (
        "Delete the two-step sign-in devices of USERNAME (a lost phone); they enrol a new one "
        "at their next sign-in."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, username: str, **options: Any) -> None:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(_("USERNAME: no user is called %(name)s.") % {"name": username})
        if not two_factor_reset(user=user):
            self.stdout.write(
                _("%(name)s had no two-step sign-in device: nothing to reset.") % {"name": username}
            )
            return
        if two_factor_required(user):
            message = _(
                "Two-step sign-in of %(name)s is reset: at their next sign-in they must enrol "
                "a new device before anything else."
            )
        else:
            message = _(
                "Two-step sign-in of %(name)s is reset: they sign in with their password alone "
                "until they enrol a new device."
            )
        self.stdout.write(message % {"name": username})
