"""Administrative geography of both eras, force units and commune military bodies.

An official code names a unit only together with a date: the July 2025 reform reused codes
(commune 00004 was Phường Trúc Bạch and is now Phường Ba Đình). Every unit therefore has a
surrogate key and a validity interval, and `*Lineage` rows record how units became others.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from units.querysets import (
    ByCommuneQuerySet,
    ByVillageQuerySet,
    CommuneQuerySet,
    DatedQuerySet,
    DistrictQuerySet,
    ProvinceQuerySet,
    VillageQuerySet,
    covers,
)

REFORM_DATE = datetime.date(2025, 7, 1)


class DatedUnit(models.Model):
    """A unit valid from one day to another, both inclusive; open ends mean 'always'."""

    code = models.CharField(_("official code"), max_length=5, db_index=True)
    name = models.CharField(_("name"), max_length=120)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    objects = DatedQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["code", "valid_from"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    @classmethod
    def dated_constraints(cls, prefix: str) -> list[models.BaseConstraint]:
        return [
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_to__isnull=True)
                | Q(valid_to__gte=F("valid_from")),
                name=f"{prefix}_valid_to_after_valid_from",
                violation_error_message=_("The end of validity is before its start."),
            ),
            models.UniqueConstraint(
                fields=["code", "valid_from"],
                name=f"{prefix}_code_valid_from_unique",
                violation_error_message=_("A unit with this code already starts on this date."),
            ),
            # SQLite cannot treat NULLs as equal in a unique constraint, so the units valid
            # "since always" get their own partial one.
            models.UniqueConstraint(
                fields=["code"],
                condition=Q(valid_from__isnull=True),
                name=f"{prefix}_code_unique_without_start",
                violation_error_message=_("A unit with this code already starts on this date."),
            ),
        ]

    def is_valid_on(self, day: datetime.date) -> bool:
        return covers(self.valid_from, self.valid_to, day)


class Province(DatedUnit):
    class Kind(models.TextChoices):
        PROVINCE = "province", _("province (tỉnh)")
        CITY = "city", _("centrally-run city (thành phố)")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)

    objects = ProvinceQuerySet.as_manager()

    class Meta(DatedUnit.Meta):
        verbose_name = _("province")
        verbose_name_plural = _("provinces")
        constraints = DatedUnit.dated_constraints("province")


class District(DatedUnit):
    """A district of the legacy three-tier system, abolished on 1 July 2025."""

    class Kind(models.TextChoices):
        RURAL_DISTRICT = "rural_district", _("rural district (huyện)")
        URBAN_DISTRICT = "urban_district", _("urban district (quận)")
        TOWN = "town", _("town (thị xã)")
        PROVINCIAL_CITY = "provincial_city", _("provincial city (thành phố thuộc tỉnh)")

    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="districts", verbose_name=_("province")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)

    objects = DistrictQuerySet.as_manager()

    class Meta(DatedUnit.Meta):
        verbose_name = _("district (legacy)")
        verbose_name_plural = _("districts (legacy)")
        constraints = DatedUnit.dated_constraints("district")


class Commune(DatedUnit):
    class Kind(models.TextChoices):
        COMMUNE = "commune", _("commune (xã)")
        WARD = "ward", _("ward (phường)")
        TOWNSHIP = "township", _("township (thị trấn)")
        SPECIAL_ZONE = "special_zone", _("special zone (đặc khu)")

    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="communes", verbose_name=_("province")
    )
    district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        related_name="communes",
        null=True,
        blank=True,
        verbose_name=_("district (legacy)"),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)

    objects = CommuneQuerySet.as_manager()

    class Meta(DatedUnit.Meta):
        verbose_name = _("commune")
        verbose_name_plural = _("communes")
        constraints = DatedUnit.dated_constraints("commune")

    def clean(self) -> None:
        if self.district_id and self.district.province_id != self.province_id:
            raise ValidationError(
                {"district": _("The district belongs to another province.")}, code="province"
            )


class Village(models.Model):
    class Kind(models.TextChoices):
        VILLAGE = "village", _("village (thôn)")
        HAMLET = "hamlet", _("hamlet (bản, ấp)")
        RESIDENTIAL_GROUP = "residential_group", _("residential group (tổ dân phố, khu phố)")

    commune = models.ForeignKey(
        Commune, on_delete=models.PROTECT, related_name="villages", verbose_name=_("commune")
    )
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.VILLAGE)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    objects = VillageQuerySet.as_manager()

    class Meta:
        verbose_name = _("village")
        verbose_name_plural = _("villages")
        ordering = ["commune", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "name"],
                name="village_name_unique_in_commune",
                violation_error_message=_("This commune already has a village with this name."),
            ),
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_to__isnull=True)
                | Q(valid_to__gte=F("valid_from")),
                name="village_valid_to_after_valid_from",
                violation_error_message=_("The end of validity is before its start."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}, {self.commune.name}"


class VillagePartyCount(models.Model):
    """How many party members lived in a village on a day, by the party organisation's own
    register (entered yearly by the commune, or imported).

    The indicator of villages without a party member reads the latest count on or before its
    date; a village with no count is unknown there, never zero (DOMAIN.md §6).
    """

    class Source(models.TextChoices):
        ENTERED = "entered", _("entered by the commune")
        IMPORTED = "imported", _("imported from the party register")

    village = models.ForeignKey(
        Village, on_delete=models.CASCADE, related_name="party_counts", verbose_name=_("village")
    )
    counted_on = models.DateField(_("counted on"))
    members = models.PositiveIntegerField(_("party members living there"))
    source = models.CharField(
        _("source"), max_length=10, choices=Source.choices, default=Source.ENTERED
    )

    objects = ByVillageQuerySet.as_manager()

    class Meta:
        verbose_name = _("party members of a village")
        verbose_name_plural = _("party members of villages")
        ordering = ["village", "-counted_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["village", "counted_on"],
                name="village_party_count_one_per_day",
                violation_error_message=_("This village already has a count on this day."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.village.name} {self.counted_on:%d/%m/%Y}: {self.members}"

    def clean(self) -> None:
        if self.counted_on and self.counted_on > timezone.localdate():
            raise ValidationError({"counted_on": _("A count cannot be dated in the future.")})


class ChangeKind(models.TextChoices):
    MERGE = "merge", _("merge")
    SPLIT = "split", _("split")
    RENAME = "rename", _("rename")
    TYPE_CHANGE = "type_change", _("type change")
    CONTINUATION = "continuation", _("continued as a new unit on the same territory")


class Lineage(models.Model):
    """One edge of the change graph: `predecessor` went (wholly or partly) into `successor`."""

    kind = models.CharField(_("change"), max_length=16, choices=ChangeKind.choices)
    effective_on = models.DateField(_("effective on"))
    partial = models.BooleanField(
        _("partial"),
        default=False,
        help_text=_("Only part of the predecessor went into the successor."),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        abstract = True


class ProvinceLineage(Lineage):
    predecessor = models.ForeignKey(
        Province, on_delete=models.CASCADE, related_name="successor_links", verbose_name=_("from")
    )
    successor = models.ForeignKey(
        Province, on_delete=models.CASCADE, related_name="predecessor_links", verbose_name=_("to")
    )

    class Meta:
        verbose_name = _("province change")
        verbose_name_plural = _("province changes")
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor", "effective_on"],
                name="province_lineage_unique",
            ),
            models.CheckConstraint(
                condition=~Q(predecessor=F("successor")),
                name="province_lineage_not_to_itself",
                violation_error_message=_("A unit cannot be its own predecessor."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor} ({self.effective_on})"


class CommuneLineage(Lineage):
    predecessor = models.ForeignKey(
        Commune, on_delete=models.CASCADE, related_name="successor_links", verbose_name=_("from")
    )
    successor = models.ForeignKey(
        Commune, on_delete=models.CASCADE, related_name="predecessor_links", verbose_name=_("to")
    )
    is_default_successor = models.BooleanField(
        _("default successor"),
        default=False,
        help_text=_("Where a split commune's records go when nothing better is known."),
    )

    class Meta:
        verbose_name = _("commune change")
        verbose_name_plural = _("commune changes")
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor", "effective_on"],
                name="commune_lineage_unique",
            ),
            models.CheckConstraint(
                condition=~Q(predecessor=F("successor")),
                name="commune_lineage_not_to_itself",
                violation_error_message=_("A unit cannot be its own predecessor."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor} ({self.effective_on})"


class CommunePopulation(models.Model):
    """Population of a commune in a year, entered by users: no package ships it."""

    commune = models.ForeignKey(
        Commune, on_delete=models.CASCADE, related_name="populations", verbose_name=_("commune")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    population = models.PositiveIntegerField(_("population"))

    objects = ByCommuneQuerySet.as_manager()

    class Meta:
        verbose_name = _("commune population")
        verbose_name_plural = _("commune populations")
        ordering = ["commune", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "year"],
                name="population_one_per_commune_year",
                violation_error_message=_("This commune already has a population for this year."),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=1945) & Q(year__lte=2100),
                name="population_year_plausible",
                violation_error_message=_("The year must lie between 1945 and 2100."),
            ),
        ]
        indexes = [
            # Reports read one year of every commune of an area (a national report: 3,321 of
            # 167,000 rows), from the index alone on PostgreSQL.
            models.Index(
                fields=["year", "commune"], include=["population"], name="population_by_year_idx"
            )
        ]

    def __str__(self) -> str:
        return f"{self.commune.name} {self.year}: {self.population}"
