"""Reads of the read log: who read whose record, when and where (DOMAIN.md §8)."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from accounts.models import User
from members.models import PersonReadLog
from units.scope import scope_of

from .filters import ReadFilter
from .purposes import purpose_label


@dataclass(frozen=True)
class ReadRow:
    when: datetime.datetime
    person_id: int | None
    person: str
    user: str
    purpose: str


def read_list(*, actor: User, filterset: ReadFilter) -> QuerySet[PersonReadLog]:
    """Return the readings `filterset` keeps, newest first.

    Like the change history, the audit's read log is the nation's: a reader whose scope is
    less than the whole nation gets no row, and invalid filters give none.
    """
    logs = PersonReadLog.objects.select_related("person", "reader")
    if not scope_of(actor).everything or not filterset.is_valid():
        return logs.none()
    return filterset.filter_queryset(logs).order_by("-read_at", "-pk")


def read_rows(logs: Iterable[PersonReadLog]) -> list[ReadRow]:
    """Return the readings as the page and the files show them."""
    return [
        ReadRow(
            when=log.read_at,
            person_id=log.person_id,
            person=str(log.person) if log.person else _("a person since deleted"),
            user=log.reader.get_username(),
            purpose=purpose_label(log.purpose),
        )
        for log in logs
    ]
