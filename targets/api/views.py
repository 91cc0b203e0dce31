"""The directives and targets API: read what governs the reader's area, write inside it.

Reads go through `targets.selectors`: a user reads the directives and targets that govern
their area (nation-wide ones and those of the areas above it included). Writes go through
`targets.services` alone, and reach only the rows the user may edit (`directives_editable`,
`targets_editable`): a row the user cannot edit answers 404 to PATCH and DELETE, as a missing
one does, even where the user may read it (a provincial officer and a nation-wide directive),
as the admin does. The role is the permission's business: readers without
`targets.view_*` get 403, and so do writers without `add_`, `change_` or `delete_`.

A payload naming a directive the user cannot read (`directive` of a target, `supersedes`)
answers 400 on that field with "does not exist", like a missing id: a reference in the payload
is bad input, and another area's rows answer exactly as missing ones.
"""

from typing import Any

from django.db.models import ProtectedError, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, generics, status
from rest_framework.permissions import SAFE_METHODS

from config.api.permissions import holding_for_write
from config.api.schema import ErrorBody, error_responses
from targets import selectors, services
from targets.models import Directive, Target
from units.querysets import interval_covers

from .errors import payload_fields
from .serializers import DirectiveSerializer, InForceQuery, TargetSerializer


def writes_of(model: str) -> dict[str, str]:
    return {
        "POST": f"targets.add_{model}",
        "PATCH": f"targets.change_{model}",
        "DELETE": f"targets.delete_{model}",
    }


def apply(instance: Any, values: dict[str, Any]) -> Any:
    """Set the validated values on `instance` (in memory: the service saves, or refuses)."""
    for name, value in values.items():
        setattr(instance, name, value)
    return instance


class Superseded(exceptions.APIException):
    """A directive another one supersedes stays while that one names it (`on_delete=PROTECT`)."""

    status_code = status.HTTP_409_CONFLICT
    default_code = "protected"
    default_detail = _("Another directive supersedes this one: change or delete that one first.")


CONFLICT = {
    409: OpenApiResponse(ErrorBody, description="Another directive supersedes this one."),
}
LIST_ERRORS = error_responses(400, 401, 403, 404, 429)
DETAIL_ERRORS = error_responses(401, 403, 404, 429)
WRITE_ERRORS = error_responses(400, 401, 403, 404, 429)


@extend_schema_view(
    get=extend_schema(
        summary="Directives governing the reader's area",
        parameters=[InForceQuery],
        responses={200: DirectiveSerializer, **LIST_ERRORS},
    ),
    post=extend_schema(
        summary="Register a directive in the writer's area",
        responses={201: DirectiveSerializer, **WRITE_ERRORS},
    ),
)
class DirectiveListView(generics.ListCreateAPIView):
    serializer_class = DirectiveSerializer
    permission_classes = [holding_for_write("targets.view_directive", writes_of("directive"))]
    filter_backends: list = []

    def get_queryset(self) -> QuerySet[Directive]:
        query = InForceQuery(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        directives = selectors.directive_list(actor=self.request.user)
        day = query.validated_data.get("in_force_on")
        if day is None:
            return directives
        return directives.filter(interval_covers(day, start="effective_from", end="effective_to"))

    def perform_create(self, serializer: DirectiveSerializer) -> None:
        directive = Directive(**serializer.validated_data)
        with payload_fields(Directive):
            serializer.instance = services.directive_create(
                actor=self.request.user, directive=directive
            )


@extend_schema_view(
    get=extend_schema(
        summary="One directive", responses={200: DirectiveSerializer, **DETAIL_ERRORS}
    ),
    patch=extend_schema(
        summary="Change a directive in the writer's area",
        responses={200: DirectiveSerializer, **WRITE_ERRORS},
    ),
    delete=extend_schema(
        summary="Delete a directive in the writer's area, with its targets",
        responses={204: None, **DETAIL_ERRORS, **CONFLICT},
    ),
)
class DirectiveDetailView(generics.RetrieveUpdateDestroyAPIView):
    serializer_class = DirectiveSerializer
    permission_classes = [holding_for_write("targets.view_directive", writes_of("directive"))]
    http_method_names = ["get", "patch", "delete", "head", "options"]

    def get_object(self) -> Directive:
        actor, pk = self.request.user, self.kwargs["pk"]
        if self.request.method in SAFE_METHODS:
            return selectors.directive_get(actor=actor, pk=pk)
        return get_object_or_404(selectors.directives_editable(actor=actor), pk=pk)

    def perform_update(self, serializer: DirectiveSerializer) -> None:
        directive = apply(serializer.instance, serializer.validated_data)
        with payload_fields(Directive):
            services.directive_update(actor=self.request.user, directive=directive)

    def perform_destroy(self, instance: Directive) -> None:
        try:
            with payload_fields(Directive):
                services.directive_delete(actor=self.request.user, directive=instance)
        except ProtectedError:
            raise Superseded from None


@extend_schema_view(
    get=extend_schema(
        summary="Targets governing the reader's area",
        responses={200: TargetSerializer, **error_responses(401, 403, 404, 429)},
    ),
    post=extend_schema(
        summary="Set a target of a directive in the writer's area",
        responses={201: TargetSerializer, **WRITE_ERRORS},
    ),
)
class TargetListView(generics.ListCreateAPIView):
    serializer_class = TargetSerializer
    permission_classes = [holding_for_write("targets.view_target", writes_of("target"))]
    filter_backends: list = []

    def get_queryset(self) -> QuerySet[Target]:
        return selectors.target_list(actor=self.request.user)

    def perform_create(self, serializer: TargetSerializer) -> None:
        target = Target(**serializer.validated_data)
        with payload_fields(Target):
            serializer.instance = services.target_create(actor=self.request.user, target=target)


@extend_schema_view(
    get=extend_schema(summary="One target", responses={200: TargetSerializer, **DETAIL_ERRORS}),
    patch=extend_schema(
        summary="Change a target in the writer's area",
        responses={200: TargetSerializer, **WRITE_ERRORS},
    ),
    delete=extend_schema(
        summary="Delete a target in the writer's area",
        responses={204: None, **DETAIL_ERRORS},
    ),
)
class TargetDetailView(generics.RetrieveUpdateDestroyAPIView):
    serializer_class = TargetSerializer
    permission_classes = [holding_for_write("targets.view_target", writes_of("target"))]
    http_method_names = ["get", "patch", "delete", "head", "options"]

    def get_object(self) -> Target:
        actor = self.request.user
        if self.request.method in SAFE_METHODS:
            targets = selectors.target_list(actor=actor)
        else:
            targets = selectors.targets_editable(actor=actor)
        return get_object_or_404(targets, pk=self.kwargs["pk"])

    def perform_update(self, serializer: TargetSerializer) -> None:
        target = apply(serializer.instance, serializer.validated_data)
        with payload_fields(Target):
            services.target_update(actor=self.request.user, target=target)

    def perform_destroy(self, instance: Target) -> None:
        with payload_fields(Target):
            services.target_delete(actor=self.request.user, target=instance)
