"""The pipeline page: admission cases of an area by stage, the funnel, and the overdue steps.

A thin view over `reports.selectors.admission_pipeline(children=True)`, which decides access
(404 outside the reader's scope, exactly as a missing code) and hides small counts from
aggregate-only readers. The pipeline document holds counts only; the overdue cases themselves,
with their people, come from `reports.selectors.overdue_cases`, which gives them only to a
reader who may open admission cases, so the aggregate client never sees a name or a link.
"""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from config.access import requires
from members.models import Stage
from reports import selectors
from reports.charts import bar_lengths
from reports.exports import FORMATS, Column, table_response
from reports.forms_series import PipelineForm
from reports.report import Window, default_window
from reports.views.common import home_area_code
from reports.wording import NO_VALUE, number, shown
from targets.indicators import IndicatorUnit

TEMPLATE = "reports/pipeline.html"
CASE_READER = "members.view_admissioncase"
# A national list can be long: the page shows the nearest deadlines, a province or commune more.
MAX_OVERDUE_ROWS = 100


@requires("accounts.view_aggregates")
@require_safe
def pipeline(request: HttpRequest) -> HttpResponse:
    form = PipelineForm(request.GET)
    if not form.is_valid():
        return render(request, TEMPLATE, {"form": form})
    window = window_of(form)
    try:
        document = selectors.admission_pipeline(
            actor=request.user,
            area_code=form.cleaned_data["area"] or home_area_code(request.user),
            window=window,
            children=True,
        )
    except ValidationError as error:
        form.add_refusal(error)
        return render(request, TEMPLATE, {"form": form})
    if request.GET.get("format") in FORMATS:
        return export(document, file_format=request.GET["format"])
    return render(request, TEMPLATE, page_context(request, document, window))


def window_of(form: PipelineForm) -> Window:
    """Return the date and period the form names: today and 1 January by default."""
    data = form.cleaned_data
    on = data["date"] or timezone.localdate()
    return default_window(on, data["period_start"], data["period_end"])


def stage_rows(document: dict[str, Any]) -> list[dict[str, Any]]:
    """Return the stage table: each stage with its open cases (None when hidden)."""
    return [
        {"code": entry["code"], "name": entry["name"], "cases": entry["cases"]}
        for entry in document["stages"]
    ]


# The page.


def page_context(request: HttpRequest, document: dict, window: Window) -> dict[str, Any]:
    area = document["area"]
    stages = stage_rows(document)
    may_open = request.user.has_perm(CASE_READER)
    overdue = (
        selectors.overdue_cases(actor=request.user, area_code=area["code"], on=window.on)
        if may_open
        else []
    )
    sections = [document, *document["children"]]
    return {
        "form": PipelineForm(initial=initial_of(area["code"], window)),
        "area": area,
        "window": window,
        "stages": [
            {**row, "shown": count_text(row["cases"]), "bar": bar}
            for row, bar in zip(stages, bar_lengths([row["cases"] for row in stages]), strict=True)
        ],
        "closed": [count_view(entry) for entry in document["closed"]],
        "overdue_counts": [count_view(entry) for entry in document["overdue"]],
        "funnel": [funnel_view(entry) for entry in document["conversion"]],
        "may_open_cases": may_open,
        "overdue_cases": overdue[:MAX_OVERDUE_ROWS],
        "overdue_more": max(0, len(overdue) - MAX_OVERDUE_ROWS),
        "children": [child_view(child) for child in document["children"]],
        "suppressed": any(entry.get("suppressed") for s in sections for entry in entries_of(s)),
        "small_cell_min": settings.SMALL_CELL_MIN,
    }


def initial_of(area_code: str, window: Window) -> dict[str, Any]:
    """Show the query as it was understood: the area and dates in force, as dd/mm/yyyy."""
    return {
        "area": area_code,
        "date": window.on,
        "period_start": window.start,
        "period_end": window.end,
    }


def count_text(cases: int | None) -> str:
    return NO_VALUE if cases is None else number(cases)


def count_view(entry: dict[str, Any]) -> dict[str, Any]:
    return {**entry, "shown": count_text(entry["cases"])}


def funnel_view(entry: dict[str, Any]) -> dict[str, Any]:
    """Describe one step of the funnel: from a stage to the next, with the share that got there."""
    return {
        "code": entry["code"],
        "name": entry["name"],
        "next_name": Stage(entry["next_stage"]).label,
        "cases": count_text(entry["cases"]),
        "converted": count_text(entry["converted"]),
        "value": shown(IndicatorUnit.PERCENT, entry["value"]),
        "bar": entry["value"],
        "suppressed": entry.get("suppressed", False),
    }


def child_view(child: dict[str, Any]) -> dict[str, Any]:
    """Sum a child's open, overdue and closed cases; a hidden count hides the sum it is in."""
    return {
        "code": child["area"]["code"],
        "name": child["area"]["name"],
        **{name: count_text(total(child[name])) for name in ("stages", "overdue", "closed")},
    }


def total(entries: list[dict[str, Any]]) -> int | None:
    counts = [entry["cases"] for entry in entries]
    return None if None in counts else sum(counts)


def entries_of(section: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        entry for name in ("stages", "closed", "overdue", "conversion") for entry in section[name]
    ]


# The export: the stage table of the area.


def export(document: dict[str, Any], *, file_format: str) -> HttpResponse:
    columns = [
        Column("code", _("Code")),
        Column("name", _("Stage")),
        Column("cases", _("Open cases"), "int"),
    ]
    name = f"pipeline-{document['area']['code']}-{document['date']}"
    return table_response(
        name=name, columns=columns, rows=stage_rows(document), file_format=file_format
    )
