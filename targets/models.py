"""Directives of party committees and the targets they set (DOMAIN.md §7)."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from units.models import Commune, District, Province

from .indicators import Indicator
from .querysets import DirectiveQuerySet, TargetQuerySet


def one_area_at_most(prefix: str) -> models.CheckConstraint:
    """No two area levels at once; none at all means the whole nation."""
    province, district, commune = (
        Q(**{f"{f}__isnull": False}) for f in ("province", "district", "commune")
    )
    return models.CheckConstraint(
        condition=~(province & district) & ~(province & commune) & ~(district & commune),
        name=f"{prefix}_one_area_at_most",
        violation_error_message=_("Choose one area: a province, a district or a commune."),
    )


class AreaFields(models.Model):
    """An area of any level: the nation (all empty), a province, a district or a commune."""

    province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("province"),
    )
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("district (legacy)"),
    )
    commune = models.ForeignKey(
        Commune,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("commune"),
    )

    class Meta:
        abstract = True

    @property
    def area(self) -> Province | District | Commune | None:
        return self.commune or self.district or self.province


class DirectiveKind(models.TextChoices):
    """The kind of guiding document (văn bản chỉ đạo) that sets targets (DOMAIN.md §7)."""

    # A context keeps these apart from the same English words elsewhere ("directive", "plan").
    DIRECTIVE = "directive", pgettext_lazy("directive kind", "directive")
    RESOLUTION = "resolution", pgettext_lazy("directive kind", "resolution")
    CONCLUSION = "conclusion", pgettext_lazy("directive kind", "conclusion")
    PLAN = "plan", pgettext_lazy("directive kind", "plan")
    GUIDANCE = "guidance", pgettext_lazy("directive kind", "guidance")
    COMMITMENT = "commitment", pgettext_lazy("directive kind", "registered commitment")


class Directive(AreaFields):
    number = models.CharField(_("number"), max_length=40, help_text=_("for example 14-CT/TU"))
    issuer = models.CharField(_("issued by"), max_length=200)
    issued_on = models.DateField(_("issued on"))
    title = models.CharField(_("title"), max_length=400)
    kind = models.CharField(
        _("document kind"),
        max_length=16,
        choices=DirectiveKind.choices,
        default=DirectiveKind.DIRECTIVE,
    )
    effective_from = models.DateField(_("in force from"))
    effective_to = models.DateField(_("in force until"), null=True, blank=True)
    supersedes = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="superseded_by",
        verbose_name=_("supersedes"),
    )
    source = models.CharField(_("source document"), max_length=300, blank=True)

    objects = DirectiveQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("directive")
        verbose_name_plural = _("directives")
        ordering = ["-issued_on", "number"]
        constraints = [
            one_area_at_most("directive"),
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True) | Q(effective_to__gte=F("effective_from")),
                name="directive_in_force_until_after_from",
                violation_error_message=_("The directive ends before it comes into force."),
            ),
            models.UniqueConstraint(
                fields=["number", "issuer", "issued_on"],
                name="directive_number_unique_per_issuer_and_date",
                violation_error_message=_(
                    "This issuer already has a directive with this number on this date."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} ({self.issued_on:%d/%m/%Y})"


class Bound(models.TextChoices):
    AT_LEAST = "at_least", _("at least")
    # Strict bounds, as directives write "trên 30 %" (over) or "dưới 5 %" (under).
    OVER = "over", _("over")
    RANGE = "range", _("between")
    AT_MOST = "at_most", _("at most")
    UNDER = "under", _("under")
    EXACT = "exact", _("exactly")


# The kinds that take a lower bound only, and those that take an upper bound only.
LOWER_ONLY = (Bound.AT_LEAST, Bound.OVER)
UPPER_ONLY = (Bound.AT_MOST, Bound.UNDER)


class Target(AreaFields):
    """A bound on one indicator for an area (or each commune of it) by a deadline.

    Percent targets hold percentages (12.5 means 12.5 %); count targets hold counts. An empty
    area means the directive's own area.
    """

    directive = models.ForeignKey(
        Directive, on_delete=models.CASCADE, related_name="targets", verbose_name=_("directive")
    )
    indicator = models.CharField(_("indicator"), max_length=40, choices=Indicator.choices)
    each_commune = models.BooleanField(
        _("for each commune of the area"),
        default=False,
        help_text=_("The bound applies to every commune of the area, not to the area as a whole."),
    )
    bound = models.CharField(_("bound"), max_length=10, choices=Bound.choices)
    lower = models.DecimalField(
        _("lower bound"), max_digits=9, decimal_places=3, null=True, blank=True
    )
    upper = models.DecimalField(
        _("upper bound"), max_digits=9, decimal_places=3, null=True, blank=True
    )
    deadline_year = models.PositiveSmallIntegerField(_("deadline (year)"), null=True, blank=True)
    deadline_date = models.DateField(_("deadline (date)"), null=True, blank=True)

    objects = TargetQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["directive", "indicator"]
        constraints = [
            one_area_at_most("target"),
            models.CheckConstraint(
                condition=Q(bound__in=LOWER_ONLY, lower__isnull=False, upper__isnull=True)
                | Q(bound__in=UPPER_ONLY, lower__isnull=True, upper__isnull=False)
                # Comparisons with NULL are NULL, and a NULL CHECK passes: spell out "not null".
                | Q(bound=Bound.RANGE, lower__isnull=False, upper__isnull=False)
                & Q(upper__gt=F("lower"))
                | Q(bound=Bound.EXACT, lower__isnull=False, upper__isnull=False)
                & Q(upper=F("lower")),
                name="target_bounds_match_kind",
                violation_error_message=_(
                    "The bounds do not fit the kind: 'at least' and 'over' need only a lower "
                    "bound, 'at most' and 'under' only an upper bound, 'between' a lower bound "
                    "below the upper, 'exactly' equal bounds."
                ),
            ),
            models.CheckConstraint(
                condition=(Q(lower__isnull=True) | Q(lower__gte=0))
                & (Q(upper__isnull=True) | Q(upper__gte=0)),
                name="target_bounds_not_negative",
                violation_error_message=_("Bounds cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(deadline_year__isnull=False, deadline_date__isnull=True)
                | Q(deadline_year__isnull=True, deadline_date__isnull=False),
                name="target_one_deadline",
                violation_error_message=_("Give the deadline as a year or as a date, not both."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.directive.number}: {self.get_indicator_display()}"
