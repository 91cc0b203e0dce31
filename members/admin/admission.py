"""Admin for the dated admission rules, admission cases and their steps.

Cases and steps are read-only here, for every user, the national administrator included. The
admission procedure has one write path, `members.services.admission` (`admission_case_open`,
`admission_step_record`, `admission_case_close`), reached from the case pages
(`/members/admissions/<pk>/`): it checks the rules of `admission_checks` and has the effects of a
step (the ceremony creates the party record, recognition dates full membership). A step or case
saved by a ModelAdmin form would skip both, so the admin only shows them and links to the case
page. The rule sets are data kept by the national administrator and stay editable.
"""

from django.contrib import admin
from django.db.models import OuterRef, QuerySet, Subquery
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from config.admin_input import BadInputAdminMixin
from config.scoped_admin import ScopedAdminMixin
from members.models import AdmissionCase, AdmissionRuleSet, AdmissionStep, Stage

from .base import PersonReadLogMixin, ReadOnlyAdminMixin


@admin.register(AdmissionRuleSet)
class AdmissionRuleSetAdmin(BadInputAdminMixin, admin.ModelAdmin):
    list_display = (
        "effective_from",
        "source_document",
        "min_age_months",
        "max_age_months",
        "probation_months",
    )
    search_fields = ("source_document",)
    fieldsets = (
        (None, {"fields": ("effective_from", "source_document")}),
        (_("Candidates"), {"fields": ("min_age_months", "max_age_months")}),
        (
            _("Validity of documents"),
            {
                "fields": (
                    "certificate_valid_months",
                    "verification_valid_months",
                    "introducer_letter_valid_months",
                    "introducer_acquaintance_months",
                )
            },
        ),
        (
            _("Votes"),
            {
                "fields": (
                    ("cell_vote_numerator", "cell_vote_denominator"),
                    ("committee_vote_numerator", "committee_vote_denominator"),
                    "cell_committee_min_full_members",
                )
            },
        ),
        (
            _("Deadlines"),
            {
                "fields": (
                    "decision_deadline_working_days",
                    "decision_extension_working_days",
                    "ceremony_deadline_working_days",
                    "probation_months",
                    "recognition_cell_deadline_working_days",
                    "recognition_committee_deadline_working_days",
                    "readmission_wait_months",
                )
            },
        ),
    )


def with_latest_step(queryset: QuerySet) -> QuerySet:
    """Annotate each case with the stage and date of its latest recorded step."""
    latest = AdmissionStep.objects.filter(case=OuterRef("pk")).order_by("-done_on", "-pk")
    return queryset.annotate(
        latest_stage=Subquery(latest.values("stage")[:1]),
        latest_step_on=Subquery(latest.values("done_on")[:1]),
    )


class LatestStageFilter(admin.SimpleListFilter):
    title = _("latest step")
    parameter_name = "stage"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list:
        return Stage.choices

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        return queryset.filter(latest_stage=self.value()) if self.value() else queryset


def case_page_link(case_pk: int) -> SafeString:
    """Link to the case page, where a case's steps and outcome are recorded."""
    href = reverse("members:case_detail", args=[case_pk])
    return format_html('<a href="{}">{}</a>', href, _("Open in the case page"))


STEP_FIELDS = (
    "stage",
    "done_on",
    "document_number",
    "eligible_voters",
    "votes_for",
    "votes_against",
    "extension_reason",
    "override_reason",
    "note",
    "recorded_by",
)


class AdmissionStepInline(ReadOnlyAdminMixin, ScopedAdminMixin, admin.TabularInline):
    model = AdmissionStep
    fields = STEP_FIELDS
    extra = 0


@admin.register(AdmissionCase)
class AdmissionCaseAdmin(
    PersonReadLogMixin, ReadOnlyAdminMixin, ScopedAdminMixin, admin.ModelAdmin
):
    list_display = (
        "person",
        "commune",
        "cell",
        "latest_step",
        "latest_step_on",
        "outcome",
        "outcome_on",
    )
    list_filter = (LatestStageFilter, "outcome", "introduction_kind", "commune__province")
    search_fields = ("person__full_name", "person__national_id", "commune__name")
    list_select_related = ("person", "commune", "cell")
    fields = (
        "case_page",
        "person",
        "commune",
        "cell",
        "helper",
        "introduction_kind",
        "introducers",
        "party_record",
        "outcome",
        "outcome_on",
        "outcome_reason",
    )
    readonly_fields = ("case_page",)
    inlines = (AdmissionStepInline,)
    read_purpose = "admin_admissioncase"

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        # A case is named after its person, on every row and page.
        return with_latest_step(super().get_queryset(request).select_related("person"))

    @admin.display(description=_("case page"))
    def case_page(self, case: AdmissionCase) -> SafeString:
        return case_page_link(case.pk)

    @admin.display(description=_("latest step"), ordering="latest_stage")
    def latest_step(self, case: AdmissionCase) -> str | None:
        return Stage(case.latest_stage).label if case.latest_stage else None

    @admin.display(description=_("latest step on"), ordering="latest_step_on")
    def latest_step_on(self, case: AdmissionCase):
        return case.latest_step_on


@admin.register(AdmissionStep)
class AdmissionStepAdmin(
    PersonReadLogMixin, ReadOnlyAdminMixin, ScopedAdminMixin, admin.ModelAdmin
):
    list_display = (
        "case",
        "stage",
        "done_on",
        "document_number",
        "eligible_voters",
        "votes_for",
        "votes_against",
        "recorded_by",
    )
    list_filter = ("stage", "case__commune__province")
    search_fields = ("case__person__full_name", "case__person__national_id", "document_number")
    list_select_related = ("case__person", "recorded_by")
    date_hierarchy = "done_on"
    fields = ("case_page", "case", *STEP_FIELDS, "recorded_at")
    readonly_fields = ("case_page", "recorded_at")
    read_purpose = "admin_admissionstep"

    def read_person_id(self, obj: AdmissionStep) -> int | None:
        return obj.case.person_id

    @admin.display(description=_("case page"))
    def case_page(self, step: AdmissionStep) -> SafeString:
        return case_page_link(step.case_id)
