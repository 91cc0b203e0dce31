"""The admission pipeline: dated rule sets, cases and their steps (DOMAIN.md §5)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.querysets import AdmissionCaseQuerySet, AdmissionStepQuerySet
from members.validators import validate_not_in_future
from units.models import Commune, MilitaryPartyCell

from .party import PartyRecord
from .people import Person


class AdmissionRuleSet(models.Model):
    """The admission rules in force from `effective_from` until the next rule set.

    Party regulations changed these in 2021, 2025 and 2026, so they are data with a source
    document, never constants in code.
    """

    effective_from = models.DateField(_("in force from"), unique=True)
    source_document = models.CharField(_("source document"), max_length=300)
    min_age_months = models.PositiveSmallIntegerField(_("minimum age on the cell vote (months)"))
    max_age_months = models.PositiveSmallIntegerField(_("maximum age on the cell vote (months)"))
    certificate_valid_months = models.PositiveSmallIntegerField(
        _("awareness certificate valid (months)")
    )
    verification_valid_months = models.PositiveSmallIntegerField(
        _("background verification valid (months)")
    )
    introducer_letter_valid_months = models.PositiveSmallIntegerField(
        _("introducer letters valid (months)")
    )
    introducer_acquaintance_months = models.PositiveSmallIntegerField(
        _("introducer worked with the candidate at least (months)")
    )
    # Thresholds are fractions kept as two integers: 2/3 has no exact decimal form, and
    # 6 votes of 9 must pass.
    cell_vote_numerator = models.PositiveSmallIntegerField(_("cell vote threshold: numerator"))
    cell_vote_denominator = models.PositiveSmallIntegerField(_("cell vote threshold: denominator"))
    committee_vote_numerator = models.PositiveSmallIntegerField(
        _("committee vote threshold: numerator")
    )
    committee_vote_denominator = models.PositiveSmallIntegerField(
        _("committee vote threshold: denominator")
    )
    decision_deadline_working_days = models.PositiveSmallIntegerField(
        _("decision deadline after the cell resolution (working days)")
    )
    decision_extension_working_days = models.PositiveSmallIntegerField(
        _("decision deadline extension in special cases (working days)")
    )
    ceremony_deadline_working_days = models.PositiveSmallIntegerField(
        _("ceremony deadline after receiving the decision (working days)")
    )
    probation_months = models.PositiveSmallIntegerField(_("probation (months)"))
    recognition_cell_deadline_working_days = models.PositiveSmallIntegerField(
        _("cell recognition vote after probation (working days)")
    )
    recognition_committee_deadline_working_days = models.PositiveSmallIntegerField(
        _("committee recognition after the cell vote (working days)")
    )
    readmission_wait_months = models.PositiveSmallIntegerField(_("readmission only after (months)"))
    cell_committee_min_full_members = models.PositiveSmallIntegerField(
        _("full members a cell needs to elect a committee")
    )

    class Meta:
        verbose_name = _("admission rule set")
        verbose_name_plural = _("admission rule sets")
        ordering = ["-effective_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_age_months__lt=F("max_age_months")),
                name="rules_min_age_below_max_age",
                violation_error_message=_("The minimum age must be below the maximum age."),
            ),
            models.CheckConstraint(
                condition=Q(cell_vote_numerator__gt=0, committee_vote_numerator__gt=0)
                & Q(cell_vote_numerator__lte=F("cell_vote_denominator"))
                & Q(committee_vote_numerator__lte=F("committee_vote_denominator")),
                name="rules_thresholds_are_shares",
                violation_error_message=_("A vote threshold is a fraction between 0 and 1."),
            ),
        ]

    def __str__(self) -> str:
        return _("Rules from %(date)s (%(source)s)") % {
            "date": self.effective_from.strftime("%d/%m/%Y"),
            "source": self.source_document,
        }


class Stage(models.TextChoices):
    """The admission steps in order (DOMAIN.md §5)."""

    SOURCED = "sourced", _("0. picked for the source pool")
    AWARENESS_COURSE = "awareness_course", _("1. party-awareness course")
    APPLICATION = "application", _("2. application and personal history")
    VERIFICATION = "verification", _("3. background verification")
    INTRODUCTION = "introduction", _("4. introducers")
    CELL_VOTE = "cell_vote", _("5. cell vote")
    COMMITTEE_RESOLUTION = "committee_resolution", _("6. grassroots committee resolution")
    DECISION = "decision", _("7. admission decision")
    CEREMONY = "ceremony", _("8. admission ceremony")
    RECOGNITION_VOTE = "recognition_vote", _("9a. cell vote on full membership")
    RECOGNITION = "recognition", _("9b. recognition as full member")


STAGE_ORDER = list(Stage.values)
VOTE_STAGES = (Stage.CELL_VOTE, Stage.COMMITTEE_RESOLUTION, Stage.RECOGNITION_VOTE)


class Outcome(models.TextChoices):
    STRUCK_OFF = "struck_off", _("struck from the probationary list")
    STOPPED = "stopped", _("stopped")
    TRANSFERRED = "transferred", _("transferred")


class IntroductionKind(models.TextChoices):
    TWO_MEMBERS = "two_members", _("two full party members")
    YOUTH_UNION = "youth_union", _("youth union and one full member")
    TRADE_UNION = "trade_union", _("trade union and one full member")


class AdmissionCase(models.Model):
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="admission_cases", verbose_name=_("person")
    )
    commune = models.ForeignKey(
        Commune,
        on_delete=models.PROTECT,
        related_name="admission_cases",
        verbose_name=_("commune"),
    )
    cell = models.ForeignKey(
        MilitaryPartyCell,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="admission_cases",
        verbose_name=_("party cell"),
    )
    helper = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="helped_cases",
        verbose_name=_("full member assigned to help"),
    )
    introduction_kind = models.CharField(
        _("introduction"), max_length=16, choices=IntroductionKind.choices, blank=True
    )
    introducers = models.ManyToManyField(
        Person, blank=True, related_name="introduced_cases", verbose_name=_("introducers")
    )
    party_record = models.OneToOneField(
        PartyRecord,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="admission_case",
        verbose_name=_("party record"),
    )
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices, blank=True)
    outcome_on = models.DateField(
        _("outcome date"), null=True, blank=True, validators=[validate_not_in_future]
    )
    outcome_reason = models.CharField(_("outcome reason"), max_length=300, blank=True)

    history = HistoricalRecords()
    objects = AdmissionCaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("admission case")
        verbose_name_plural = _("admission cases")
        ordering = ["commune", "person"]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome="", outcome_on__isnull=True)
                | ~Q(outcome="") & Q(outcome_on__isnull=False),
                name="admission_outcome_date_and_kind_together",
                violation_error_message=_("An outcome needs both its kind and its date."),
            ),
        ]

    def __str__(self) -> str:
        return _("Admission of %(name)s") % {"name": self.person.full_name}


class AdmissionStep(models.Model):
    case = models.ForeignKey(
        AdmissionCase, on_delete=models.CASCADE, related_name="steps", verbose_name=_("case")
    )
    stage = models.CharField(_("step"), max_length=24, choices=Stage.choices)
    done_on = models.DateField(_("date"), validators=[validate_not_in_future])
    document_number = models.CharField(_("document number"), max_length=40, blank=True)
    eligible_voters = models.PositiveSmallIntegerField(
        _("members entitled to vote"), null=True, blank=True
    )
    votes_for = models.PositiveSmallIntegerField(_("votes for"), null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField(_("votes against"), null=True, blank=True)
    extension_reason = models.CharField(
        _("reason for the extended deadline"), max_length=300, blank=True
    )
    override_reason = models.CharField(
        _("reason for overriding a rule"), max_length=300, blank=True
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    history = HistoricalRecords()
    objects = AdmissionStepQuerySet.as_manager()

    class Meta:
        verbose_name = _("admission step")
        verbose_name_plural = _("admission steps")
        ordering = ["case", "done_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "stage"],
                name="admission_step_once_per_case",
                violation_error_message=_("This step is already recorded for this case."),
            ),
            models.CheckConstraint(
                condition=~Q(stage__in=VOTE_STAGES)
                | Q(eligible_voters__isnull=False, votes_for__isnull=False),
                name="admission_vote_step_has_votes",
                violation_error_message=_("A vote step needs the voters and the votes for."),
            ),
            models.CheckConstraint(
                condition=Q(votes_for__isnull=True)
                | Q(votes_for__lte=F("eligible_voters") - Coalesce("votes_against", 0)),
                name="admission_votes_within_voters",
                violation_error_message=_("More votes than members entitled to vote."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case}: {self.get_stage_display()}"
