"""The age and term rules of militia and self-defence service, as data with their source."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MilitiaServiceRules(models.Model):
    """Ages and terms of service in militia and self-defence in force from `effective_from`
    until the next set (Law 48/2019 art. 8 from 1 July 2020; a later amendment is a new row).

    Ages are whole years "from the day of turning N to the end of age M", so a man may start
    from his 18th birthday until the day before his 46th. A term runs from the first day of
    service: 4 years from 1 January 2021 end on 31 December 2024.
    """

    effective_from = models.DateField(_("in force from"), unique=True)
    source_document = models.CharField(_("source document"), max_length=300)
    min_age = models.PositiveSmallIntegerField(_("minimum age (years)"))
    max_age_men = models.PositiveSmallIntegerField(_("maximum age of men (years)"))
    max_age_women = models.PositiveSmallIntegerField(_("maximum age of women (years)"))
    volunteer_max_age_men = models.PositiveSmallIntegerField(
        _("maximum age of men who volunteer (years)")
    )
    volunteer_max_age_women = models.PositiveSmallIntegerField(
        _("maximum age of women who volunteer (years)")
    )
    term_years = models.PositiveSmallIntegerField(_("term (years)"))
    standing_term_years = models.PositiveSmallIntegerField(
        _("term of the standing militia (years)")
    )
    max_extension_years = models.PositiveSmallIntegerField(_("longest extension (years)"))

    class Meta:
        verbose_name = _("militia service rules")
        verbose_name_plural = _("militia service rules")
        ordering = ["effective_from"]

    def __str__(self) -> str:
        return f"{self.source_document} ({self.effective_from:%d/%m/%Y})"
