"""Writes of people: register or edit a person with their records, transfer a service record.

Each function runs in one transaction and writes nothing when it refuses. A refusal is a
`ValidationError` keyed by the field at fault, each message carrying a `code`.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext

from accounts.models import User
from members.models import CommandPost, PartyRecord, Person, ServiceEndReason, ServiceRecord
from members.rules import format_day
from units.models import Commune, CommuneCommand, ForceUnit, MilitaryPartyCell


@dataclass
class RelatedChanges:
    """A person's service records, command posts and party records to save or delete with them."""

    saved: Sequence[models.Model] = field(default_factory=list)
    deleted: Sequence[models.Model] = field(default_factory=list)


def national_id_taken_message() -> str:
    """Say that a national ID is taken, alike for a person in the actor's area and elsewhere.

    The ID is unique nationally and must be refused wherever its holder is registered, so a
    cadre does learn that it is taken; the message, here and in the roster, never says where.
    """
    return gettext("A person with this national ID is already registered.")


def check_national_id_free(*, national_id: str | None, person_pk: int | None) -> None:
    """Refuse a national ID that another person already has, wherever that person lives."""
    if (
        national_id
        and Person.objects.filter(national_id=national_id).exclude(pk=person_pk).exists()
    ):
        message = national_id_taken_message()
        raise ValidationError(
            {"national_id": ValidationError(message, code="duplicate_national_id")}
        )


def person_create(
    *,
    actor: User,
    person: Person,
    related: RelatedChanges | None = None,
    confirm_duplicate: bool = False,
) -> Person:
    """Register `person` (unsaved) with their records in the actor's area."""
    return _person_save(actor, person, related or RelatedChanges(), confirm_duplicate)


def person_update(
    *,
    actor: User,
    person: Person,
    related: RelatedChanges | None = None,
    confirm_duplicate: bool = False,
) -> Person:
    """Save the edited `person` (read through the actor's area) and their edited records."""
    if not Person.objects.visible_to(actor).filter(pk=person.pk).exists():
        raise ValidationError(gettext("This person is outside your area."), code="out_of_area")
    return _person_save(actor, person, related or RelatedChanges(), confirm_duplicate)


def _person_save(
    actor: User, person: Person, related: RelatedChanges, confirm_duplicate: bool
) -> Person:
    with transaction.atomic():
        _check_area(actor, person, related.saved)
        check_national_id_free(national_id=person.national_id, person_pk=person.pk)
        if not confirm_duplicate:
            _check_namesake(person)
        person.full_clean()
        person.save()
        _save_related(person, related)
    return person


def _check_namesake(person: Person) -> None:
    """Warn about another person with the same name and birth date; the user may confirm."""
    namesakes = Person.objects.filter(
        full_name__iexact=person.full_name.strip(), birth_date=person.birth_date
    ).exclude(pk=person.pk)
    if namesakes.exists():
        message = gettext(
            "A person named %(name)s born on %(date)s is already registered. "
            "Tick the box to confirm this is another person."
        )
        params = {"name": person.full_name, "date": format_day(person.birth_date)}
        raise ValidationError(
            {
                "confirm_duplicate": ValidationError(
                    message, code="possible_duplicate", params=params
                )
            }
        )


def _check_area(actor: User, person: Person, saved: Sequence[models.Model]) -> None:
    """Refuse communes, commands, units and cells outside the actor's area."""
    places = [(Commune, person.residence_commune_id, "residence_commune")]
    for record in saved:
        if isinstance(record, ServiceRecord):
            places += [(Commune, record.commune_id, "commune"), (ForceUnit, record.unit_id, "unit")]
        elif isinstance(record, CommandPost):
            places.append((CommuneCommand, record.command_id, "command"))
        elif isinstance(record, PartyRecord):
            places.append((MilitaryPartyCell, record.military_cell_id, "military_cell"))
    for model, pk, name in places:
        if pk and not model.objects.visible_to(actor).filter(pk=pk).exists():
            message = gettext("This choice is outside your area.")
            raise ValidationError({name: ValidationError(message, code="out_of_area")})


def _save_related(person: Person, related: RelatedChanges) -> None:
    """Save the records one by one after taking the changing core records out of the core force.

    The database refuses overlapping core records row by row; a row's new dates could meet
    another row's old ones although the final state is valid. Each changed row gets its own
    `is_core` back when saved, in this transaction.
    """
    changing = [record.pk for record in [*related.saved, *related.deleted] if record.pk]
    ServiceRecord.objects.filter(pk__in=changing, person=person, is_core=True).update(is_core=False)
    for record in related.deleted:
        record.delete()
    for record in related.saved:
        record.person = person
        record.full_clean()
        record.save()


def service_record_transfer(
    *,
    record: ServiceRecord,
    to_commune: Commune,
    start: datetime.date,
    actor: User,
    to_unit: ForceUnit | None = None,
) -> ServiceRecord:
    """End `record` the day before `start` and open the same service in `to_commune` on `start`.

    The new record keeps the force, category and core status, and a planned end of the old one.
    """
    with transaction.atomic():
        if not ServiceRecord.objects.visible_to(actor).filter(pk=record.pk).exists():
            raise ValidationError(gettext("This record is outside your area."), code="out_of_area")
        _check_transfer_start(record, start)
        # A planned end beyond the transfer carries over to the new record.
        planned_end = record.end if record.end and record.end >= start else None
        record.end = start - datetime.timedelta(days=1)
        record.end_reason = ServiceEndReason.TRANSFERRED
        record.full_clean()
        record.save()
        new = ServiceRecord(
            person=record.person,
            force=record.force,
            category=record.category,
            is_core=record.is_core,
            commune=to_commune,
            unit=to_unit,
            start=start,
            end=planned_end,
        )
        new.full_clean()
        new.save()
    return new


def _check_transfer_start(record: ServiceRecord, start: datetime.date) -> None:
    if start <= record.start:
        message = gettext("A transfer starts after the start of the record it ends (%(date)s).")
        params = {"date": format_day(record.start)}
        raise ValidationError(
            {"start": ValidationError(message, code="start_not_after_record", params=params)}
        )
    if record.end and record.end < start - datetime.timedelta(days=1):
        message = gettext("This record already ended on %(date)s.")
        params = {"date": format_day(record.end)}
        raise ValidationError(
            {"start": ValidationError(message, code="record_ended", params=params)}
        )
