"""Indicator facts: counts maintained by the database so that any date reads in milliseconds.

See `reports.facts` for the design; the rows are written only by the database triggers and by
`rebuild_indicator_facts`, never by Python code row by row.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class FactLevel(models.IntegerChoices):
    """Which children a fact row counts: the nation's provinces, a province's communes, or a
    commune's force units (0 for records with no unit)."""

    PROVINCE = 1, _("province in the nation")
    COMMUNE = 2, _("commune in its province")
    UNIT = 3, _("force unit in its commune")


class FactKind(models.TextChoices):
    """What a row's counters mean on its date `at`."""

    DAY = "d", _("change on the day")
    MONTH = "m", _("change during the month")
    YEAR = "y", _("total before the year")


class IndicatorFact(models.Model):
    """Core members serving, the party members among them, those in a commune valid on the day,
    and admissions inside core service: as changes per day and per month, and as totals on
    1 January, for one child of one parent, force and category.
    """

    level = models.PositiveSmallIntegerField(choices=FactLevel.choices)
    parent = models.IntegerField(help_text="0 for the nation, else a province or commune id")
    child = models.IntegerField(help_text="a province, commune or unit id; 0: no unit")
    force = models.CharField(max_length=16)
    category = models.CharField(max_length=16)
    kind = models.CharField(max_length=1, choices=FactKind.choices)
    at = models.DateField()
    people = models.IntegerField(default=0)
    members = models.IntegerField(default=0)
    valid = models.IntegerField(default=0)
    admitted = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("indicator fact")
        verbose_name_plural = _("indicator facts")
        constraints = [
            # The key the triggers add their changes to (ON CONFLICT), in the order reports
            # read it: one parent's rows of one kind over a range of dates.
            models.UniqueConstraint(
                fields=["level", "parent", "kind", "at", "child", "force", "category"],
                name="reports_fact_key",
            )
        ]
        indexes = [
            # A force unit's own report reads its rows whatever commune they were counted in.
            models.Index(fields=["level", "child", "kind", "at"], name="reports_fact_child_idx")
        ]

    def __str__(self) -> str:
        return f"{self.level}/{self.parent}/{self.child} {self.force} {self.kind} {self.at}"


class FactYear(models.Model):
    """The years whose 1 January carries totals (`FactKind.YEAR`), from FIRST to LAST.

    A table, not a series function: SQLite triggers cannot use a WITH clause or generate rows.
    """

    year = models.PositiveSmallIntegerField(primary_key=True)
    starts_on = models.DateField(unique=True)

    class Meta:
        verbose_name = _("fact year")
        verbose_name_plural = _("fact years")

    def __str__(self) -> str:
        return str(self.year)
