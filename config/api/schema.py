"""Shapes the OpenAPI schema shares: the error body every endpoint answers with.

Every error is `{"errors": [{"field", "code", "message"}]}` (`config.api.errors`); declaring it
once here keeps each endpoint's schema true for clients and for the fuzzer alike.
"""

from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers


class ErrorItem(serializers.Serializer):
    field = serializers.CharField(allow_null=True, help_text="the parameter or field at fault")
    code = serializers.CharField()
    message = serializers.CharField()


class ErrorBody(serializers.Serializer):
    errors = ErrorItem(many=True)


ERROR_DESCRIPTIONS = {
    400: "Bad input: each error names the parameter or field at fault.",
    401: "No valid token or session.",
    403: "The user's role may not call this endpoint.",
    404: "Not found, or outside the reader's area (the same answer).",
    429: "Too many requests: try again later.",
}


def error_responses(*statuses: int) -> dict[int, OpenApiResponse]:
    """Return the schema responses of these error statuses, each with an `ErrorBody`."""
    return {
        code: OpenApiResponse(response=ErrorBody, description=ERROR_DESCRIPTIONS[code])
        for code in statuses
    }
