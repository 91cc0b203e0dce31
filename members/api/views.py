"""The members API: people, admission cases (read only) and the roster import.

Views only translate HTTP into the selectors and the importer the pages use, and back. The
permission class decides the role (403 for one that may never call: the aggregate-only client
above all); the selectors decide the rows (404 outside the area, exactly as for a missing id).
Every read of one person's record is logged, as on the pages (DOMAIN.md §8).
"""

from typing import Any

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    PolymorphicProxySerializer,
    extend_schema,
)
from rest_framework import generics
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from config.api.permissions import holding
from config.api.schema import ErrorBody, error_responses
from members.roster.columns import HEADER_ROW, WHOLE_FILE, RosterFileError, RowError
from members.roster.importer import import_roster
from members.roster.reading import check_size
from members.roster.state import ImportReport
from members.rules import RuleBook
from members.selectors.cases import case_get, case_list, case_row
from members.selectors.people import person_get, person_list, person_records
from members.services.audit import person_reads_log

from .serializers import (
    CaseDetail,
    CaseItem,
    CaseQuery,
    PersonDetail,
    PersonItem,
    PersonQuery,
    RosterErrorBody,
    RosterReport,
    RosterUpload,
)

VIEW_PERSON = "members.view_person"
VIEW_CASE = "members.view_admissioncase"
PERSON_READ = "api"
CASE_READ = "api_admission_case"
LIST_ERRORS = error_responses(400, 401, 403, 404, 429)  # 404: a page number past the end
DETAIL_ERRORS = error_responses(401, 403, 404, 429)
ID = OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH)


def parsed(serializer: type, data: Any) -> dict[str, Any]:
    """Validate `data` with `serializer`; a bad value answers 400 naming its parameter."""
    query = serializer(data=data)
    query.is_valid(raise_exception=True)
    return query.validated_data


class SelectorListView(generics.ListAPIView):
    """A paginated list read by a selector, which filters through the page's FilterSet."""

    # The query is parsed by the view's own serializer and filtered by the selector, never
    # again by a filter backend.
    filter_backends: list = []


class PersonListView(SelectorListView):
    """The people of the reader's area, filtered as on the people page."""

    permission_classes = [holding(VIEW_PERSON)]
    serializer_class = PersonItem

    def get_queryset(self) -> Any:
        filters = parsed(PersonQuery, self.request.query_params)
        return person_list(actor=self.request.user, filters=filters)

    @extend_schema(
        summary="People of the reader's area",
        parameters=[PersonQuery],
        responses={200: PersonItem(many=True), **LIST_ERRORS},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class PersonDetailView(APIView):
    """One person with their service records, command posts and party records; logged."""

    permission_classes = [holding(VIEW_PERSON)]

    @extend_schema(
        summary="One person's records",
        parameters=[ID],
        responses={200: PersonDetail, **DETAIL_ERRORS},
    )
    def get(self, request: Request, pk: str) -> Response:
        person = person_get(actor=request.user, pk=pk, purpose=PERSON_READ)
        person.records = person_records(actor=request.user, person=person)
        return Response(PersonDetail(person).data)


class CaseListView(SelectorListView):
    """The admission cases of the reader's area, overdue first, as on the case list page."""

    permission_classes = [holding(VIEW_CASE)]
    serializer_class = CaseItem

    def get_queryset(self) -> Any:
        # A list of rows, already in order: the paginator slices it as it would a queryset.
        filters = parsed(CaseQuery, self.request.query_params)
        return case_list(actor=self.request.user, filters=filters)

    @extend_schema(
        summary="Admission cases of the reader's area, overdue first",
        parameters=[CaseQuery],
        responses={200: CaseItem(many=True), **LIST_ERRORS},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class CaseDetailView(APIView):
    """One admission case with its steps; reading it reads the person, so it is logged."""

    permission_classes = [holding(VIEW_CASE)]

    @extend_schema(
        summary="One admission case", parameters=[ID], responses={200: CaseDetail, **DETAIL_ERRORS}
    )
    def get(self, request: Request, pk: str) -> Response:
        case = case_get(actor=request.user, pk=pk)
        person_reads_log(reader=request.user, person_ids=[case.person_id], purpose=CASE_READ)
        row = case_row(case, RuleBook(), timezone.localdate())
        return Response(CaseDetail(row).data)


ROSTER_REFUSAL = OpenApiResponse(
    response=PolymorphicProxySerializer(
        component_name="RosterRefusal",
        serializers=[RosterErrorBody, ErrorBody],
        resource_type_field_name=None,
    ),
    description=(
        "Nothing was written. Invalid rows: `errors` items carry `row` (as the spreadsheet "
        "numbers it) and `column`. A file that is not a roster (headers, size, type, "
        "encoding) or a bad parameter: the usual `{field, code, message}` items, field `file`."
    ),
)


class RosterImportView(APIView):
    """Import a roster file into the reader's area: every row valid, or nothing written."""

    permission_classes = [holding("members.add_person")]
    parser_classes = [MultiPartParser]

    @extend_schema(
        summary="Import a roster (.xlsx or CSV UTF-8), or check it with dry_run=true",
        request={"multipart/form-data": RosterUpload},
        responses={
            200: RosterReport,
            400: ROSTER_REFUSAL,
            **error_responses(401, 403, 429),
        },
    )
    def post(self, request: Request) -> Response:
        upload = parsed(RosterUpload, request.data)
        source = upload["file"]
        try:
            check_size(source.size)
        except RosterFileError as error:
            return _file_refused(error.errors, "size")
        report = import_roster(source, actor=request.user, dry_run=upload["dry_run"])
        if not report.ok:
            return _refused(report)
        return Response(RosterReport(report).data)


def _refused(report: ImportReport) -> Response:
    """Answer the errors of a refused file: about the file as a whole, or row by row."""
    whole = [error for error in report.errors if error.row in (WHOLE_FILE, HEADER_ROW)]
    if whole:
        return _file_refused(whole)
    rows = [{"row": e.row, "column": e.column, "message": e.message} for e in report.errors]
    return Response({"errors": rows, "error_count": report.error_count}, status=400)


def _file_refused(errors: list[RowError], code: str | None = None) -> Response:
    # Row 0 is the file as a whole; row 1 is the header line (`members.roster.columns`).
    items = [
        {
            "field": "file",
            "code": code or ("header" if error.row == HEADER_ROW else "unreadable"),
            "message": error.message,
        }
        for error in errors
    ]
    return Response({"errors": items}, status=400)
