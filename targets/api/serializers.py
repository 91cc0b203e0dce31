"""Directives and targets in and out of the API: codes and ids to rows, rows to codes.

These only translate. An area is an official code resolved on the directive's `effective_from`
(the 2025 reform reused codes); a directive named by id must be one the actor reads, else it is
"not found" like a missing one. Every rule (area scope, bounds, deadlines) is the model's and
the services' (`targets.services`); nothing here saves.
"""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from rest_framework import serializers

from targets.areas import area_fields_on
from targets.models import Directive, Target
from targets.selectors import directive_list

ISO_DATE = ["%Y-%m-%d"]
AREA_CODE = r"^(\d{2}|\d{3}|\d{5})$"


class AreaCodeField(serializers.RegexField):
    """An area as its official code in, the unit's code out; null is no area."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(AREA_CODE, allow_null=True, **kwargs)

    def to_representation(self, value: Any) -> str:
        return value.code


class InForceQuery(serializers.Serializer):
    in_force_on = serializers.DateField(
        input_formats=ISO_DATE,
        required=False,
        help_text="YYYY-MM-DD: keep the directives in force on that day",
    )


def readable_directives(serializer: serializers.Serializer) -> Any:
    """The directives the requesting user reads: those a payload may name by id."""
    request = serializer.context.get("request")
    return directive_list(actor=getattr(request, "user", None))


def resolved_area(attrs: dict[str, Any], on: datetime.date) -> None:
    """Replace the area code of `attrs` by the unit it names on `on` (in place).

    Raise a 400 on "area" (code `unknown_area`) when no unit has that code on that day.
    """
    if "area" not in attrs:
        return
    try:
        attrs.update(area_fields_on(code=attrs.pop("area"), on=on))
    except ValidationError as error:
        raise serializers.ValidationError({"area": error.messages}, code="unknown_area") from None


class DirectiveSerializer(serializers.ModelSerializer):
    area = AreaCodeField(
        help_text="official code (2-digit province, 3-digit legacy district, 5-digit commune) "
        "valid on effective_from; null for the whole nation"
    )
    supersedes = serializers.PrimaryKeyRelatedField(
        queryset=Directive.objects.none(), allow_null=True, required=False
    )

    class Meta:
        model = Directive
        fields = [
            "id",
            "number",
            "issuer",
            "issued_on",
            "title",
            "kind",
            "area",
            "effective_from",
            "effective_to",
            "supersedes",
            "source",
        ]
        # The uniqueness of number, issuer and date is the model's rule, checked by the service.
        validators: list = []
        extra_kwargs = {
            name: {"input_formats": ISO_DATE}
            for name in ("issued_on", "effective_from", "effective_to")
        }

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        fields["supersedes"].queryset = readable_directives(self)
        return fields

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        stored = self.instance.effective_from if self.instance else None
        resolved_area(attrs, attrs.get("effective_from", stored))
        return attrs


class TargetSerializer(serializers.ModelSerializer):
    directive = serializers.PrimaryKeyRelatedField(queryset=Directive.objects.none())
    area = AreaCodeField(
        required=False,
        help_text="official code valid on the directive's effective_from; "
        "null (the default) for the directive's own area",
    )

    class Meta:
        model = Target
        fields = [
            "id",
            "directive",
            "indicator",
            "area",
            "each_commune",
            "bound",
            "lower",
            "upper",
            "deadline_year",
            "deadline_date",
        ]
        validators: list = []
        extra_kwargs = {"deadline_date": {"input_formats": ISO_DATE}}

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        fields["directive"].queryset = readable_directives(self)
        return fields

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        directive = attrs.get("directive") or self.instance.directive
        resolved_area(attrs, directive.effective_from)
        return attrs
