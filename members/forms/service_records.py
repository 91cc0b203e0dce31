"""The service-record formset shared by the person page and the admin: overlaps in one place."""

import datetime

from django.core.exceptions import ValidationError
from django.forms import BaseInlineFormSet, Form
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from members.models import ServiceRecord

SERVICE_RECORD_FIELDS = (
    "force",
    "category",
    "is_core",
    "unassigned",
    "volunteer",
    "commune",
    "village",
    "unit",
    "start",
    "end",
    "end_reason",
    "extended_until",
    "extension_decided_on",
)


Period = tuple[datetime.date, datetime.date | None, Form]


def _format_day(day: datetime.date | None) -> str:
    return date_format(day, "SHORT_DATE_FORMAT") if day else "…"


def _ends_later(period: Period, other: Period) -> bool:
    return other[1] is not None and (period[1] is None or period[1] > other[1])


def _overlap_error(other: Period) -> ValidationError:
    return ValidationError(
        _(
            "This core service record overlaps another one of this person, from %(start)s "
            "to %(end)s; core service records may not overlap."
        ),
        code="overlap",
        params={"start": _format_day(other[0]), "end": _format_day(other[1])},
    )


class ServiceRecordInlineFormSet(BaseInlineFormSet):
    """Check the person's core records against each other with their submitted dates.

    The database refuses two overlapping core records of one person, but it would only say
    so on save, as a server error. Every record of the person is in this formset, so comparing
    the submitted rows among themselves covers the whole invariant.
    """

    @cached_property
    def _stored_pks(self) -> tuple[int, ...]:
        return tuple(record.pk for record in self.get_queryset())

    def add_fields(self, form: Form, index: int | None) -> None:
        super().add_fields(form, index)
        # The model's own check reads stored dates, which this very form may be changing.
        form.instance.checked_alongside = self._stored_pks

    def clean(self) -> None:
        super().clean()
        furthest: Period | None = None  # the period reaching furthest into the future so far
        for period in sorted(self._core_periods(), key=lambda period: period[0]):
            if furthest and (furthest[1] is None or period[0] <= furthest[1]):
                period[2].add_error(None, _overlap_error(furthest))
            if furthest is None or _ends_later(period, furthest):
                furthest = period

    def _core_periods(self) -> list[Period]:
        periods = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", {})
            if self._should_delete_form(form) or not data.get("is_core") or not data.get("start"):
                continue
            if data.get("end") and data["end"] < data["start"]:
                continue  # reported by the end-after-start constraint
            periods.append((data["start"], data.get("end"), form))
        return periods

    def save(self, commit: bool = True) -> list[ServiceRecord]:
        if commit:
            self._release_changing_core_records()
        return super().save(commit)

    def _release_changing_core_records(self) -> None:
        """Take the rows about to change out of the core force before saving them one by one.

        Rows are saved one at a time, so a row's new dates could meet another row's old ones
        and trip the database check although the final state is valid. Each changed row gets
        its real `is_core` back when it is saved, in the same transaction.
        """
        changing = [
            form.instance.pk
            for form in self.initial_forms
            if form.has_changed() or self._should_delete_form(form)
        ]
        ServiceRecord.objects.filter(pk__in=changing, is_core=True).update(is_core=False)
