"""The filters of the two audit lists: person, user and a range of days, shared by page and files.

`ChangeFilter` has no model of its own: it is applied to the history of each audited model in
turn (`audit.changes`), and reaches the person through the registry. `ReadFilter` filters the
read log. Days are whole local days (Asia/Ho_Chi_Minh), both ends included, compared as a
range of instants so that the databases use their index on the timestamp.
"""

import datetime
from dataclasses import dataclass
from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from members.filters import DAY_FORMATS
from members.models import Person, PersonReadLog

from .registry import AUDITED, BY_KEY, Audited

BY_HISTORY = {audited.history: audited for audited in AUDITED}


def day_filter(label: str, method: str) -> django_filters.DateFilter:
    return django_filters.DateFilter(
        label=label,
        method=method,
        input_formats=DAY_FORMATS,
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": _("dd/mm/yyyy")}),
    )


def start_of(day: datetime.date) -> datetime.datetime:
    """Return the first instant of `day` in the site's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def users_matching(text: str) -> QuerySet[User]:
    """Return the ids of the users whose username or name contains `text`."""
    name = Q(username__icontains=text) | Q(first_name__icontains=text)
    return User.objects.filter(name | Q(last_name__icontains=text)).values("pk")


class AuditFilter(django_filters.FilterSet):
    """The filters both lists share; `when` and `who` name the timestamp and the user."""

    person = django_filters.NumberFilter(
        label=_("person number"), method="filter_person", min_value=1
    )
    person_name = django_filters.CharFilter(
        label=_("person: name or national ID"), method="filter_person_name"
    )
    user = django_filters.CharFilter(label=_("user: login or name"), method="filter_user")
    since = day_filter(_("from (date)"), "filter_since")
    until = day_filter(_("to (date)"), "filter_until")

    when = ""
    who = ""

    def filter_since(self, queryset: QuerySet, name: str, value: datetime.date) -> QuerySet:
        return queryset.filter(**{f"{self.when}__gte": start_of(value)})

    def filter_until(self, queryset: QuerySet, name: str, value: datetime.date) -> QuerySet:
        next_day = start_of(value + datetime.timedelta(days=1))
        return queryset.filter(**{f"{self.when}__lt": next_day})

    def filter_user(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(**{f"{self.who}__in": users_matching(value)})


# A name matching more people than this is too vague to audit anyone: the form asks for more.
PEOPLE_LIMIT = 500


@dataclass(frozen=True)
class PeopleFound:
    """The ids of the people a name search found; none found still filters (to nothing)."""

    ids: tuple[int, ...]


class ChangeFilterForm(forms.Form):
    def clean_person_name(self) -> PeopleFound | str:
        """Look the name or national ID up once, in every version the history kept.

        One search, not one per model's history: on PostgreSQL a substring search reads the
        whole history of people, and doing it inside each branch of the union would repeat it.
        """
        text = self.cleaned_data.get("person_name")
        if not text:
            return ""
        found = Q(full_name__icontains=text) | Q(national_id__startswith=text)
        ids = Person.history.filter(found).order_by().values_list("id", flat=True).distinct()
        ids = tuple(ids[: PEOPLE_LIMIT + 1])
        if len(ids) > PEOPLE_LIMIT:
            raise forms.ValidationError(
                _("More than %(limit)s people match: give more of the name, or the national ID."),
                code="too_many_people",
                params={"limit": PEOPLE_LIMIT},
            )
        return PeopleFound(ids)


class ChangeFilter(AuditFilter):
    """Filter one model's history: the person it concerns, who changed it, when, what kind.

    A person's changes are those of their own record and of the records that point to them
    (service records, command posts, party records, admission cases, and the steps of those
    cases); the history itself tells which person each version named, so records since deleted
    and people since deleted are found too.
    """

    kind = django_filters.ChoiceFilter(
        label=_("record kind"),
        choices=[(audited.key, audited.model._meta.verbose_name) for audited in AUDITED],
        method="filter_kind",
        empty_label=_("all"),
    )

    when = "history_date"
    who = "history_user"

    class Meta:
        form = ChangeFilterForm

    def __init__(self, data: Any = None, **kwargs: Any) -> None:
        # The form is built once; `audit.changes` applies it to every model's history in turn.
        kwargs.setdefault("queryset", AUDITED[0].history._default_manager.none())
        super().__init__(data, **kwargs)

    def filter_kind(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset if BY_KEY[value] is BY_HISTORY[queryset.model] else queryset.none()

    def filter_person(self, queryset: QuerySet, name: str, value: int) -> QuerySet:
        return _about(queryset, [int(value)])

    def filter_person_name(self, queryset: QuerySet, name: str, value: PeopleFound) -> QuerySet:
        return _about(queryset, list(value.ids))


def _about(queryset: QuerySet, people: object) -> QuerySet:
    """Keep the history rows of `queryset` that concern one of `people` (ids or a subquery)."""
    audited: Audited = BY_HISTORY[queryset.model]
    if audited.person is None:
        return queryset.none()
    if audited.through is not None:
        people = audited.through.history.filter(person_id__in=people).values("id")
    return queryset.filter(**{f"{audited.person}__in": people})


class ReadFilter(AuditFilter):
    """Filter the read log: whose record was read, by whom, when.

    A deleted person's readings keep no person (the log outlives the record), so no person
    filter finds them; they remain in the unfiltered list.
    """

    when = "read_at"
    who = "reader"

    def filter_person(self, queryset: QuerySet, name: str, value: int) -> QuerySet:
        return queryset.filter(person_id=int(value))

    def filter_person_name(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        found = Q(person__full_name__icontains=value) | Q(person__national_id__startswith=value)
        return queryset.filter(found)

    class Meta:
        model = PersonReadLog
        fields = ["person", "person_name", "user", "since", "until"]
