from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    """The audit trail pages: who changed what, and who read whom (DOMAIN.md §8).

    It reads the history of `members` and `targets` and the read log, and nothing imports it:
    under `members` it would make `members` import `targets`, under `accounts` a cycle.
    """

    name = "audit"
    verbose_name = _("Audit")

    def ready(self) -> None:
        from .registry import check_every_history_is_audited

        checks.register(check_every_history_is_audited)
