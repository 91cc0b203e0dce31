"""Reads of the indicator engine, always on behalf of a user: report, trend and pipeline.

Every page, API view, export and management command reaches the engine through these. Each
one resolves the area on its date and reads it only when it lies in the reader's area scope
(`units.scope.scope_of`); an area outside the scope answers `Http404` exactly as a missing code
does. The children of an area in the scope are in it too (a scope is whole provinces or whole
communes), so they need no second check.

Aggregate-only readers (`accounts.scope.reads_aggregates_only`) get the result with its small
cells hidden (`reports.small_cells`), each entry marked `"suppressed"`; other readers get it as
built, without that key.

A refused request raises `ValidationError` with a code the callers map to their own wording:
`period_reversed`, `series_reversed`, `series_long`, `step`, `indicator`, `kind`, `force_unit`.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _

from accounts.scope import reads_aggregates_only
from members.models import AdmissionCase, Stage
from targets.indicators import Indicator, IndicatorKind
from units.scope import scope_of

from .areas import Area, AreaNotFound, Level, resolve_area
from .indicators import Window
from .pipeline import PipelineUnavailable, build_pipeline, cases_in, overdue_steps
from .report import build_report
from .small_cells import suppress_small_cells
from .trends import build_trend, series_windows

STEPS = ("year", "month")
# Each point costs a few queries: a monthly series of twenty years is already long.
MAX_POINTS = 240


def area_get(*, actor: Any, code: str, on: datetime.date) -> Area:
    """Return the area named `code` on `on`; raise Http404 when it is missing or out of scope."""
    # The scope is built first, so a missing and a forbidden code cost the same queries.
    scope = scope_of(actor)
    try:
        area = resolve_area(code, on)
    except AreaNotFound:
        area = None
    if area is None or not scope.contains_area(area):
        raise Http404(_("No area has this code on this date.")) from None
    return area


def indicator_report(
    *,
    actor: Any,
    area_code: str,
    window: Window,
    children: bool = False,
    kind: str | None = None,
) -> dict[str, Any]:
    """Return the indicator report of an area (and its children) as the reader may see it."""
    _check_period(window)
    if kind is not None and kind not in IndicatorKind.values:
        raise ValidationError(_("An indicator is a stock or a flow."), code="kind")
    area = area_get(actor=actor, code=area_code, on=window.on)
    report = build_report(area=area, window=window, children=children, kind=kind)
    return _as_seen_by(actor, report)


def indicator_trend(
    *,
    actor: Any,
    area_code: str,
    code: str,
    first: datetime.date,
    last: datetime.date,
    step: str,
) -> dict[str, Any]:
    """Return the yearly or monthly series of one indicator for an administrative area.

    The area is the one its code names on `last`; its lineage reaches back before that.
    """
    if first > last:
        raise ValidationError(_("The series starts after it ends."), code="series_reversed")
    if step not in STEPS:
        raise ValidationError(_("A series goes year by year or month by month."), code="step")
    if series_points(first, last, step) > MAX_POINTS:
        raise ValidationError(
            _("A series has at most %(count)s points: shorten it or go by year."),
            code="series_long",
            params={"count": MAX_POINTS},
        )
    if code not in Indicator.values:
        raise ValidationError(_("No indicator has this code."), code="indicator")
    area = area_get(actor=actor, code=area_code, on=last)
    if area.level == Level.UNIT:
        raise ValidationError(
            _("Trends are for administrative areas, not force units."), code="force_unit"
        )
    windows = series_windows(first, last, step)
    return _as_seen_by(actor, build_trend(area=area, code=code, windows=windows, step=step))


def series_points(first: datetime.date, last: datetime.date, step: str) -> int:
    """Count the points of a series (zero or less when it is reversed)."""
    years = last.year - first.year
    return years + 1 if step == "year" else years * 12 + last.month - first.month + 1


def admission_pipeline(
    *, actor: Any, area_code: str, window: Window, children: bool = False
) -> dict[str, Any]:
    """Return the admission pipeline of an area (and its children) as the reader may see it."""
    _check_period(window)
    area = area_get(actor=actor, code=area_code, on=window.on)
    try:
        pipeline = build_pipeline(area=area, window=window, children=children)
    except PipelineUnavailable as error:
        raise ValidationError(
            _("A force unit has no admission cases; give its commune."), code="force_unit"
        ) from error
    return _as_seen_by(actor, pipeline)


@dataclass(frozen=True)
class OverdueCase:
    """An open case past the deadline of its next step, as a reader who may open it sees it."""

    case: AdmissionCase
    stage: str
    deadline: datetime.date

    @property
    def stage_label(self) -> str:
        return str(Stage(self.stage).label)


def overdue_cases(*, actor: Any, area_code: str, on: datetime.date) -> list[OverdueCase]:
    """Return the cases of an area open on `on` and past their next step's deadline then.

    They are the cases the pipeline counts as overdue, nearest deadline first. A case names a
    person, so a reader who may not open cases gets none (the pipeline's counts are theirs).
    """
    if not actor.has_perm("members.view_admissioncase"):
        return []
    area = area_get(actor=actor, code=area_code, on=on)
    try:
        cases = cases_in(area).visible_to(actor).select_related("person", "commune")
    except PipelineUnavailable as error:
        raise ValidationError(
            _("A force unit has no admission cases; give its commune."), code="force_unit"
        ) from error
    rows = [OverdueCase(case, step.stage, step.deadline) for case, step in overdue_steps(cases, on)]
    return sorted(rows, key=lambda row: (row.deadline, row.case.person.full_name))


def _check_period(window: Window) -> None:
    if window.start > window.end:
        raise ValidationError(_("The period starts after it ends."), code="period_reversed")


def _as_seen_by(actor: Any, result: dict[str, Any]) -> dict[str, Any]:
    """Hide the small cells from an aggregate-only reader; give anyone else the result whole."""
    return suppress_small_cells(result) if reads_aggregates_only(actor) else result
