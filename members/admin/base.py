"""What the members admins share: pages that only show rows, and logging reads of a person."""

from typing import Any

from django.db.models import Model
from django.http import HttpRequest, HttpResponse

from members.services.audit import person_reads_log


class ReadOnlyAdminMixin:
    """Show rows and never write them: no add, change or delete, for superusers too.

    Mix into a ModelAdmin or an inline. The view permission still decides who sees the pages.
    """

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


class PersonReadLogMixin:
    """Log a read of the person a change page or history page shows (DOMAIN.md §8).

    The change page logs `read_purpose`, the history page `<read_purpose>_history`. Only a page
    that shows its object logs: a missing or out-of-scope pk redirects like a missing one and a
    refused one raises, and neither read anything. The changelist logs nothing: it shows names,
    as any autocomplete does, not a record.
    """

    read_purpose = "admin"

    def read_person_id(self, obj: Any) -> int | None:
        """Return the id of the person `obj` is about."""
        return obj.person_id

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict | None = None,
    ) -> HttpResponse:
        response = super().change_view(request, object_id, form_url, extra_context)  # type: ignore[misc]
        self._log_shown(request, response, key="original", purpose=self.read_purpose)
        return response

    def history_view(
        self, request: HttpRequest, object_id: str, extra_context: dict | None = None
    ) -> HttpResponse:
        response = super().history_view(request, object_id, extra_context)  # type: ignore[misc]
        self._log_shown(request, response, key="object", purpose=f"{self.read_purpose}_history")
        return response

    def _log_shown(
        self, request: HttpRequest, response: HttpResponse, *, key: str, purpose: str
    ) -> None:
        # The page's context holds the object (under `key`) exactly when the page shows it;
        # a redirect (saved, or not found) has no context and was logged when it was shown.
        obj = (getattr(response, "context_data", None) or {}).get(key)
        person_id = self.read_person_id(obj) if obj is not None else None
        if person_id is not None:
            person_reads_log(reader=request.user, person_ids=[person_id], purpose=purpose)
