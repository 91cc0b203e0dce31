"""Every API error is JSON with the field at fault, a code and a readable message.

Shape: `{"errors": [{"field": "area", "code": "not_found", "message": "…"}]}`; `field` is null
for an error about the request as a whole. A service's `ValidationError` (Django's) becomes
400 like a serializer's; a record or area outside the reader's scope answers 404 with exactly
the body of a missing one.
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler


def api_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Turn `exc` into the API's JSON error shape; leave anything unknown to Django (500)."""
    exc = _as_api_exception(exc)
    response = exception_handler(exc, context)
    if response is None:
        return None
    response.data = {"errors": errors_of(exc)}
    return response


def _as_api_exception(exc: Exception) -> Exception:
    if isinstance(exc, DjangoValidationError):
        return exceptions.ValidationError(_validation_detail(exc))
    if isinstance(exc, Http404):
        return exceptions.NotFound(_("Not found."))
    if isinstance(exc, PermissionDenied):
        return exceptions.PermissionDenied()
    return exc


def _validation_detail(exc: DjangoValidationError) -> Any:
    """Keep Django's codes: DRF's `ErrorDetail` carries a message and its code."""
    if hasattr(exc, "error_dict"):
        return {
            field: [exceptions.ErrorDetail(m, e.code or "invalid") for e in errs for m in e]
            for field, errs in exc.error_dict.items()
        }
    return [exceptions.ErrorDetail(m, e.code or "invalid") for e in exc.error_list for m in e]


def errors_of(exc: Exception) -> list[dict[str, Any]]:
    """Flatten an APIException's detail into `{"field", "code", "message"}` items."""
    if not isinstance(exc, exceptions.APIException):
        return []
    return list(_flatten(exc.detail, None))


def _flatten(detail: Any, field: str | None):
    if isinstance(detail, dict):
        for key, value in detail.items():
            name = None if key in ("non_field_errors", "__all__") else key
            yield from _flatten(value, name if field is None else f"{field}.{key}")
    elif isinstance(detail, list):
        for item in detail:
            yield from _flatten(item, field)
    else:
        code = getattr(detail, "code", None) or "invalid"
        yield {"field": field, "code": code, "message": str(detail)}


def error_response(field: str | None, code: str, message: str, status_code: int = 400) -> Response:
    """Answer one error in the API's shape (for checks a view makes itself)."""
    return Response(
        {"errors": [{"field": field, "code": code, "message": message}]}, status=status_code
    )


__all__ = ["api_exception_handler", "error_response", "errors_of", "status"]


@csrf_exempt  # it reads and writes nothing; a POST to a wrong path gets the JSON 404 too
def not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
    """Answer any path under the API that names no endpoint with the API's JSON 404."""
    body = {"errors": [{"field": None, "code": "not_found", "message": _("Not found.")}]}
    return JsonResponse(body, status=404)
