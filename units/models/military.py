"""Commune military commands and commune military party cells with their committees and ratings."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from units.querysets import ByCellQuerySet, ByCommuneQuerySet

from .geography import Commune


class CommuneCommand(models.Model):
    """Ban Chỉ huy quân sự cấp xã: one per commune; posts held in it are in `members`."""

    commune = models.OneToOneField(
        Commune, on_delete=models.PROTECT, related_name="command", verbose_name=_("commune")
    )
    established_on = models.DateField(_("established on"), null=True, blank=True)

    objects = ByCommuneQuerySet.as_manager()

    class Meta:
        verbose_name = _("commune military command")
        verbose_name_plural = _("commune military commands")
        ordering = ["commune"]

    def __str__(self) -> str:
        return _("Military command of %(commune)s") % {"commune": self.commune.name}


class Rating(models.TextChoices):
    EXCELLENT = "excellent", _("excellently completed (hoàn thành xuất sắc)")
    GOOD = "good", _("well completed (hoàn thành tốt)")
    COMPLETED = "completed", _("completed (hoàn thành)")
    NOT_COMPLETED = "not_completed", _("not completed (không hoàn thành)")


GOOD_RATINGS = (Rating.EXCELLENT, Rating.GOOD)
COMPLETED_RATINGS = (Rating.EXCELLENT, Rating.GOOD, Rating.COMPLETED)


class MilitaryPartyCell(models.Model):
    """Chi bộ quân sự xã (guidance 24-HD/BTCTW, 2023)."""

    commune = models.ForeignKey(
        Commune, on_delete=models.PROTECT, related_name="military_cells", verbose_name=_("commune")
    )
    name = models.CharField(_("name"), max_length=160)
    established_on = models.DateField(_("established on"))
    dissolved_on = models.DateField(_("dissolved on"), null=True, blank=True)

    objects = ByCommuneQuerySet.as_manager()

    class Meta:
        verbose_name = _("commune military party cell")
        verbose_name_plural = _("commune military party cells")
        ordering = ["commune", "established_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(dissolved_on__isnull=True) | Q(dissolved_on__gte=F("established_on")),
                name="military_cell_dissolved_after_established",
                violation_error_message=_("The cell is dissolved before it is established."),
            ),
            models.UniqueConstraint(
                fields=["commune"],
                condition=Q(dissolved_on__isnull=True),
                name="military_cell_one_open_per_commune",
                violation_error_message=_("This commune already has a military party cell."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class CellCommitteePeriod(models.Model):
    """A period during which the cell had an elected committee (chi ủy)."""

    cell = models.ForeignKey(
        MilitaryPartyCell,
        on_delete=models.CASCADE,
        related_name="committee_periods",
        verbose_name=_("cell"),
    )
    start = models.DateField(_("from"))
    end = models.DateField(_("to"), null=True, blank=True)

    objects = ByCellQuerySet.as_manager()

    class Meta:
        verbose_name = _("cell committee period")
        verbose_name_plural = _("cell committee periods")
        ordering = ["cell", "start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")),
                name="cell_committee_end_after_start",
                violation_error_message=_("The end is before the start."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cell}: {self.start} – {self.end or '…'}"


class CellRating(models.Model):
    cell = models.ForeignKey(
        MilitaryPartyCell, on_delete=models.CASCADE, related_name="ratings", verbose_name=_("cell")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    rating = models.CharField(_("rating"), max_length=16, choices=Rating.choices)

    objects = ByCellQuerySet.as_manager()

    class Meta:
        verbose_name = _("cell rating")
        verbose_name_plural = _("cell ratings")
        ordering = ["cell", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["cell", "year"],
                name="cell_rating_one_per_year",
                violation_error_message=_("This cell is already rated for this year."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cell} {self.year}: {self.get_rating_display()}"
