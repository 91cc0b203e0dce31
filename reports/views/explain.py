"""Explain a number: the people behind an indicator's numerator or denominator.

    /reports/explain/?area=<code>&date=<day>&indicator=<code>&part=numerator|denominator
                     [&period_start=<day>&period_end=<day>][&page=<n>]

- `area`: an area code as the dashboard uses it ("VN", a province's 2 digits, a legacy
  district's 3, a commune's 5, a force unit's "U<id>"), resolved on `date`; the reader's own
  area when empty. An area outside the reader's scope answers 404, exactly like a missing code.
- `date`: the day stock indicators are counted on (dd/mm/yyyy or YYYY-MM-DD); today when empty.
- `period_start`, `period_end`: the period of flow indicators (admissions), as on the
  dashboard; 1 January of the date's year and the date when empty.
- `indicator`: a catalogue code (`targets.indicators.Indicator`); required.
- `part`: `numerator` (the default) or `denominator`.

The list is available for the party shares (`party_share_dqtv`, `_militia`, `_self_defence`,
`_reserve`, `_reserve_officers`: the core members serving on the date, or the party members
among them) and the admissions from the forces (`admissions_dqtv`, `admissions_reserve`: one
row per admission in the period; no denominator). Other indicators answer 200 with a
"not available" note. The rows are listed by the indicator's own definition
(`reports.indicators.Definition.people`), so they are exactly the ones the figure counts.

Only readers who may see people (`members.view_person`) reach this page: an aggregate-only
reader gets 403. Every person shown is recorded as read (purpose "explain"), 50 to a page.
"""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from config.access import requires
from members.forms.admission import day_field
from members.querysets import PartyStatus
from members.services.audit import person_reads_log
from reports.explanations import Explanation, indicator_people
from reports.indicators import Part
from reports.report import default_window
from reports.views.common import home_area_code
from reports.wording import COUNTING_NOTES
from targets.indicators import Indicator, IndicatorKind, IndicatorUnit, indicator_spec

TEMPLATE = "reports/explain.html"
PAGE_SIZE = 50
READ_PURPOSE = "explain"
PART_LABELS = {
    Part.NUMERATOR: gettext_lazy("Numerator"),
    Part.DENOMINATOR: gettext_lazy("Denominator"),
}
# The form field each refusal of the selector is about.
FIELD_OF = {"period_reversed": "period_start"}


class ExplainForm(forms.Form):
    area = forms.CharField(label=gettext_lazy("Area code"), required=False, max_length=12)
    date = day_field(gettext_lazy("Date"), required=False)
    period_start = day_field(gettext_lazy("Period from"), required=False)
    period_end = day_field(gettext_lazy("Period to"), required=False)
    indicator = forms.ChoiceField(label=gettext_lazy("Indicator"), choices=Indicator.choices)
    part = forms.ChoiceField(
        label=gettext_lazy("Part of the figure"),
        choices=list(PART_LABELS.items()),
        required=False,
    )

    def clean_area(self) -> str:
        return self.cleaned_data["area"].strip().upper()

    def clean_part(self) -> Part:
        return Part(self.cleaned_data["part"] or Part.NUMERATOR)


@requires("accounts.view_aggregates", "members.view_person")
@require_safe
def explain(request: HttpRequest) -> HttpResponse:
    form = ExplainForm(request.GET or None)
    if not form.is_valid():
        return render(request, TEMPLATE, {"form": form})
    data = form.cleaned_data
    on = data["date"] or timezone.localdate()
    window = default_window(on, data["period_start"], data["period_end"])
    try:
        explanation = indicator_people(
            actor=request.user,
            area_code=data["area"] or home_area_code(request.user),
            window=window,
            code=data["indicator"],
            part=data["part"],
        )
    except ValidationError as error:
        form.add_error(FIELD_OF.get(error.code or ""), error)
        return render(request, TEMPLATE, {"form": form})
    context = explained(request, explanation, code=data["indicator"], part=data["part"])
    return render(request, TEMPLATE, {"form": form, "window": window, **context})


def explained(
    request: HttpRequest, explanation: Explanation, *, code: str, part: Part
) -> dict[str, Any]:
    """Lay out one page of the explanation, and record the people on it as read."""
    spec = indicator_spec(code)
    context: dict[str, Any] = {
        "area": explanation.area,
        "indicator": spec,
        "part": PART_LABELS[part],
        "flow": spec.kind == IndicatorKind.FLOW,
        "note": COUNTING_NOTES.get(code),
    }
    if explanation.records is None:
        return context | {"unavailable": unavailable_reason(spec.unit, part)}
    page = Paginator(explanation.records, PAGE_SIZE).get_page(request.GET.get("page"))
    person_reads_log(
        reader=request.user, person_ids=[r.person_id for r in page], purpose=READ_PURPOSE
    )
    rows = [row_of(record) for record in page]
    return context | {"page": page, "rows": rows}


def unavailable_reason(unit: str, part: Part) -> str:
    if unit == IndicatorUnit.COUNT and part == Part.DENOMINATOR:
        return _("This indicator is a count: it has no denominator.")
    return _("The list of people counted is not available for this indicator.")


def row_of(record: Any) -> dict[str, Any]:
    """Lay out one counted service record with its person's party status on the date."""
    return {
        "person": record.person,
        "commune": record.commune,
        "unit": record.unit,
        "force": record.get_force_display(),
        "category": record.get_category_display(),
        "status": record.party_status,
        "status_label": PartyStatus(record.party_status).label,
        "admitted_on": getattr(record, "admitted_on", None),
    }
