"""The dashboard: every indicator of one area against its target, and its children side by side.

A thin view over `reports.selectors.indicator_report(children=True)`: the form parses the query,
the selector decides access (an area outside the reader's scope answers 404 exactly as a
missing code) and hides small cells from aggregate-only readers; this module lays the report
out. The children table is built once as rows that feed the HTML and the xlsx/csv export alike.

Every link of the page (drill-down, breadcrumb, sorting, export) carries the same normalised
query, so a click keeps the reader's date, period, columns and sort.
"""

import datetime
import unicodedata
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from config.access import requires
from reports import selectors
from reports.areas import Level, resolve_area
from reports.breadcrumbs import breadcrumb
from reports.exports import FORMATS, Column, table_response
from reports.forms import (
    ASCENDING,
    DESCENDING,
    PARTY_SHARES,
    SORT_BY_NAME,
    DashboardForm,
    DashboardQuery,
)
from reports.report import default_window
from reports.targets import STATUS_LABELS
from reports.views.common import TREND_YEARS, VALUE_KINDS, home_area_code, years_before
from reports.wording import entry_view
from targets.indicators import Indicator, indicator_spec

TEMPLATE = "reports/dashboard.html"
# The form field each refusal of the selector is about, as the API names it.
FIELD_OF = {"period_reversed": "period_start"}

CHILDREN_HEADINGS = {
    Level.NATION: gettext_lazy("Provinces"),
    Level.PROVINCE: gettext_lazy("Communes"),
    Level.DISTRICT: gettext_lazy("Communes"),
    Level.COMMUNE: gettext_lazy("Force units"),
}


@requires("accounts.view_aggregates")
@require_safe
def dashboard(request: HttpRequest) -> HttpResponse:
    form = DashboardForm(request.GET)
    if not form.is_valid():
        return render(request, TEMPLATE, {"form": form})
    query = form.query()
    on = query.date or timezone.localdate()
    area_code = query.area or home_area_code(request.user)
    window = default_window(on, query.period_start, query.period_end)
    try:
        report = selectors.indicator_report(
            actor=request.user, area_code=area_code, window=window, children=True
        )
    except ValidationError as error:
        form.add_error(FIELD_OF.get(error.code or ""), error)
        return render(request, TEMPLATE, {"form": form})
    links = Links(query, area_code=report["area"]["code"], on=on)
    children = sorted_children(report["children"], query.sort, query.dir)
    if request.GET.get("format") in FORMATS:
        return export(report, children, query, file_format=request.GET["format"])
    context = page_context(request, report, children, query, links)
    return render(request, TEMPLATE, context)


class Links:
    """The URLs of the page, all carrying the same query: the reader's choices survive a click."""

    def __init__(self, query: DashboardQuery, *, area_code: str, on: datetime.date) -> None:
        self.on = on
        base = QueryDict(mutable=True)
        base["area"], base["date"] = area_code, on.isoformat()
        for name in ("period_start", "period_end"):
            if getattr(query, name):
                base[name] = getattr(query, name).isoformat()
        if query.columns != PARTY_SHARES:
            base["columns"] = ",".join(query.columns)
        if query.sort:
            base["sort"], base["dir"] = query.sort, query.dir
        self.base = base

    def to(self, **changes: str) -> str:
        """Return this page's URL with `changes` to the query."""
        query = self.base.copy()
        for name, value in changes.items():
            query[name] = value
        return "?" + query.urlencode(safe=",")

    def trend(self, area_code: str, indicator: str) -> str:
        """Return the trend page of one indicator over the ten years up to the date."""
        first = years_before(self.on, TREND_YEARS)
        query = QueryDict(mutable=True)
        query.update({"area": area_code, "indicator": indicator})
        query.update({"from": first.isoformat(), "to": self.on.isoformat(), "step": "year"})
        return reverse("reports:trend") + "?" + query.urlencode()


def sorted_children(children: list[dict], sort: str, direction: str) -> list[dict]:
    """Sort the children by name or by an indicator's value; areas without a value go last."""
    if not sort:
        return children
    if sort == SORT_BY_NAME:
        return sorted(
            children,
            key=lambda child: name_key(child["area"]["name"]),
            reverse=direction == DESCENDING,
        )
    values = {id(child): entry_of(child, sort).get("value") for child in children}
    known = [child for child in children if values[id(child)] is not None]
    known.sort(key=lambda child: values[id(child)], reverse=direction == DESCENDING)
    return known + [child for child in children if values[id(child)] is None]


def name_key(name: str) -> str:
    """Order Vietnamese names by their letters, so that 'Đ' sorts beside 'D', not after 'Z'."""
    bare = unicodedata.normalize("NFD", name.replace("Đ", "D").replace("đ", "d"))
    return "".join(ch for ch in bare if not unicodedata.combining(ch)).casefold()


def entry_of(section: dict, code: str) -> dict:
    """Return the entry of indicator `code` in a report section, or {} when it does not apply."""
    return next((entry for entry in section["indicators"] if entry["code"] == code), {})


# The page.


def page_context(
    request: HttpRequest, report: dict, children: list[dict], query: DashboardQuery, links: Links
) -> dict[str, Any]:
    area = report["area"]
    indicators = [entry_view(entry) for entry in report["indicators"]]
    if area["level"] != Level.UNIT:
        # Trends follow administrative areas; a force unit has none.
        for view in indicators:
            view["trend_url"] = links.trend(area["code"], view["code"])
    sections = [report, *children]
    return {
        "form": DashboardForm(initial=initial_of(query, area["code"], links.on)),
        "area": area,
        "on": links.on,
        "period": {key: datetime.date.fromisoformat(day) for key, day in report["period"].items()},
        "crumbs": crumbs(request.user, report, links),
        "indicators": indicators,
        "directives": sorted({view["directive"] for view in indicators if view["directive"]}),
        "children_heading": CHILDREN_HEADINGS.get(area["level"]),
        "headers": headers(query, links),
        "rows": [child_row(child, query.columns, links) for child in children],
        "exports": {file_format: links.to(format=file_format) for file_format in FORMATS},
        "suppressed": any(entry.get("suppressed") for s in sections for entry in s["indicators"]),
        "small_cell_min": settings.SMALL_CELL_MIN,
    }


def initial_of(query: DashboardQuery, area_code: str, on: datetime.date) -> dict[str, Any]:
    """Show the query as it was understood: the area and date in force, dates as dd/mm/yyyy."""
    return {
        "area": area_code,
        "date": on,
        "period_start": query.period_start,
        "period_end": query.period_end,
        "columns": query.columns,
        "sort": query.sort,
        "dir": query.dir if query.sort else "",
    }


def crumbs(user: Any, report: dict, links: Links) -> list[dict[str, Any]]:
    """Return the way up to the area, each level a link when the reader's scope contains it."""
    # The report names its area by code; the way up needs the keys, read again on the date.
    area = resolve_area(report["area"]["code"], links.on)
    return [
        {"name": crumb.area.name, "url": links.to(area=crumb.area.code) if crumb.linkable else ""}
        for crumb in breadcrumb(actor=user, area=area)
    ]


def headers(query: DashboardQuery, links: Links) -> list[dict[str, Any]]:
    """Return the children table's headers: the name, then each chosen indicator, sortable."""
    names = [(SORT_BY_NAME, _("Name"))]
    names += [(code, Indicator(code).label) for code in query.columns]
    return [sort_header(key, label, query, links) for key, label in names]


def sort_header(key: str, label: str, query: DashboardQuery, links: Links) -> dict[str, Any]:
    """Link a header to sorting by it: ascending first, descending when already ascending."""
    current = query.sort == key
    ascending_now = current and query.dir == ASCENDING
    return {
        "key": key,
        "label": label,
        "url": links.to(sort=key, dir=DESCENDING if ascending_now else ASCENDING),
        "aria_sort": ("ascending" if ascending_now else "descending") if current else "",
        "numeric": key != SORT_BY_NAME,
    }


def child_row(child: dict, columns: list[str], links: Links) -> dict[str, Any]:
    area = child["area"]
    return {
        "code": area["code"],
        "name": area["name"],
        "url": links.to(area=area["code"]),
        "cells": [
            entry_view(entry) if entry else None
            for entry in (entry_of(child, code) for code in columns)
        ],
    }


# One indicator entry as the page writes it.
# The export: the children table, the area's own row first.


def export(
    report: dict, children: list[dict], query: DashboardQuery, *, file_format: str
) -> HttpResponse:
    area = report["area"]
    rows = [export_row(section, query.columns) for section in [report, *children]]
    name = f"dashboard-{area['code']}-{report['date']}"
    return table_response(
        name=name, columns=export_columns(query.columns), rows=rows, file_format=file_format
    )


def export_columns(codes: list[str]) -> list[Column]:
    """Return code, name, then per indicator: numerator, denominator, value, status, gap."""
    columns = [Column("code", _("Code")), Column("name", _("Name"))]
    for code in codes:
        spec = indicator_spec(code)
        figures = [
            ("numerator", _("numerator"), "int"),
            ("denominator", _("denominator"), "int"),
            ("value", _("value"), VALUE_KINDS.get(spec.unit, "int")),
            ("status", _("status"), "text"),
            ("gap", _("gap"), "int"),
        ]
        columns += [
            Column(
                f"{code}.{key}",
                _("%(indicator)s: %(figure)s") % {"indicator": spec.name, "figure": label},
                kind,
            )
            for key, label, kind in figures
        ]
    return columns


def export_row(section: dict, codes: list[str]) -> dict[str, Any]:
    """Flatten one area's entries into one row; an indicator that does not apply stays empty."""
    row = {"code": section["area"]["code"], "name": section["area"]["name"]}
    for code in codes:
        entry = entry_of(section, code)
        for key in ("numerator", "denominator", "value", "gap"):
            row[f"{code}.{key}"] = entry.get(key)
        status = entry.get("status")
        row[f"{code}.status"] = str(STATUS_LABELS[status]) if status else ""
    return row
