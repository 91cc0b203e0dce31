"""API authentication: exchange a username and password for a token, or revoke one's token."""

from axes.helpers import get_cool_off
from django.contrib.auth import authenticate
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.services import token_issue, token_revoke
from accounts.two_factor.services import confirmed_device, two_factor_required
from config.api.errors import error_response
from config.api.schema import error_responses


class Credentials(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=128, trim_whitespace=False)


TOKEN = inline_serializer("Token", {"token": serializers.CharField()})


class TokenView(APIView):
    """POST credentials for a token; DELETE (authenticated) to revoke it."""

    def get_permissions(self) -> list:
        return [AllowAny()] if self.request.method == "POST" else super().get_permissions()

    # 401 too: a client that sends a revoked token along with its credentials is refused.
    # 429 too: after too many wrong passwords the account or address is locked (`locked_out`).
    # 403 for an account that signs in in two steps: its password alone gives no token.
    @extend_schema(
        request=Credentials, responses={200: TOKEN, **error_responses(400, 401, 403, 429)}
    )
    def post(self, request: Request) -> Response:
        credentials = Credentials(data=request.data)
        credentials.is_valid(raise_exception=True)
        user = authenticate(request, **credentials.validated_data)
        # django-axes refused the attempt, the right password included: flagged on the request.
        if getattr(request, "axes_locked_out", False):
            return error_response(None, "locked_out", _locked_out_message(), 429)
        if user is None:
            message = _("The username or password is wrong, or the account is disabled.")
            return error_response(None, "invalid_credentials", message)
        if two_factor_required(user) or confirmed_device(user) is not None:
            message = _(
                "This account signs in in two steps: its password alone gives no token. An "
                "administrator issues one on the server (manage.py issue_token)."
            )
            return error_response(None, "two_factor_required", message, 403)
        return Response({"token": token_issue(user=user)})

    @extend_schema(request=None, responses={204: None, **error_responses(401, 429)})
    def delete(self, request: Request) -> Response:
        token_revoke(user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


def _locked_out_message() -> str:
    minutes = int(get_cool_off().total_seconds() // 60)
    return _(
        "Too many failed sign-ins: this account or this address is locked for %(minutes)d minutes."
    ) % {"minutes": minutes}
