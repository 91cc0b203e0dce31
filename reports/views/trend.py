"""The trend page: one indicator of an area year by year or month by month, charted and tabled.

A thin view over `reports.selectors.indicator_trend`: the form parses the query, the selector
decides access (an area outside the reader's scope answers 404 exactly as a missing code),
refuses a bad series with a code shown beside its field, caps its length and hides small
cells from aggregate-only readers. `reports.charts` lays the chart out; the template only
places it. The table of points is built once as rows that feed the HTML and the export alike.
"""

import datetime
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from config.access import requires
from reports import selectors
from reports.charts import trend_chart
from reports.exports import FORMATS, Column, table_response
from reports.forms_series import TrendForm
from reports.trends import COLUMNS
from reports.views.common import TREND_YEARS, VALUE_KINDS, home_area_code, years_before
from reports.wording import NO_VALUE, number, shown, target_text
from targets.indicators import IndicatorUnit

TEMPLATE = "reports/trend.html"
HEADINGS = dict(COLUMNS)


@requires("accounts.view_aggregates")
@require_safe
def trend(request: HttpRequest) -> HttpResponse:
    if "indicator" not in request.GET:
        # A first visit: offer the form with the defaults rather than a "required" error.
        today = timezone.localdate()
        initial = {"area": home_area_code(request.user), "to": today}
        initial["first"] = years_before(today, TREND_YEARS)
        return render(request, TEMPLATE, {"form": TrendForm(initial=initial)})
    form = TrendForm(request.GET)
    series = read_series(form, request.user) if form.is_valid() else None
    if series is None:
        return render(request, TEMPLATE, {"form": form})
    rows = point_rows(series)
    if request.GET.get("format") in FORMATS:
        return export(series, rows, file_format=request.GET["format"])
    return render(request, TEMPLATE, page_context(series, rows))


def read_series(form: TrendForm, reader: Any) -> dict[str, Any] | None:
    """Ask the selector for the series the form names; put a refusal on the form (None)."""
    data = form.cleaned_data
    last = data["to"] or timezone.localdate()
    try:
        return selectors.indicator_trend(
            actor=reader,
            area_code=data["area"] or home_area_code(reader),
            code=data["indicator"],
            first=data["first"] or years_before(last, TREND_YEARS),
            last=last,
            step=data["step"],
        )
    except ValidationError as error:
        form.add_refusal(error)
        return None


def point_rows(series: dict[str, Any]) -> list[dict[str, Any]]:
    """Return one row per point: its date, counts, value, target in words and approximation."""
    unit = series["indicator"]["unit"]
    return [
        {
            "date": datetime.date.fromisoformat(point["date"]),
            "numerator": point["numerator"],
            "denominator": point["denominator"],
            "value": point["value"],
            "target": band_text(unit, point["target"]),
            "approximate": _("Yes") if point["approximate"] else _("No"),
            "suppressed": point.get("suppressed", False),
        }
        for point in series["points"]
    ]


def band_text(unit: str, target: dict[str, Any] | None) -> str:
    """Write the target in force with its directive: "≥ 12,5 % (14-CT/TU)"; empty without one."""
    if target is None:
        return ""
    return f"{target_text(unit, target)} ({target['directive']})"


# The page.


def page_context(series: dict[str, Any], rows: list[dict[str, Any]]) -> dict[str, Any]:
    unit = series["indicator"]["unit"]
    points = series["points"]
    first = datetime.date.fromisoformat(points[0]["start"])
    last = datetime.date.fromisoformat(points[-1]["end"])
    initial = {"area": series["area"]["code"], "indicator": series["indicator"]["code"]}
    initial |= {"first": first, "to": last, "step": series["step"]}
    return {
        "form": TrendForm(initial=initial),
        "series": series,
        "first": first,
        "last": last,
        "chart": trend_chart(
            points,
            whole=unit == IndicatorUnit.COUNT,
            value_label=lambda value: shown(unit, value),
            day_label=day_label(series["step"]),
            target_label=lambda target: band_text(unit, target),
        ),
        "rows": [row_view(row, unit) for row in rows],
        "suppressed": sum(1 for row in rows if row["suppressed"]),
        "small_cell_min": settings.SMALL_CELL_MIN,
    }


def day_label(step: str) -> Callable[[datetime.date], str]:
    """Return how the x axis names a point: its year, or its month as mm/yyyy."""
    if step == "year":
        return lambda day: str(day.year)
    return lambda day: day.strftime("%m/%Y")


def row_view(row: dict[str, Any], unit: str) -> dict[str, Any]:
    """Write a row's numbers the reader's way (12,5 %; 1.189); "—" where there is none."""
    return {
        **row,
        "numerator": NO_VALUE if row["numerator"] is None else number(row["numerator"]),
        "denominator": NO_VALUE if row["denominator"] is None else number(row["denominator"]),
        "value": shown(unit, row["value"]),
    }


# The export: the table of points.


def export(series: dict[str, Any], rows: list[dict[str, Any]], *, file_format: str) -> HttpResponse:
    unit = series["indicator"]["unit"]
    columns = [
        Column("date", _(HEADINGS["date"]), "date"),
        Column("numerator", _(HEADINGS["numerator"]), "int"),
        Column("denominator", _(HEADINGS["denominator"]), "int"),
        Column("value", _(HEADINGS["value"]), VALUE_KINDS.get(unit, "int")),
        Column("target", _("Target")),
        Column("approximate", _(HEADINGS["approximate"])),
    ]
    points = series["points"]
    name = "trend-{area}-{code}-{first}-{last}".format(
        area=series["area"]["code"],
        code=series["indicator"]["code"],
        first=points[0]["start"],
        last=points[-1]["end"],
    )
    return table_response(name=name, columns=columns, rows=rows, file_format=file_format)
