"""Forms of the indicator pages: they parse the query string; the selectors judge the request.

Every field is optional, so the bare page URL is a valid query: the views fill in the defaults
(the reader's own area, today, the period from 1 January).
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from members.forms.admission import day_field
from targets.indicators import Indicator

# The children table shows these until the reader picks other columns.
PARTY_SHARES = [
    Indicator.PARTY_SHARE_DQTV.value,
    Indicator.PARTY_SHARE_MILITIA.value,
    Indicator.PARTY_SHARE_SELF_DEFENCE.value,
    Indicator.PARTY_SHARE_RESERVE.value,
    Indicator.PARTY_SHARE_RESERVE_OFFICERS.value,
]
SORT_BY_NAME = "name"
ASCENDING, DESCENDING = "asc", "desc"


def date_field(label: str, **kwargs: Any) -> forms.DateField:
    """Return an optional date field read as dd/mm/yyyy or YYYY-MM-DD, shown as dd/mm/yyyy."""
    return day_field(label, required=False, **kwargs)


class CodeCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes that also read codes joined by commas, as in a link `?columns=a,b`."""

    def value_from_datadict(self, data: Any, files: Any, name: str) -> list[str]:
        values = super().value_from_datadict(data, files, name)
        return [code.strip() for value in values for code in value.split(",") if code.strip()]


@dataclass(frozen=True)
class DashboardQuery:
    """What the dashboard shows; empty fields take the defaults of the view."""

    area: str
    date: datetime.date | None
    period_start: datetime.date | None
    period_end: datetime.date | None
    columns: list[str]
    sort: str
    dir: str


class DashboardForm(forms.Form):
    area = forms.CharField(label=_("Area code"), required=False, max_length=12)
    date = date_field(_("Date"), help_text=_("Stock indicators are counted on this date."))
    period_start = date_field(
        _("Period from"), help_text=_("Flow indicators: 1 January of that year by default.")
    )
    period_end = date_field(_("Period to"), help_text=_("The date by default."))
    columns = forms.MultipleChoiceField(
        label=_("Columns of the table"),
        choices=Indicator.choices,
        required=False,
        widget=CodeCheckboxes,
    )
    # Set by the links in the table's headers; a form submit keeps them.
    sort = forms.CharField(required=False, widget=forms.HiddenInput)
    dir = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean_area(self) -> str:
        return self.cleaned_data["area"].strip().upper()

    def clean_sort(self) -> str:
        """Sort by a known column or not at all: a stale link is not worth an error."""
        sort = self.cleaned_data["sort"]
        return sort if sort == SORT_BY_NAME or sort in Indicator.values else ""

    def clean_dir(self) -> str:
        return DESCENDING if self.cleaned_data["dir"] == DESCENDING else ASCENDING

    def query(self) -> DashboardQuery:
        """Return the cleaned query; call after `is_valid()`."""
        data = self.cleaned_data
        return DashboardQuery(
            **{name: data[name] for name in ("area", "date", "period_start", "period_end")},
            columns=data["columns"] or list(PARTY_SHARES),
            sort=data["sort"],
            dir=data["dir"],
        )
