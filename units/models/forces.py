"""The forces (militia, self-defence, reserve), their categories, and force units."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from units.querysets import ForceUnitQuerySet

from .geography import Commune, Province, Village


class Force(models.TextChoices):
    MILITIA = "militia", _("militia (dân quân)")
    SELF_DEFENCE = "self_defence", _("self-defence (tự vệ)")
    RESERVE = "reserve", _("reserve (dự bị động viên)")


DQTV_FORCES = (Force.MILITIA, Force.SELF_DEFENCE)


class DqtvCategory(models.TextChoices):
    STANDING = "standing", _("standing (thường trực)")
    MOBILE = "mobile", _("mobile (cơ động)")
    IN_PLACE = "in_place", _("in-place (tại chỗ)")
    MARITIME = "maritime", _("maritime (biển)")
    AIR_DEFENCE = "air_defence", _("air defence (phòng không)")
    ARTILLERY = "artillery", _("artillery (pháo binh)")
    RECONNAISSANCE = "reconnaissance", _("reconnaissance (trinh sát)")
    SIGNALS = "signals", _("signals (thông tin)")
    ENGINEERS = "engineers", _("engineers (công binh)")
    CHEMICAL = "chemical", _("chemical (phòng hóa)")
    MEDICAL = "medical", _("medical (y tế)")


class ReserveCategory(models.TextChoices):
    OFFICER = "officer", _("reserve officer (sĩ quan dự bị)")
    PROFESSIONAL = "professional", _("reserve professional soldier (QNCN dự bị)")
    NCO_SOLDIER_1 = "nco_soldier_1", _("reserve NCO or soldier, first class (hạng một)")
    # Law 53/2019: the second class holds soldiers only ("binh sĩ dự bị hạng hai").
    NCO_SOLDIER_2 = "nco_soldier_2", _("reserve soldier, second class (hạng hai)")


ALL_CATEGORIES = DqtvCategory.choices + ReserveCategory.choices


def category_allowed_q(prefix: str = "") -> Q:
    """Match rows whose category belongs to their force (militia/self-defence vs reserve)."""
    force, category = f"{prefix}force", f"{prefix}category"
    return Q(**{f"{force}__in": DQTV_FORCES, f"{category}__in": DqtvCategory.values}) | Q(
        **{force: Force.RESERVE, f"{category}__in": ReserveCategory.values}
    )


class Echelon(models.TextChoices):
    TEAM = "team", _("team (tổ)")
    SQUAD = "squad", _("squad, crew or boat (tiểu đội, khẩu đội, thuyền)")
    PLATOON = "platoon", _("platoon (trung đội)")
    COMPANY = "company", _("company or naval company (đại đội, hải đội)")
    BATTALION = "battalion", _("battalion or naval battalion (tiểu đoàn, hải đoàn)")
    REGIMENT = "regiment", _("regiment (trung đoàn)")


class ForceUnit(models.Model):
    """A militia, self-defence or reserve unit.

    Militia belongs to a commune (and optionally a village); self-defence to a host agency or
    enterprise; reserve mobilisation units to a province. Every unit names its province, so
    that area scoping never needs to guess.
    """

    force = models.CharField(_("force"), max_length=16, choices=Force.choices)
    category = models.CharField(_("category"), max_length=16, choices=ALL_CATEGORIES)
    echelon = models.CharField(_("echelon"), max_length=16, choices=Echelon.choices)
    name = models.CharField(_("name"), max_length=160)
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="force_units", verbose_name=_("province")
    )
    commune = models.ForeignKey(
        Commune,
        on_delete=models.PROTECT,
        related_name="force_units",
        null=True,
        blank=True,
        verbose_name=_("commune"),
    )
    village = models.ForeignKey(
        Village,
        on_delete=models.PROTECT,
        related_name="force_units",
        null=True,
        blank=True,
        verbose_name=_("village"),
    )
    host_organisation = models.CharField(_("host agency or enterprise"), max_length=200, blank=True)
    valid_from = models.DateField(_("established on"), null=True, blank=True)
    valid_to = models.DateField(_("dissolved on"), null=True, blank=True)

    objects = ForceUnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("force unit")
        verbose_name_plural = _("force units")
        ordering = ["province", "force", "name"]
        constraints = [
            models.CheckConstraint(
                condition=category_allowed_q(),
                name="force_unit_category_matches_force",
                violation_error_message=_("The category does not belong to this force."),
            ),
            models.CheckConstraint(
                condition=~Q(force=Force.SELF_DEFENCE, category=DqtvCategory.STANDING),
                name="force_unit_standing_is_militia_only",
                violation_error_message=_("Only the militia has a standing force."),
            ),
            models.CheckConstraint(
                condition=~Q(force=Force.MILITIA) | Q(commune__isnull=False),
                name="force_unit_militia_has_commune",
                violation_error_message=_("A militia unit belongs to a commune."),
            ),
            models.CheckConstraint(
                condition=~Q(force=Force.SELF_DEFENCE) | ~Q(host_organisation=""),
                name="force_unit_self_defence_has_host",
                violation_error_message=_(
                    "A self-defence unit names its host agency or enterprise."
                ),
            ),
            models.CheckConstraint(
                condition=Q(village__isnull=True) | Q(commune__isnull=False),
                name="force_unit_village_needs_commune",
                violation_error_message=_("A unit in a village also names the commune."),
            ),
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_to__isnull=True)
                | Q(valid_to__gte=F("valid_from")),
                name="force_unit_dissolved_after_established",
                violation_error_message=_("The unit is dissolved before it is established."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.commune_id and self.commune.province_id != self.province_id:
            raise ValidationError(
                {"commune": _("The commune belongs to another province.")}, code="province"
            )
        if self.village_id and self.village.commune_id != self.commune_id:
            raise ValidationError(
                {"village": _("The village belongs to another commune.")}, code="commune"
            )
