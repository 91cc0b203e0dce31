"""People reads: scoped to the actor's area, logged, and a fixed number of queries."""

import datetime

import pytest
from django.http import Http404

from members.models import Person, PersonReadLog
from members.selectors.people import my_commune_overview, person_get, person_list
from tests.members.factories import (
    AdmissionCaseFactory,
    PartyRecordFactory,
    PersonFactory,
    ServiceRecordFactory,
)

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 3, 2)


def test_commune_cadre_lists_only_people_of_their_commune(commune_cadre, other_commune):
    mine = PersonFactory(residence_commune=commune_cadre.commune)
    PersonFactory(residence_commune=other_commune)
    assert list(person_list(actor=commune_cadre)) == [mine]


def test_person_serving_in_commune_is_visible_once(commune_cadre, other_commune):
    person = PersonFactory(residence_commune=other_commune)
    ServiceRecordFactory(
        person=person, commune=commune_cadre.commune, end=datetime.date(2022, 12, 31)
    )
    ServiceRecordFactory(
        person=person, commune=commune_cadre.commune, start=datetime.date(2023, 1, 1)
    )
    assert list(Person.objects.visible_to(commune_cadre)) == [person]


def test_province_officer_sees_province_not_other(province_officer, home_commune, other_commune):
    mine = PersonFactory(residence_commune=home_commune)
    PersonFactory(residence_commune=other_commune)
    assert list(person_list(actor=province_officer)) == [mine]


def test_national_admin_sees_people_without_service(national_admin):
    person = PersonFactory()
    assert list(Person.objects.visible_to(national_admin)) == [person]


def test_user_without_area_sees_nobody(django_user_model):
    PersonFactory()
    nobody = django_user_model.objects.create_user(username="nobody", password="pw")
    assert not Person.objects.visible_to(nobody).exists()


def test_person_get_outside_area_is_404(commune_cadre, other_commune):
    person = PersonFactory(residence_commune=other_commune)
    with pytest.raises(Http404):
        person_get(actor=commune_cadre, pk=person.pk)


def test_person_get_writes_read_log(commune_cadre):
    person = PersonFactory(residence_commune=commune_cadre.commune)
    person_get(actor=commune_cadre, pk=person.pk)
    log = PersonReadLog.objects.get()
    assert (log.reader, log.person, log.purpose) == (commune_cadre, person, "detail")


def test_party_status_filter_keeps_members(commune_cadre):
    member = PersonFactory(residence_commune=commune_cadre.commune)
    PartyRecordFactory(person=member)
    PersonFactory(residence_commune=commune_cadre.commune)
    assert list(person_list(actor=commune_cadre, filters={"party_status": "member"})) == [member]


def test_person_list_queries_do_not_grow(commune_cadre, django_assert_max_num_queries):
    for _ in range(8):
        person = PersonFactory(residence_commune=commune_cadre.commune)
        ServiceRecordFactory(person=person)
        PartyRecordFactory(person=person)
    with django_assert_max_num_queries(4):
        rows = list(person_list(actor=commune_cadre, filters={"force": "militia"}))
    assert len(rows) == 8


def test_my_commune_groups_party_status_on_date(commune_cadre):
    person = PersonFactory(residence_commune=commune_cadre.commune)
    ServiceRecordFactory(person=person)
    PartyRecordFactory(person=person, admitted_on=datetime.date(2025, 6, 1))
    overview = my_commune_overview(actor=commune_cadre, on=TODAY)
    assert [r.party_status for r in overview.forces[0].records] == ["probationary"]


def test_my_commune_queries_do_not_grow(commune_cadre, django_assert_max_num_queries):
    for _ in range(6):
        person = PersonFactory(residence_commune=commune_cadre.commune)
        ServiceRecordFactory(person=person)
        AdmissionCaseFactory(person=person)
    # Two scope look-ups (lineage, communes) per queryset, then records, cases and their steps.
    with django_assert_max_num_queries(8):
        overview = my_commune_overview(actor=commune_cadre, on=TODAY)
    assert (len(overview.forces[0].records), len(overview.cases)) == (6, 6)
