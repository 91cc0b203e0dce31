"""The reports API: the summary, the trend and the pipeline documents the report commands print.

Each view parses its query, asks `reports.selectors` on behalf of the user (which answers 404
outside the reader's area, exactly as for a missing code, and hides small cells from
aggregate-only readers) and answers the document with an ETag.
"""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from config.api.etag import conditional
from config.api.permissions import holding
from config.api.schema import error_responses
from reports import selectors
from reports.report import Window, default_window

from .serializers import AreaQuery, TrendQuery

# The parameter each refusal of the selectors is about, so the error names it.
PARAMETER_OF = {
    "period_reversed": "period_start",
    "series_reversed": "from",
    "series_long": "from",
    "step": "step",
    "indicator": "indicator",
    "kind": "kind",
    "force_unit": "area",
}
IF_NONE_MATCH = OpenApiParameter(
    "If-None-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="the ETag of a copy the client holds: 304 when it is still current",
)


def document_schema(query: type, summary: str) -> Callable:
    """Describe a GET answering a computed document, 304 for a current copy, or an error."""
    return extend_schema(
        summary=summary,
        parameters=[query, IF_NONE_MATCH],
        responses={
            200: OpenApiTypes.OBJECT,
            304: OpenApiResponse(description="Not modified: the client's copy is current."),
            **error_responses(400, 401, 403, 404, 429),
        },
    )


def parsed(query: type, request: Request) -> dict[str, Any]:
    """Validate the query string with `query`; a bad parameter answers 400 naming it."""
    serializer = query(data=request.query_params)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def window_of(query: dict[str, Any]) -> Window:
    """Build the report window as the commands do: today and 1 January by default."""
    on = query.get("date") or timezone.localdate()
    return default_window(on, query.get("period_start"), query.get("period_end"))


def read(selector: Callable[..., dict[str, Any]], **arguments: Any) -> dict[str, Any]:
    """Call a selector; key a refusal by the parameter it is about (still a 400)."""
    try:
        return selector(**arguments)
    except ValidationError as error:
        parameter = PARAMETER_OF.get(error.code or "")
        if parameter is None:
            raise
        raise ValidationError({parameter: error}) from error


class ReportView(APIView):
    """Every role reads aggregates; the selectors decide which areas."""

    permission_classes = [holding("accounts.view_aggregates")]


class SummaryView(ReportView):
    """The indicator report of an area on a date: `indicator_report --format json`."""

    @document_schema(AreaQuery, "Indicators of an area with targets, status and gap")
    def get(self, request: Request) -> Response:
        query = parsed(AreaQuery, request)
        document = read(
            selectors.indicator_report,
            actor=request.user,
            area_code=query["area"],
            window=window_of(query),
            children=query["children"],
        )
        return conditional(request, document)


class TrendView(ReportView):
    """One indicator of an area over time, each point with its target band."""

    @document_schema(TrendQuery, "Series of one indicator, year by year or month by month")
    def get(self, request: Request) -> Response:
        query = parsed(TrendQuery, request)
        document = read(
            selectors.indicator_trend,
            actor=request.user,
            area_code=query["area"],
            code=query["indicator"],
            first=query["from"],
            last=query["to"],
            step=query["step"],
        )
        return conditional(request, document)


class PipelineView(ReportView):
    """The admission pipeline of an area on a date: `pipeline_report --format json`."""

    @document_schema(AreaQuery, "Admission cases by stage, closed, overdue, and conversion")
    def get(self, request: Request) -> Response:
        query = parsed(AreaQuery, request)
        document = read(
            selectors.admission_pipeline,
            actor=request.user,
            area_code=query["area"],
            window=window_of(query),
            children=query["children"],
        )
        return conditional(request, document)
