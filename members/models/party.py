"""Party records: membership from the admission decision to an exit, and yearly ratings."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.querysets import ByPersonQuerySet
from units.models import MilitaryPartyCell, Rating

from .base import end_after_start
from .people import Person


class ExitKind(models.TextChoices):
    STRUCK_OFF = "struck_off", _("struck off (xóa tên)")
    EXPELLED = "expelled", _("expelled (khai trừ)")
    RESIGNED = "resigned", _("resigned (xin ra khỏi Đảng)")
    DECEASED = "deceased", _("deceased (từ trần)")


class PartyRecord(models.Model):
    """A person's party membership, from the admission decision to an exit, if any.

    A person counts as a party member on day D when `admitted_on <= D` and no exit is dated on
    or before D. Members admitted long ago have a record without an admission case.
    """

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="party_records", verbose_name=_("person")
    )
    admitted_on = models.DateField(_("admission decision date"))
    decision_number = models.CharField(_("decision number"), max_length=40, blank=True)
    ceremony_on = models.DateField(_("admission ceremony date"), null=True, blank=True)
    full_member_on = models.DateField(_("full member from"), null=True, blank=True)
    # NULL, not "", for a missing card number: the unique constraint must skip it.
    card_number = models.CharField(  # noqa: DJ001
        _("party card number"), max_length=20, null=True, blank=True
    )
    military_cell = models.ForeignKey(
        MilitaryPartyCell,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("commune military party cell"),
    )
    exit_on = models.DateField(_("exit date"), null=True, blank=True)
    exit_kind = models.CharField(
        _("exit kind"), max_length=16, choices=ExitKind.choices, blank=True
    )

    history = HistoricalRecords()
    objects = ByPersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("party record")
        verbose_name_plural = _("party records")
        ordering = ["person", "admitted_on"]
        indexes = [models.Index(fields=["person", "admitted_on"], name="party_person_admitted_idx")]
        constraints = [
            end_after_start("party", start="admitted_on", end="ceremony_on"),
            end_after_start("party", start="admitted_on", end="full_member_on"),
            end_after_start("party", start="admitted_on", end="exit_on"),
            end_after_start("party", start="ceremony_on", end="full_member_on"),
            models.CheckConstraint(
                condition=Q(exit_on__isnull=True, exit_kind="")
                | Q(exit_on__isnull=False) & ~Q(exit_kind=""),
                name="party_exit_date_and_kind_together",
                violation_error_message=_("An exit needs both its date and its kind."),
            ),
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(exit_on__isnull=True),
                name="party_one_open_record_per_person",
                violation_error_message=_("This person already has an open party record."),
            ),
            models.UniqueConstraint(
                fields=["card_number"],
                condition=Q(card_number__isnull=False),
                name="party_card_number_unique",
                violation_error_message=_("Another record has this party card number."),
            ),
        ]

    def __str__(self) -> str:
        return _("%(name)s, admitted %(date)s") % {
            "name": self.person.full_name,
            "date": self.admitted_on.strftime("%d/%m/%Y"),
        }


class MemberRating(models.Model):
    """A party member's yearly rating (xếp loại đảng viên)."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="ratings", verbose_name=_("person")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    rating = models.CharField(_("rating"), max_length=16, choices=Rating.choices)

    objects = ByPersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("member rating")
        verbose_name_plural = _("member ratings")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "year"],
                name="member_rating_one_per_year",
                violation_error_message=_("This member is already rated for this year."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.person.full_name} {self.year}: {self.get_rating_display()}"
