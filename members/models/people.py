"""People, their dated force service and the command posts they hold.

Every service record and post is dated, both ends inclusive: a record that ends on 30 June
counts on 30 June and not on 1 July.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.querysets import CommandPostQuerySet, PersonQuerySet, ServiceRecordQuerySet
from members.validators import (
    FEMALE,
    MALE,
    NATIONAL_ID_PATTERN,
    validate_national_id,
    validate_not_in_future,
)
from units.models import (
    ALL_CATEGORIES,
    Commune,
    CommuneCommand,
    DqtvCategory,
    Force,
    ForceUnit,
    Village,
    category_allowed_q,
)

from .base import end_after_start


class Sex(models.TextChoices):
    MALE = MALE, _("male")
    FEMALE = FEMALE, _("female")


class GeneralEducation(models.TextChoices):
    NONE = "none", _("none")
    PRIMARY = "primary", _("primary (tiểu học)")
    LOWER_SECONDARY = "lower_secondary", _("lower secondary (trung học cơ sở)")
    UPPER_SECONDARY = "upper_secondary", _("upper secondary (trung học phổ thông)")


class MilitaryTraining(models.TextChoices):
    NONE = "none", _("none")
    ELEMENTARY = "elementary", _("elementary (sơ cấp)")
    INTERMEDIATE = "intermediate", _("intermediate (trung cấp)")
    COLLEGE = "college", _("college (cao đẳng)")
    UNIVERSITY = "university", _("university (đại học)")
    POSTGRADUATE = "postgraduate", _("postgraduate (sau đại học)")


INTERMEDIATE_OR_HIGHER = (
    MilitaryTraining.INTERMEDIATE,
    MilitaryTraining.COLLEGE,
    MilitaryTraining.UNIVERSITY,
    MilitaryTraining.POSTGRADUATE,
)
COLLEGE_OR_HIGHER = (
    MilitaryTraining.COLLEGE,
    MilitaryTraining.UNIVERSITY,
    MilitaryTraining.POSTGRADUATE,
)


class Person(models.Model):
    # NULL, not "", for a missing ID: the unique constraint must skip people without one.
    national_id = models.CharField(  # noqa: DJ001
        _("national ID"), max_length=12, null=True, blank=True, help_text=_("12 digits")
    )
    full_name = models.CharField(_("full name"), max_length=120, db_index=True)
    birth_date = models.DateField(_("birth date"), validators=[validate_not_in_future])
    sex = models.CharField(_("sex"), max_length=6, choices=Sex.choices)
    ethnicity = models.CharField(_("ethnicity"), max_length=40, default="Kinh")
    religion = models.CharField(_("religion"), max_length=60, blank=True)
    general_education = models.CharField(
        _("general education"), max_length=16, choices=GeneralEducation.choices, blank=True
    )
    military_training = models.CharField(
        _("military training"),
        max_length=16,
        choices=MilitaryTraining.choices,
        default=MilitaryTraining.NONE,
    )
    residence_commune = models.ForeignKey(
        Commune,
        on_delete=models.PROTECT,
        related_name="residents",
        verbose_name=_("commune of residence"),
    )
    residence_village = models.ForeignKey(
        Village,
        on_delete=models.PROTECT,
        related_name="residents",
        null=True,
        blank=True,
        verbose_name=_("village of residence"),
    )

    history = HistoricalRecords()
    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["full_name", "birth_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["national_id"],
                condition=Q(national_id__isnull=False),
                name="person_national_id_unique",
                violation_error_message=_("A person with this national ID already exists."),
            ),
            models.CheckConstraint(
                condition=Q(national_id__isnull=True) | Q(national_id__regex=NATIONAL_ID_PATTERN),
                name="person_national_id_12_digits",
                violation_error_message=_("The national ID must have exactly 12 digits."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.birth_date:%d/%m/%Y})"

    def clean(self) -> None:
        if self.national_id == "":
            self.national_id = None
        if self.national_id:
            try:
                validate_national_id(self.national_id, birth_date=self.birth_date, sex=self.sex)
            except ValidationError as error:
                raise ValidationError({"national_id": error}) from error
        if self.residence_village_id and (
            self.residence_village.commune_id != self.residence_commune_id
        ):
            raise ValidationError(
                {"residence_village": _("The village belongs to another commune.")},
                code="commune",
            )


class ServiceEndReason(models.TextChoices):
    TERM_COMPLETED = "term_completed", _("term completed")
    TRANSFERRED = "transferred", _("transferred")
    MOVED_AWAY = "moved_away", _("moved away")
    OVER_AGE = "over_age", _("over age")
    HEALTH = "health", _("health")
    ENLISTED = "enlisted", _("enlisted in the army")
    OTHER = "other", _("other")


class ServiceRecord(models.Model):
    """A person's service in one force, category and commune from one day to another.

    Core (nòng cốt) records are the serving force that indicators count; broad (rộng rãi)
    records are people who finished service. A person has no two overlapping core records,
    whatever the force: nobody is in DQTV and the reserve at the same time. The database holds
    that invariant (an exclusion constraint on PostgreSQL, triggers on SQLite).
    """

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="services", verbose_name=_("person")
    )
    force = models.CharField(_("force"), max_length=16, choices=Force.choices)
    category = models.CharField(_("category"), max_length=16, choices=ALL_CATEGORIES)
    is_core = models.BooleanField(_("core force"), default=True)
    # Law 53/2019: a reservist is registered at the commune and may be assigned to a
    # mobilisation unit; the reserve indicators count the assigned (DOMAIN.md §4).
    # Database defaults too: the roster's and the generator's COPY name only the columns they
    # know, and NOT NULL columns added later must fill themselves.
    unassigned = models.BooleanField(
        _("registered only, not assigned to a unit"),
        default=False,
        db_default=False,
        help_text=_(
            "Reserve only: a reservist registered at the commune but not yet assigned to a "
            "mobilisation unit is in the reserve but not counted by the reserve indicators."
        ),
    )
    # Law 48/2019 art. 8: a volunteer may serve in the militia and self-defence beyond the age
    # of the duty, and the term may be extended by a dated decision.
    volunteer = models.BooleanField(
        _("volunteer beyond the age of duty"),
        default=False,
        db_default=False,
        help_text=_("Militia and self-defence: serving by choice up to 50 (men) or 45 (women)."),
    )
    extended_until = models.DateField(_("term extended until"), null=True, blank=True)
    extension_decided_on = models.DateField(
        _("extension decided on"), null=True, blank=True, validators=[validate_not_in_future]
    )
    commune = models.ForeignKey(
        Commune,
        on_delete=models.PROTECT,
        related_name="service_records",
        verbose_name=_("commune"),
    )
    village = models.ForeignKey(
        Village,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="service_records",
        verbose_name=_("village"),
    )
    unit = models.ForeignKey(
        ForceUnit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="service_records",
        verbose_name=_("unit"),
    )
    start = models.DateField(_("from"))
    end = models.DateField(_("to"), null=True, blank=True)
    end_reason = models.CharField(
        _("end reason"), max_length=16, choices=ServiceEndReason.choices, blank=True
    )

    history = HistoricalRecords()
    objects = ServiceRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("service record")
        verbose_name_plural = _("service records")
        ordering = ["person", "start"]
        indexes = [
            models.Index(fields=["commune", "force", "start"], name="service_area_idx"),
            # The stock indicators of a province or commune on a date read the counted records
            # (core, and of the reserve assigned) by commune from this index alone (index-only
            # scan), without visiting the table.
            models.Index(
                fields=["commune", "start"],
                include=["end", "force", "category", "person"],
                condition=Q(is_core=True, unassigned=False),
                name="service_counted_on_idx",
            ),
        ]
        constraints = [
            end_after_start("service"),
            models.CheckConstraint(
                condition=category_allowed_q(),
                name="service_category_matches_force",
                violation_error_message=_("The category does not belong to this force."),
            ),
            models.CheckConstraint(
                condition=~Q(force=Force.RESERVE) | Q(is_core=True),
                name="service_reserve_is_core",
                violation_error_message=_(
                    "Reserve records are always core: the broad force is a militia notion."
                ),
            ),
            models.CheckConstraint(
                condition=Q(force=Force.RESERVE) | Q(unassigned=False),
                name="service_only_reserve_unassigned",
                violation_error_message=_(
                    "Only a reservist can be registered without being assigned to a unit."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(force=Force.SELF_DEFENCE, category=DqtvCategory.STANDING),
                name="service_standing_is_militia_only",
                violation_error_message=_("Only the militia has a standing force."),
            ),
            models.CheckConstraint(
                condition=Q(extended_until__isnull=True, extension_decided_on__isnull=True)
                | Q(extended_until__isnull=False, extension_decided_on__isnull=False),
                name="service_extension_is_a_dated_decision",
                violation_error_message=_(
                    "An extension of the term needs both the date of its decision and the day "
                    "it runs to."
                ),
            ),
            models.CheckConstraint(
                condition=Q(end__isnull=False) | Q(end_reason=""),
                name="service_end_reason_needs_end",
                violation_error_message=_("An end reason needs an end date."),
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.person.full_name}: {self.get_force_display()} {self.start} – {self.end or '…'}"
        )

    def clean(self) -> None:
        errors = {}
        if self.unit_id and self.unit.force != self.force:
            errors["unit"] = _("The unit belongs to another force.")
        if self.village_id and self.village.commune_id != self.commune_id:
            errors["village"] = _("The village belongs to another commune.")
        if errors:
            raise ValidationError(errors, code="mismatch")
        self._validate_no_overlapping_core_record()
        # Imported here: the rules read the models of this module.
        from members.militia_rules import militia_rule_errors

        if errors := militia_rule_errors(self):
            raise ValidationError(errors)

    def _validate_no_overlapping_core_record(self) -> None:
        """Raise if another core record of this person overlaps this one (ends inclusive).

        The database holds this invariant (migration 0002) in a form Django cannot read, so
        without this check a clash would only surface as an IntegrityError on save. A form that
        edits several records of the person together lists their ids in `checked_alongside`
        and compares them itself: their stored dates may be about to change.
        """
        if not (self.is_core and self.person_id and self.start):
            return
        if self.end and self.end < self.start:
            return  # the end-after-start constraint reports this one
        others = ServiceRecord.objects.filter(person_id=self.person_id, is_core=True).filter(
            Q(end__isnull=True) | Q(end__gte=self.start)
        )
        if self.end:
            others = others.filter(start__lte=self.end)
        skipped = [self.pk, *getattr(self, "checked_alongside", ())]
        clash = others.exclude(pk__in=[pk for pk in skipped if pk]).order_by("start").first()
        if clash:
            raise ValidationError(
                _(
                    "This person already serves in the core force from %(start)s to %(end)s "
                    "(%(force)s); core service records may not overlap."
                ),
                code="overlap",
                params={
                    "start": date_format(clash.start, "SHORT_DATE_FORMAT"),
                    "end": date_format(clash.end, "SHORT_DATE_FORMAT") if clash.end else "…",
                    "force": clash.get_force_display(),
                },
            )


class Position(models.TextChoices):
    COMMANDER = "commander", _("commander (chỉ huy trưởng)")
    POLITICAL_COMMISSAR = "political_commissar", _("political commissar (chính trị viên)")
    DEPUTY_COMMANDER = "deputy_commander", _("deputy commander (phó chỉ huy trưởng)")
    DEPUTY_COMMISSAR = "deputy_commissar", _("deputy political commissar (chính trị viên phó)")
    ASSISTANT = "assistant", _("assistant (trợ lý)")
    # Heads the militia of one village; not a cadre of the commune command (DOMAIN.md §4).
    VILLAGE_MILITIA_LEADER = (
        "village_militia_leader",
        _("village militia leader (thôn đội trưởng)"),
    )


# The posts of the commune command itself, whose holders are its "command cadres".
COMMAND_POSITIONS = tuple(p for p in Position if p != Position.VILLAGE_MILITIA_LEADER)


class HolderKind(models.TextChoices):
    """Who holds a post: since Law 98/2025 commanders are regular officers appointed by the
    Military Region, deputies and assistants civil servants; before, mostly part-time."""

    REGULAR_OFFICER = "regular_officer", _("regular officer (sĩ quan chính quy)")
    CIVIL_SERVANT = "civil_servant", _("civil servant (công chức)")
    PART_TIME = "part_time", _("part-time (không chuyên trách)")


class CommandPost(models.Model):
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="posts", verbose_name=_("person")
    )
    command = models.ForeignKey(
        CommuneCommand, on_delete=models.PROTECT, related_name="posts", verbose_name=_("command")
    )
    position = models.CharField(_("position"), max_length=24, choices=Position.choices)
    holder_kind = models.CharField(
        _("kind of holder"),
        max_length=16,
        choices=HolderKind.choices,
        blank=True,
        default="",
        db_default="",
        help_text=_("Empty where the records do not say."),
    )
    village = models.ForeignKey(
        Village,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="militia_leaders",
        verbose_name=_("village"),
        help_text=_("The village a village militia leader heads."),
    )
    start = models.DateField(_("from"))
    end = models.DateField(_("to"), null=True, blank=True)
    in_party_committee = models.BooleanField(
        _("member of the commune party committee"), default=False
    )

    history = HistoricalRecords()
    objects = CommandPostQuerySet.as_manager()

    class Meta:
        verbose_name = _("command post")
        verbose_name_plural = _("command posts")
        ordering = ["command", "position", "start"]
        constraints = [
            end_after_start("command_post"),
            models.CheckConstraint(
                condition=Q(position=Position.VILLAGE_MILITIA_LEADER, village__isnull=False)
                | (~Q(position=Position.VILLAGE_MILITIA_LEADER) & Q(village__isnull=True)),
                name="command_post_village_for_village_leader_only",
                violation_error_message=_(
                    "A village militia leader heads a village; the other posts have none."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person.full_name}: {self.get_position_display()}"

    def clean(self) -> None:
        if (
            self.village_id
            and self.command_id
            and self.village.commune_id != self.command.commune_id
        ):
            raise ValidationError(
                {"village": _("The village belongs to another commune.")}, code="mismatch"
            )
