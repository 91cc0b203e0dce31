"""Query parameters of the reports API: parsed here, computed by `reports.selectors`.

The parameters mirror the report commands' arguments (`reports.cli`), so the API and the
commands answer the same document for the same request.
"""

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers
from rest_framework.settings import api_settings

from reports.selectors import STEPS
from targets.indicators import Indicator

ISO = ["%Y-%m-%d"]


class StrictBooleanField(serializers.BooleanField):
    """Read `true` or `false` and nothing else, so a typo is refused rather than guessed."""

    TRUE_VALUES = {"true"}
    FALSE_VALUES = {"false"}
    # A query string is HTML-style input, where DRF reads an absent checkbox as False; absent
    # here means the default.
    default_empty_html = serializers.empty
    default_error_messages = {"invalid": gettext_lazy("Give true or false.")}


class Query(serializers.Serializer):
    """Refuse parameters the endpoint does not know: a misspelt one would be ignored silently."""

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        known = {*self.fields, api_settings.URL_FORMAT_OVERRIDE}
        unknown = sorted(set(self.initial_data) - known)
        if unknown:
            message = _("This parameter is unknown.")
            raise serializers.ValidationError(
                {name: [serializers.ErrorDetail(message, code="unknown")] for name in unknown}
            )
        return attrs


class AreaQuery(Query):
    """An area on a date, optionally with its children and a period: the summary, the pipeline."""

    area = serializers.CharField(
        max_length=32, help_text="VN, a province, district or commune code, or U<id> for a unit"
    )
    date = serializers.DateField(
        input_formats=ISO, required=False, help_text="report date, YYYY-MM-DD (default: today)"
    )
    children = StrictBooleanField(default=False, help_text="add the areas one level down")
    period_start = serializers.DateField(
        input_formats=ISO, required=False, help_text="period start (default: 1 January)"
    )
    period_end = serializers.DateField(
        input_formats=ISO, required=False, help_text="period end (default: the report date)"
    )


class TrendQuery(Query):
    """One indicator of an administrative area from one day to another, by year or by month."""

    area = serializers.CharField(
        max_length=32, help_text="VN, a province, district or commune code (on `to`)"
    )
    indicator = serializers.ChoiceField(choices=Indicator.choices)
    first = serializers.DateField(input_formats=ISO, help_text="first day, YYYY-MM-DD")
    to = serializers.DateField(input_formats=ISO, help_text="last day, YYYY-MM-DD")
    step = serializers.ChoiceField(choices=STEPS, default="year")

    def get_fields(self) -> dict[str, serializers.Field]:
        # "from" is a Python keyword, so the field is declared as `first` and renamed here.
        fields = super().get_fields()
        return {("from" if name == "first" else name): field for name, field in fields.items()}
