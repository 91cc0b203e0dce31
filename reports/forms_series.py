"""Forms of the trend and pipeline pages: they parse the query string; the selectors judge it.

Dates read as dd/mm/yyyy or YYYY-MM-DD (`reports.forms.date_field`). Every field but the
indicator is optional: the views fill in the defaults (the reader's own area, today, ten years
before, the period from 1 January).
"""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from reports.forms import date_field
from reports.selectors import STEPS
from targets.indicators import catalogue

STEP_LABELS = {"year": _("by year"), "month": _("by month")}


class QueryForm(forms.Form):
    """A page's query; a refusal of its selector is shown beside the field it is about."""

    REFUSED_FIELD: dict[str, str] = {}

    def add_refusal(self, error: ValidationError) -> None:
        """Put the selector's refusal beside its field, or above the form for another code."""
        self.add_error(self.REFUSED_FIELD.get(error.code or ""), error)

    def clean_area(self) -> str:
        return self.cleaned_data["area"].strip().upper()


class TrendForm(QueryForm):
    """One indicator of an area from one day to another; `first` is the `from` parameter."""

    REFUSED_FIELD = {
        "series_reversed": "first",
        "series_long": "first",
        "step": "step",
        "indicator": "indicator",
        "force_unit": "area",
    }

    area = forms.CharField(label=_("Area code"), required=False, max_length=32)
    indicator = forms.ChoiceField(label=capfirst(_("indicator")))
    first = date_field(capfirst(_("from")), help_text=_("Ten years before the end by default."))
    to = date_field(capfirst(_("to")), help_text=_("Today by default."))
    step = forms.ChoiceField(label=_("Interval"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Built per form, so the names follow the reader's language.
        self.fields["indicator"].choices = [
            ("", "---------"),
            *((spec.code, spec.name) for spec in catalogue()),
        ]
        self.fields["step"].choices = [(step, STEP_LABELS[step]) for step in STEPS]

    def add_prefix(self, field_name: str) -> str:
        # "from" is a Python keyword: the field is declared as `first` and read as `from`.
        return "from" if field_name == "first" else super().add_prefix(field_name)

    def clean_step(self) -> str:
        return self.cleaned_data["step"] or STEPS[0]


class PipelineForm(QueryForm):
    """An area on a date, and the period the conversion counts its steps in."""

    REFUSED_FIELD = {"period_reversed": "period_start", "force_unit": "area"}

    area = forms.CharField(label=_("Area code"), required=False, max_length=32)
    date = date_field(_("Date"), help_text=_("Cases are counted as they stood on this date."))
    period_start = date_field(
        _("Period from"), help_text=_("Conversion: 1 January of that year by default.")
    )
    period_end = date_field(_("Period to"), help_text=_("The date by default."))
