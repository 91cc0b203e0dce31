"""What the members API reads from a request and writes back: shapes only, no rules.

Query serializers refuse a bad value naming its parameter (400); the FilterSets and selectors
do the rest. Output serializers describe rows the selectors already read.
"""

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from members.filters import COMMUNE_CODE, DONE, OPEN, PARTY_STATUS_CHOICES
from members.models import (
    STAGE_ORDER,
    AdmissionStep,
    ExitKind,
    Outcome,
    Position,
    ServiceEndReason,
    Sex,
    Stage,
)
from members.querysets import PartyStatus
from units.models import ALL_CATEGORIES, Force

ISO = ["%Y-%m-%d"]
# The largest primary key the database can hold (BigAutoField): beyond it nothing can match.
MAX_ID = 2**63 - 1


def iso_date(**kwargs: Any) -> serializers.DateField:
    return serializers.DateField(input_formats=ISO, **kwargs)


class StrictBooleanField(serializers.BooleanField):
    """Read `true` or `false` and nothing else, so a typo is refused rather than guessed."""

    TRUE_VALUES = {"true"}
    FALSE_VALUES = {"false"}
    # DRF reads an absent form field as False; absent here means the default.
    default_empty_html = serializers.empty
    default_error_messages = {"invalid": _("Give true or false.")}


class BlankAsNullChoiceField(serializers.ChoiceField):
    """A choice stored as "" when unset, answered as null."""

    def to_representation(self, value: Any) -> Any:
        return super().to_representation(value) if value else None


# Query parameters


class PersonQuery(serializers.Serializer):
    search = serializers.CharField(
        required=False, max_length=120, help_text="part of the name, or the start of the ID"
    )
    name = serializers.CharField(required=False, max_length=120, help_text="part of the name")
    national_id = serializers.RegexField(
        r"^\d{1,12}$", required=False, help_text="the first digits of the national ID"
    )
    commune = serializers.RegexField(
        COMMUNE_CODE,
        required=False,
        help_text="5-digit commune code, read on `on`: its residents and the people serving in it",
    )
    force = serializers.ChoiceField(choices=Force.choices, required=False)
    category = serializers.ChoiceField(choices=ALL_CATEGORIES, required=False)
    party_status = serializers.ChoiceField(
        choices=PARTY_STATUS_CHOICES,
        required=False,
        help_text="`member` means probationary or full",
    )
    on = iso_date(
        required=False,
        help_text="YYYY-MM-DD: the day commune, force, category and party status are judged on "
        "(default: today)",
    )


class CaseQuery(serializers.Serializer):
    stage = serializers.ChoiceField(
        choices=Stage.choices, required=False, help_text="the last step recorded"
    )
    outcome = serializers.ChoiceField(
        choices=[OPEN, DONE, *Outcome.values],
        required=False,
        help_text="`open`: in progress; `done`: full member; or how the case was closed",
    )
    person = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)


class RosterUpload(serializers.Serializer):
    file = serializers.FileField(
        help_text="the roster, .xlsx or CSV UTF-8, with the template's headers"
    )
    dry_run = StrictBooleanField(
        default=False, help_text="true: check and count, write nothing (default false)"
    )


# People


class PersonItem(serializers.Serializer):
    id = serializers.IntegerField()
    national_id = serializers.CharField(allow_null=True)
    full_name = serializers.CharField()
    birth_date = serializers.DateField()
    sex = serializers.ChoiceField(choices=Sex.choices)
    residence_commune = serializers.CharField(source="residence_commune.code")
    current_force = serializers.ChoiceField(
        choices=Force.choices, allow_null=True, help_text="the force served on `on`"
    )
    party_status = serializers.ChoiceField(
        choices=PartyStatus.choices, help_text="the party status on `on`"
    )


class ServiceItem(serializers.Serializer):
    id = serializers.IntegerField()
    force = serializers.ChoiceField(choices=Force.choices)
    category = serializers.ChoiceField(choices=ALL_CATEGORIES)
    is_core = serializers.BooleanField()
    unassigned = serializers.BooleanField()
    commune = serializers.CharField(source="commune.code")
    unit = serializers.IntegerField(source="unit_id", allow_null=True)
    village = serializers.CharField(source="village.name", allow_null=True)
    start = serializers.DateField()
    end = serializers.DateField(allow_null=True)
    end_reason = BlankAsNullChoiceField(choices=ServiceEndReason.choices, allow_null=True)


class PostItem(serializers.Serializer):
    id = serializers.IntegerField()
    position = serializers.ChoiceField(choices=Position.choices)
    commune = serializers.CharField(source="command.commune.code")
    start = serializers.DateField()
    end = serializers.DateField(allow_null=True)
    in_party_committee = serializers.BooleanField()


class PartyItem(serializers.Serializer):
    id = serializers.IntegerField()
    admitted_on = serializers.DateField()
    full_member_on = serializers.DateField(allow_null=True)
    exit_on = serializers.DateField(allow_null=True)
    exit_kind = BlankAsNullChoiceField(choices=ExitKind.choices, allow_null=True)


class PersonDetail(serializers.Serializer):
    id = serializers.IntegerField()
    national_id = serializers.CharField(allow_null=True)
    full_name = serializers.CharField()
    birth_date = serializers.DateField()
    sex = serializers.ChoiceField(choices=Sex.choices)
    ethnicity = serializers.CharField()
    residence_commune = serializers.CharField(source="residence_commune.code")
    services = ServiceItem(many=True, source="records.services")
    posts = PostItem(many=True, source="records.posts")
    party_records = PartyItem(many=True, source="records.party_records")


# Admission cases


class PersonRef(serializers.Serializer):
    id = serializers.IntegerField()
    full_name = serializers.CharField()


class CellRef(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class CaseItem(serializers.Serializer):
    """One `CaseRow` of `members.selectors.cases`."""

    id = serializers.IntegerField(source="case.pk")
    person = PersonRef(source="case.person")
    commune = serializers.CharField(source="case.commune.code")
    cell = CellRef(source="case.cell", allow_null=True)
    opened_on = serializers.SerializerMethodField(help_text="the date of step 0 (source pool)")
    current_stage = serializers.ChoiceField(choices=Stage.choices, allow_null=True)
    next_stage = serializers.ChoiceField(choices=Stage.choices, allow_null=True)
    deadline = serializers.DateField(allow_null=True)
    overdue = serializers.BooleanField()
    outcome = BlankAsNullChoiceField(
        source="case.outcome", choices=Outcome.choices, allow_null=True, help_text="null: open"
    )
    outcome_on = serializers.DateField(source="case.outcome_on", allow_null=True)

    @extend_schema_field(serializers.DateField(allow_null=True))
    def get_opened_on(self, row: Any) -> Any:
        # The steps are prefetched with the case: reading them here costs no query.
        sourced = (step.done_on for step in row.case.steps.all() if step.stage == Stage.SOURCED)
        return serializers.DateField().to_representation(next(sourced, None))


class StepItem(serializers.ModelSerializer):
    class Meta:
        model = AdmissionStep
        fields = [
            "stage",
            "done_on",
            "document_number",
            "eligible_voters",
            "votes_for",
            "votes_against",
            "extension_reason",
            "override_reason",
            "note",
        ]


class CaseDetail(CaseItem):
    steps = serializers.SerializerMethodField(help_text="in the order of the procedure")

    @extend_schema_field(StepItem(many=True))
    def get_steps(self, row: Any) -> Any:
        steps = sorted(row.case.steps.all(), key=lambda step: STAGE_ORDER.index(step.stage))
        return StepItem(steps, many=True).data


# Roster import


class RosterReport(serializers.Serializer):
    rows = serializers.IntegerField()
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    villages_created = serializers.IntegerField()
    dry_run = serializers.BooleanField()


class RowErrorItem(serializers.Serializer):
    row = serializers.IntegerField(help_text="the row as the spreadsheet numbers it")
    column = serializers.CharField(help_text="the column's header, or empty for the whole row")
    message = serializers.CharField()


class RosterErrorBody(serializers.Serializer):
    errors = RowErrorItem(many=True)
    error_count = serializers.IntegerField(
        help_text="every error found; `errors` lists at most the first 1000"
    )
