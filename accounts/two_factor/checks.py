"""System check: `TWO_FACTOR_REQUIRED_ROLES` names roles that exist.

A misspelt role would silently require two-step sign-in of no one: it is an error at start-up.
"""

from typing import Any

from django.conf import settings
from django.core import checks

from accounts.models import Role


def check_required_roles_exist(**kwargs: Any) -> list[checks.CheckMessage]:
    unknown = sorted(set(settings.TWO_FACTOR_REQUIRED_ROLES) - set(Role.values))
    if not unknown:
        return []
    return [
        checks.Error(
            f"TWO_FACTOR_REQUIRED_ROLES names unknown roles: {', '.join(unknown)}.",
            hint=f"Choose among {', '.join(Role.values)}.",
            id="accounts.E201",
        )
    ]
