from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        from .checks import check_every_indicator_has_a_definition

        checks.register(check_every_indicator_has_a_definition)
