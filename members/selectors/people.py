"""Reads of people: every one takes the acting user and sees only the user's area.

A person outside the area answers 404 exactly as a missing one; every read of one person's
record is logged (DOMAIN.md §8).
"""

import datetime
from dataclasses import dataclass, field
from itertools import chain
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from accounts.models import User
from members.filters import OPEN, PersonFilter
from members.models import (
    CommandPost,
    PartyRecord,
    Person,
    ServiceRecord,
)
from members.querysets import PartyStatus, party_status_on
from members.selectors.cases import CaseRow, case_list
from members.services.audit import person_reads_log
from units.models import Commune, Force

HISTORY_LIMIT = 100


def person_list(*, actor: User, filters: dict[str, Any] | None = None) -> QuerySet[Person]:
    """Return the people of the actor's area matching `filters`, with their force and party
    status on the day the filters judge (`on`, today by default: `PersonFilter.judged_on`).
    """
    people = Person.objects.visible_to(actor).select_related("residence_commune")
    # Bound even without filters: the FilterSet adds the dated columns as it filters.
    matching = PersonFilter(filters or {}, queryset=people).qs
    # The primary key last: namesakes born the same day keep one order from page to page.
    return matching.order_by("full_name", "birth_date", "pk")


def person_get(*, actor: User, pk: Any, purpose: str = "detail") -> Person:
    """Return the person `pk` of the actor's area and log the read; 404 if missing or outside."""
    try:
        person = Person.objects.visible_to(actor).select_related("residence_commune").get(pk=pk)
    except (Person.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    person_reads_log(reader=actor, person_ids=[person.pk], purpose=purpose)
    return person


def service_record_get(*, actor: User, pk: Any) -> ServiceRecord:
    """Return the service record `pk` of the actor's area; 404 if missing or outside."""
    try:
        return ServiceRecord.objects.visible_to(actor).select_related("commune").get(pk=pk)
    except (ServiceRecord.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


@dataclass
class PersonRecords:
    """What the person page shows beside the person."""

    services: list[ServiceRecord]
    posts: list[CommandPost]
    party_records: list[PartyRecord]
    cases: list[CaseRow]
    history: list[Any]


def person_records(*, actor: User, person: Person) -> PersonRecords:
    """Return the records of a person already read through `person_get`, and their history."""
    return PersonRecords(
        services=list(person.services.select_related("commune", "unit", "village")),
        posts=list(person.posts.select_related("command__commune")),
        party_records=list(person.party_records.select_related("military_cell")),
        cases=case_list(actor=actor, filters={"person": person.pk}),
        history=_history(person),
    )


def _history(person: Person) -> list[Any]:
    """Return the changes to the person and their records, newest first."""
    changes = chain(
        person.history.select_related("history_user")[:HISTORY_LIMIT],
        *(
            model.history.filter(person_id=person.pk).select_related("history_user")[:HISTORY_LIMIT]
            for model in (ServiceRecord, CommandPost, PartyRecord)
        ),
    )
    return sorted(changes, key=lambda change: change.history_date, reverse=True)[:HISTORY_LIMIT]


@dataclass
class ForceGroup:
    force: str
    label: str
    records: list[ServiceRecord] = field(default_factory=list)


@dataclass
class CommuneOverview:
    commune: Commune | None
    on: datetime.date
    forces: list[ForceGroup]
    cases: list[CaseRow]


def my_commune_overview(*, actor: User, on: datetime.date) -> CommuneOverview:
    """Return the actor's commune on `on`: people serving by force with their party status,
    and the open admission cases with their next step, overdue first.

    Only a user with a commune has a "my commune"; for anyone else the overview is empty.
    """
    if actor.commune_id is None:
        return CommuneOverview(commune=None, on=on, forces=[], cases=[])
    return CommuneOverview(
        commune=actor.commune,
        on=on,
        forces=_forces(actor, on),
        cases=_open_cases(actor, on),
    )


def _forces(actor: User, on: datetime.date) -> list[ForceGroup]:
    groups = {value: ForceGroup(value, label) for value, label in Force.choices}
    records = (
        ServiceRecord.objects.visible_to(actor)
        .covering(on)
        .annotate(party_status=party_status_on(on, person_ref="person_id"))
        .select_related("person", "unit", "village")
        .order_by("force", "person__full_name", "start")
    )
    for record in records:
        record.status_label = PartyStatus(record.party_status).label
        groups[record.force].records.append(record)
    return [group for group in groups.values() if group.records]


def _open_cases(actor: User, on: datetime.date) -> list[CaseRow]:
    return case_list(actor=actor, filters={"outcome": OPEN}, today=on)
