"""People writes: transfers, overlaps, duplicates; nothing written on a refusal."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from members.models import Person, ServiceEndReason, ServiceRecord
from members.services.people import (
    RelatedChanges,
    person_create,
    person_update,
    service_record_transfer,
)
from tests.members.factories import PersonFactory, ServiceRecordFactory
from tests.units.factories import CommuneFactory

pytestmark = pytest.mark.django_db


def new_person(commune, **fields) -> Person:
    values = {"full_name": "Nguyễn Văn An", "birth_date": datetime.date(1995, 5, 17), "sex": "male"}
    return Person(residence_commune=commune, **{**values, **fields})


def codes(error: ValidationError) -> set[str]:
    return {e.code for errors in error.error_dict.values() for e in errors}


def test_transfer_ends_old_record_the_day_before(commune_cadre):
    record = ServiceRecordFactory(person__residence_commune=commune_cadre.commune)
    to = CommuneFactory(province=commune_cadre.commune.province)
    service_record_transfer(
        record=record, to_commune=to, start=datetime.date(2025, 9, 1), actor=commune_cadre
    )
    record.refresh_from_db()
    assert (record.end, record.end_reason) == (
        datetime.date(2025, 8, 31),
        ServiceEndReason.TRANSFERRED,
    )


def test_transfer_opens_record_in_new_commune(commune_cadre):
    record = ServiceRecordFactory(person__residence_commune=commune_cadre.commune)
    to = CommuneFactory(province=commune_cadre.commune.province)
    new = service_record_transfer(
        record=record, to_commune=to, start=datetime.date(2025, 9, 1), actor=commune_cadre
    )
    assert (new.commune, new.start, new.force) == (to, datetime.date(2025, 9, 1), record.force)


def test_transfer_before_record_start_refused_and_nothing_written(commune_cadre):
    record = ServiceRecordFactory(person__residence_commune=commune_cadre.commune)
    with pytest.raises(ValidationError) as raised:
        service_record_transfer(
            record=record, to_commune=CommuneFactory(), start=record.start, actor=commune_cadre
        )
    assert codes(raised.value) == {"start_not_after_record"}
    assert ServiceRecord.objects.count() == 1


def test_overlapping_core_record_refused_with_message(commune_cadre):
    existing = ServiceRecordFactory(person__residence_commune=commune_cadre.commune)
    clash = ServiceRecord(
        force="militia",
        category="mobile",
        commune=commune_cadre.commune,
        start=datetime.date(2023, 1, 1),
    )
    with pytest.raises(ValidationError) as raised:
        person_update(
            actor=commune_cadre, person=existing.person, related=RelatedChanges(saved=[clash])
        )
    assert codes(raised.value) == {"overlap"}
    assert ServiceRecord.objects.count() == 1


def test_duplicate_national_id_blocked_on_field(commune_cadre):
    other = PersonFactory(residence_commune=commune_cadre.commune)
    with pytest.raises(ValidationError) as raised:
        person_create(
            actor=commune_cadre,
            person=new_person(commune_cadre.commune, national_id=other.national_id),
        )
    assert codes(raised.value) == {"duplicate_national_id"}
    assert Person.objects.count() == 1


def test_same_name_and_birth_date_warns(commune_cadre):
    PersonFactory(residence_commune=commune_cadre.commune, full_name="Nguyễn Văn An")
    with pytest.raises(ValidationError) as raised:
        person_create(actor=commune_cadre, person=new_person(commune_cadre.commune))
    assert codes(raised.value) == {"possible_duplicate"}
    assert Person.objects.count() == 1


def test_same_name_and_birth_date_saved_once_confirmed(commune_cadre):
    PersonFactory(residence_commune=commune_cadre.commune, full_name="Nguyễn Văn An")
    person_create(
        actor=commune_cadre, person=new_person(commune_cadre.commune), confirm_duplicate=True
    )
    assert Person.objects.count() == 2


def test_create_outside_area_refused(commune_cadre, other_commune):
    with pytest.raises(ValidationError) as raised:
        person_create(actor=commune_cadre, person=new_person(other_commune))
    assert codes(raised.value) == {"out_of_area"}


def test_create_with_service_record_saves_both(commune_cadre):
    record = ServiceRecord(
        force="militia",
        category="mobile",
        commune=commune_cadre.commune,
        start=datetime.date(2024, 1, 1),
    )
    person = person_create(
        actor=commune_cadre,
        person=new_person(commune_cadre.commune),
        related=RelatedChanges(saved=[record]),
    )
    assert list(person.services.all()) == [record]
