"""One FilterSet per list, shared by the HTML pages and the API."""

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.models import STAGE_ORDER, AdmissionCase, Outcome, Person, Stage
from members.querysets import PartyStatus
from units.models import Force

MEMBER = "member"
PARTY_STATUS_CHOICES = [(MEMBER, _("party member (probationary or full)")), *PartyStatus.choices]


class PersonFilter(django_filters.FilterSet):
    """Filter people by name, national ID, force served today and party status today."""

    name = django_filters.CharFilter(
        label=_("full name"), field_name="full_name", lookup_expr="icontains"
    )
    national_id = django_filters.CharFilter(label=_("national ID"), lookup_expr="startswith")
    force = django_filters.ChoiceFilter(
        label=_("force"), choices=Force.choices, method="filter_force"
    )
    party_status = django_filters.ChoiceFilter(
        label=_("party status"), choices=PARTY_STATUS_CHOICES, method="filter_party_status"
    )

    class Meta:
        model = Person
        fields = ["name", "national_id", "force", "party_status"]

    def filter_force(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.serving_on(timezone.localdate(), value)

    def filter_party_status(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        # The status is an annotation: add it here too, the filter may run without the selector.
        if "party_status" not in queryset.query.annotations:
            queryset = queryset.with_party_status(timezone.localdate())
        if value == MEMBER:
            return queryset.filter(~Q(party_status=PartyStatus.NONE))
        return queryset.filter(party_status=value)


OPEN, DONE = "open", "done"


class CaseFilter(django_filters.FilterSet):
    """Filter admission cases by the step reached, how they stand, and the person.

    One FilterSet for the case list, "my commune", the person page and the pipeline page.
    """

    stage = django_filters.ChoiceFilter(
        label=_("current step"), choices=Stage.choices, method="filter_stage", empty_label=_("all")
    )
    outcome = django_filters.ChoiceFilter(
        label=_("status"),
        choices=[(OPEN, _("in progress")), (DONE, _("full member")), *Outcome.choices],
        method="filter_outcome",
        empty_label=_("all"),
    )
    person = django_filters.NumberFilter(field_name="person_id", widget=forms.HiddenInput)

    class Meta:
        model = AdmissionCase
        fields = ["stage", "outcome", "person"]

    def filter_stage(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        # Steps are recorded in order, so a case is at `value` when no later step exists.
        later = STAGE_ORDER[STAGE_ORDER.index(value) + 1 :]
        return queryset.filter(steps__stage=value).exclude(steps__stage__in=later)

    def filter_outcome(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value == OPEN:
            return queryset.filter(outcome="").exclude(steps__stage=Stage.RECOGNITION)
        if value == DONE:
            return queryset.filter(steps__stage=Stage.RECOGNITION)
        return queryset.filter(outcome=value)
