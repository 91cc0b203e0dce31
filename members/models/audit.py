"""Who read which person: personal records are confidential (DOMAIN.md §8)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from members.querysets import ByPersonQuerySet

from .people import Person


class PersonReadLog(models.Model):
    """One reading of a person's record, written by every page, export and API that shows one.

    Changes are kept by the models' history; this keeps reads, which change nothing.
    """

    person = models.ForeignKey(
        Person,
        # The log outlives the person: a deleted record's readings still happened.
        on_delete=models.SET_NULL,
        null=True,
        related_name="read_logs",
        verbose_name=_("person"),
    )
    reader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="person_reads",
        verbose_name=_("read by"),
    )
    read_at = models.DateTimeField(_("read at"), auto_now_add=True, db_index=True)
    purpose = models.CharField(_("where"), max_length=40)

    objects = ByPersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("person read")
        verbose_name_plural = _("person reads")
        ordering = ["-read_at"]

    def __str__(self) -> str:
        return f"{self.reader} → {self.person_id} ({self.read_at:%d/%m/%Y %H:%M})"
