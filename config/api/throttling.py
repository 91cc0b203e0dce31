"""Per-user and anonymous rate limits whose rates are read from settings at each request.

DRF's own classes copy the rates once at import; reading them per request lets an operator's
environment (`API_THROTTLE_USER`, `API_THROTTLE_ANON`) and a test's settings apply alike.
"""

from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class UserThrottle(UserRateThrottle):
    def get_rate(self) -> str | None:
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class AnonThrottle(AnonRateThrottle):
    def get_rate(self) -> str | None:
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)
