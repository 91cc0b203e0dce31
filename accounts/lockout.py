"""The address django-axes counts sign-in failures against (AXES_CLIENT_IP_CALLABLE)."""

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    """Return the client's address: the proxy's header when CLIENT_IP_HEADER names one.

    Behind nginx every request comes from the proxy itself, so counting REMOTE_ADDR would lock
    everyone out together; without a proxy the header is the client's to forge, so it is read
    only when the operator names it.
    """
    header = settings.CLIENT_IP_HEADER
    return (request.META.get(header) if header else None) or request.META.get("REMOTE_ADDR")
