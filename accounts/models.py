"""Users carry their role and their area; access is decided from these two alone."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from units.models import Commune, Province


class Role(models.TextChoices):
    NATIONAL_ADMIN = "national_admin", _("national administrator")
    PROVINCIAL_STAFF = "provincial_staff", _("provincial staff")
    COMMUNE_CADRE = "commune_cadre", _("commune military cadre")
    AGGREGATE_CLIENT = "aggregate_client", _("aggregate-only client")


class User(AbstractUser):
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, blank=True)
    province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("province"),
    )
    commune = models.ForeignKey(
        Commune,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("commune"),
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")
        permissions = [("view_aggregates", _("Can read aggregate reports and indicator values"))]
        constraints = [
            models.CheckConstraint(
                condition=~Q(role=Role.PROVINCIAL_STAFF) | Q(province__isnull=False),
                name="user_provincial_staff_has_province",
                violation_error_message=_("Provincial staff need a province."),
            ),
            models.CheckConstraint(
                condition=~Q(role=Role.COMMUNE_CADRE) | Q(commune__isnull=False),
                name="user_commune_cadre_has_commune",
                violation_error_message=_("A commune cadre needs a commune."),
            ),
        ]
