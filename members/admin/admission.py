"""Admin for the dated admission rules, admission cases and their steps."""

from django.contrib import admin
from django.db.models import OuterRef, QuerySet, Subquery
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from config.scoped_admin import ScopedAdminMixin
from members.models import AdmissionCase, AdmissionRuleSet, AdmissionStep, Stage


@admin.register(AdmissionRuleSet)
class AdmissionRuleSetAdmin(admin.ModelAdmin):
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


class AdmissionStepInline(ScopedAdminMixin, admin.TabularInline):
    model = AdmissionStep
    fields = (
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
    readonly_fields = ("recorded_by",)
    extra = 0


@admin.register(AdmissionCase)
class AdmissionCaseAdmin(ScopedAdminMixin, admin.ModelAdmin):
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
    autocomplete_fields = ("person", "commune", "cell", "helper", "introducers", "party_record")
    list_select_related = ("person", "commune", "cell")
    inlines = (AdmissionStepInline,)

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        # A case is named after its person, also in autocomplete answers.
        return with_latest_step(super().get_queryset(request).select_related("person"))

    def save_formset(self, request, form, formset, change: bool) -> None:
        # Who recorded a step is a fact of its creation, taken from the session, not typed.
        if formset.model is AdmissionStep:
            for new_form in formset.extra_forms:
                new_form.instance.recorded_by = request.user
        super().save_formset(request, form, formset, change)

    @admin.display(description=_("latest step"), ordering="latest_stage")
    def latest_step(self, case: AdmissionCase) -> str | None:
        return Stage(case.latest_stage).label if case.latest_stage else None

    @admin.display(description=_("latest step on"), ordering="latest_step_on")
    def latest_step_on(self, case: AdmissionCase):
        return case.latest_step_on


@admin.register(AdmissionStep)
class AdmissionStepAdmin(ScopedAdminMixin, admin.ModelAdmin):
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
    autocomplete_fields = ("case",)
    readonly_fields = ("recorded_by", "recorded_at")
    list_select_related = ("case__person", "recorded_by")
    date_hierarchy = "done_on"

    def save_model(self, request, obj: AdmissionStep, form, change: bool) -> None:
        if not change:
            obj.recorded_by = request.user
        super().save_model(request, obj, form, change)
