"""Name the payload field of a refusal from the services, whose errors name model fields.

The services key an area refusal by the model field that holds the area (province, district or
commune); the payload has one `area`. The model's constraints span several fields and name none
(Django reports them under `__all__`); the API names the field a client most plausibly fixes,
and gives the constraint's name as the code, so that every 400 names a field.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models

from targets.querysets import AREA_FIELDS

FIELD_OF_CONSTRAINT = {
    "directive_in_force_until_after_from": "effective_to",
    "directive_number_unique_per_issuer_and_date": "number",
    "target_bounds_match_kind": "bound",
    "target_bounds_not_negative": "bound",
    "target_one_deadline": "deadline_year",
}


@contextmanager
def payload_fields(model: type[models.Model]) -> Iterator[None]:
    """Re-raise a `ValidationError` raised inside with its errors keyed by payload field."""
    try:
        yield
    except ValidationError as error:
        if not hasattr(error, "error_dict"):
            raise
        raise ValidationError(keyed(error, model)) from error


def keyed(error: ValidationError, model: type[models.Model]) -> dict[str, list[ValidationError]]:
    constraints = {
        str(constraint.get_violation_error_message()): constraint.name
        for constraint in model._meta.constraints
    }
    errors: dict[str, list[ValidationError]] = {}
    for field, items in error.error_dict.items():
        for item in items:
            name, item = _field_of(field, item, constraints)
            errors.setdefault(name, []).append(item)
    return errors


def _field_of(
    field: str, item: ValidationError, constraints: dict[str, str]
) -> tuple[str, ValidationError]:
    if field in AREA_FIELDS:
        return "area", item
    constraint = constraints.get(str(item.message)) if field == NON_FIELD_ERRORS else None
    if constraint in FIELD_OF_CONSTRAINT:
        code = item.code or constraint
        return FIELD_OF_CONSTRAINT[constraint], ValidationError(item.message, code=code)
    return field, item
