"""Pages of a list that may be too long to count: counting stops at a limit."""

from collections.abc import Sequence
from typing import Any

from django.core.paginator import Paginator
from django.utils.functional import cached_property


class CappedPaginator(Paginator):
    """Page through at most `limit` rows of `object_list`, counting no further.

    Counting a national history or read log in full would read all of it on every page; this
    counts up to `limit` + 1 rows, which is enough to tell the reader there are more (`capped`).
    """

    def __init__(self, object_list: Sequence[Any], per_page: int, *, limit: int) -> None:
        super().__init__(object_list, per_page)
        self.limit = limit

    @cached_property
    def _found(self) -> int:
        head = self.object_list[: self.limit + 1]
        return len(head) if isinstance(head, list) else head.count()

    @cached_property
    def count(self) -> int:
        return min(self._found, self.limit)

    @property
    def capped(self) -> bool:
        """Tell whether more rows match than the list shows."""
        return self._found > self.limit
