"""Users carry their role and their area; access is decided from these two alone."""

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from units.models import Commune, Province
from units.scope import AreaBoundQuerySet, AreaScope


class Role(models.TextChoices):
    NATIONAL_ADMIN = "national_admin", _("national administrator")
    PROVINCIAL_STAFF = "provincial_staff", _("provincial staff")
    COMMUNE_CADRE = "commune_cadre", _("commune military cadre")
    AGGREGATE_CLIENT = "aggregate_client", _("aggregate-only client")


class UserQuerySet(AreaBoundQuerySet):
    """Users lie in their commune, or in their province (staff and aggregate clients)."""

    province_paths = ("province_id", "commune__province_id")


class AccountManager(UserManager.from_queryset(UserQuerySet)):  # type: ignore[misc]
    """Django's user manager (create_user, create_superuser) with the area filters."""


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

    objects = AccountManager()

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")
        permissions = [
            ("view_aggregates", _("Can read aggregate reports and indicator values")),
            # Not named view_…: a role given every view permission ("view:*") must not get it.
            ("read_audit", _("Can read the change history and the read log of every area")),
        ]
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

    @property
    def area_scope(self) -> AreaScope:
        """Return the rows this user may see, built once for as long as role and area stay."""
        from accounts.scope import scope_for  # the scope module reads this model

        key = (self.role, self.province_id, self.commune_id, self.is_active, self.is_superuser)
        cached = self.__dict__.get("_area_scope")
        if cached is None or cached[0] != key:
            cached = (key, scope_for(self))
            self.__dict__["_area_scope"] = cached
        return cached[1]
