"""django-otp's TOTP devices, installed under a translated name for the admin's index."""

from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class TwoStepDevicesConfig(AppConfig):
    name = "django_otp.plugins.otp_totp"
    label = "otp_totp"
    verbose_name = _("Two-step sign-in")
    default_auto_field = "django.db.models.AutoField"

    def ready(self) -> None:
        from accounts.two_factor.checks import check_required_roles_exist

        checks.register(check_required_roles_exist)
