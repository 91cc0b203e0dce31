"""One FilterSet per list, shared by the HTML pages and the API."""

import datetime

import django_filters
from django import forms
from django.core.validators import RegexValidator
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.models import STAGE_ORDER, AdmissionCase, Outcome, Person, Stage
from members.querysets import PartyStatus
from units.models import ALL_CATEGORIES, Commune, Force

MEMBER = "member"
PARTY_STATUS_CHOICES = [(MEMBER, _("party member (probationary or full)")), *PartyStatus.choices]


# The page reads dd/mm/yyyy; ISO is accepted too, for pasted or scripted input.
DAY_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
COMMUNE_CODE = r"^\d{5}$"


class PersonFilter(django_filters.FilterSet):
    """Filter people by name, national ID, commune, force, category and party status on a day.

    Everything dated (commune code, force, category, party status, and the force and status the
    list shows) is judged on `on`, today by default.
    """

    search = django_filters.CharFilter(label=_("name or national ID"), method="filter_search")
    name = django_filters.CharFilter(
        label=_("full name"), field_name="full_name", lookup_expr="icontains"
    )
    national_id = django_filters.CharFilter(label=_("national ID"), lookup_expr="startswith")
    commune = django_filters.CharFilter(
        label=_("commune code"),
        method="filter_commune",
        validators=[RegexValidator(COMMUNE_CODE, _("Give the 5-digit commune code."))],
    )
    force = django_filters.ChoiceFilter(
        label=_("force"), choices=Force.choices, method="filter_serving"
    )
    category = django_filters.ChoiceFilter(
        label=_("category"), choices=ALL_CATEGORIES, method="filter_serving"
    )
    party_status = django_filters.ChoiceFilter(
        label=_("party status"), choices=PARTY_STATUS_CHOICES, method="filter_party_status"
    )
    on = django_filters.DateFilter(
        label=_("on (date)"),
        method="filter_on",
        input_formats=DAY_FORMATS,
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": _("dd/mm/yyyy")}),
    )

    class Meta:
        model = Person
        fields = [
            "search",
            "name",
            "national_id",
            "commune",
            "force",
            "category",
            "party_status",
            "on",
        ]

    @property
    def judged_on(self) -> datetime.date:
        """Return the day the dated filters and columns are judged on: `on`, or today."""
        return getattr(self.form, "cleaned_data", {}).get("on") or timezone.localdate()

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        # The force and status the list shows are those of the day the filters judge.
        on = self.judged_on
        return super().filter_queryset(queryset.with_party_status(on).with_current_force(on))

    def filter_on(self, queryset: QuerySet, name: str, value: datetime.date) -> QuerySet:
        return queryset  # read by `judged_on`: it dates the other filters, it filters nothing

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(Q(full_name__icontains=value) | Q(national_id__startswith=value))

    def filter_commune(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        """Keep the residents of the commune and the people serving in it on `on`."""
        # A code names a commune only together with a date (DOMAIN.md §3).
        communes = Commune.objects.valid_on(self.judged_on).filter(code=value).values("pk")
        residents = queryset.filter(residence_commune__in=communes)
        return residents | queryset.serving_on(self.judged_on, commune__in=communes)

    def filter_serving(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        # Force and category describe one service record: both are judged together, once.
        wanted = {key: self.form.cleaned_data.get(key) for key in ("force", "category")}
        if name == "category" and wanted["force"]:
            return queryset
        return queryset.serving_on(self.judged_on, **{k: v for k, v in wanted.items() if v})

    def filter_party_status(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
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
