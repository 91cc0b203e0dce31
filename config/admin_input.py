"""Absurd query strings in the admin are answered as wrong filters are, never with a 500.

Django's change list already turns most bad filter values into IncorrectLookupParameters,
which its view answers with a redirect to `?e=1`. It misses a few: a year too large for a date
(OverflowError), the year 9999 (whose end is past the last date Python knows), and a NUL
character, which PostgreSQL refuses only when the query runs. The autocomplete passes its
search term to the database unchecked.
"""

from typing import Any

from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.db.models import QuerySet
from django.http import HttpRequest

NUL = "\x00"


class BadInputChangeList(ChangeList):
    """A change list that refuses a NUL character and out-of-range dates in its filters."""

    def get_filters(self, request: HttpRequest) -> Any:
        params = self.get_filters_params()
        if any(
            NUL in key or any(NUL in value for value in values) for key, values in params.items()
        ):
            raise IncorrectLookupParameters("NUL character in a filter")
        try:
            return super().get_filters(request)
        except (OverflowError, ValueError) as error:
            raise IncorrectLookupParameters(error) from error


class BadInputAdminMixin:
    """Mix into every ModelAdmin (ScopedAdminMixin does): bad query strings are refused."""

    def get_changelist(self, request: HttpRequest, **kwargs: Any) -> type[ChangeList]:
        return BadInputChangeList

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet, search_term: str
    ) -> tuple[QuerySet, bool]:
        # No stored text holds a NUL (forms and the roster refuse it), so nothing matches; the
        # change list's own search form already refuses it with a message, the autocomplete not.
        if NUL in search_term:
            return queryset.none(), False
        return super().get_search_results(request, queryset, search_term)  # type: ignore[misc]
