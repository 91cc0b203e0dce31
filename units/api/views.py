"""The units API: provinces and communes valid on a date, and the force units of a commune.

Geography is public reference data: any authenticated user reads it. Force units are
organisational data: readers of aggregates see those lying in their area (`units.selectors`).
A code that names no unit on the date answers 404, as a missing record does; a code of the
wrong shape or a bad date answers 400 naming the parameter.
"""

import datetime
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework.generics import ListAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from config.api.permissions import holding
from config.api.schema import error_responses
from units import selectors

from .serializers import (
    CommuneItem,
    CommuneQuery,
    DateQuery,
    ForceUnitItem,
    ForceUnitQuery,
    ProvinceItem,
)


def parsed(query: type, request: Request) -> dict[str, Any]:
    """Validate the query string with `query`; a bad parameter answers 400 naming it."""
    serializer = query(data=request.query_params)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def day_of(query: dict[str, Any]) -> datetime.date:
    return query.get("date") or timezone.localdate()


class ProvinceListView(APIView):
    """The provinces valid on a date: a few dozen, so one page."""

    @extend_schema(
        summary="Provinces valid on a date",
        parameters=[DateQuery],
        responses={200: ProvinceItem(many=True), **error_responses(400, 401, 429)},
    )
    def get(self, request: Request) -> Response:
        provinces = selectors.provinces_on(on=day_of(parsed(DateQuery, request)))
        return Response(ProvinceItem(provinces, many=True).data)


@extend_schema(
    summary="Communes of a province valid on a date",
    parameters=[CommuneQuery],
    responses={200: CommuneItem, **error_responses(400, 401, 404, 429)},
)
class CommuneListView(ListAPIView):
    """The communes of a province valid on a date, a page at a time."""

    serializer_class = CommuneItem
    filter_backends: list = []

    def get_queryset(self) -> QuerySet:
        query = parsed(CommuneQuery, self.request)
        return selectors.communes_on(province_code=query["province"], on=day_of(query))


@extend_schema(
    summary="Force units of a commune valid on a date, in the reader's area",
    parameters=[ForceUnitQuery],
    responses={200: ForceUnitItem, **error_responses(400, 401, 403, 404, 429)},
)
class ForceUnitListView(ListAPIView):
    """The force units of a commune valid on a date that lie in the reader's area."""

    serializer_class = ForceUnitItem
    permission_classes = [holding("accounts.view_aggregates")]
    filter_backends: list = []

    def get_queryset(self) -> QuerySet:
        query = parsed(ForceUnitQuery, self.request)
        return selectors.force_units_on(
            actor=self.request.user, commune_code=query["commune"], on=day_of(query)
        )
