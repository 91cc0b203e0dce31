import datetime
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import AnonymousUser

from accounts.models import Role, User
from members.models import ServiceRecord
from tests.members.factories import ServiceRecordFactory
from tests.units.factories import LEGACY_END, CommuneFactory, ProvinceFactory
from units.models import ChangeKind, CommuneLineage, ProvinceLineage

REFORM = datetime.date(2025, 7, 1)


def make_user(**fields) -> User:
    return User.objects.create_user(username=fields.pop("username", "u"), **fields)


def visible_services(user: User) -> set[int]:
    return set(ServiceRecord.objects.visible_to(user).values_list("pk", flat=True))


@pytest.fixture
def two_communes(db):
    province = ProvinceFactory()
    return CommuneFactory(province=province), CommuneFactory(province=province)


def test_user_without_role_sees_nothing(two_communes):
    ServiceRecordFactory(commune=two_communes[0])
    assert visible_services(make_user()) == set()


def test_commune_cadre_sees_only_own_commune(two_communes):
    own, other = two_communes
    mine = ServiceRecordFactory(person__residence_commune=own)
    ServiceRecordFactory(person__residence_commune=other)
    cadre = make_user(role=Role.COMMUNE_CADRE, commune=own)
    assert visible_services(cadre) == {mine.pk}


def test_provincial_staff_sees_every_commune_of_the_province(two_communes):
    records = {ServiceRecordFactory(person__residence_commune=c).pk for c in two_communes}
    ServiceRecordFactory()  # another province
    staff = make_user(role=Role.PROVINCIAL_STAFF, province=two_communes[0].province)
    assert visible_services(staff) == records


def test_national_admin_sees_everything(two_communes):
    records = {ServiceRecordFactory(person__residence_commune=c).pk for c in two_communes}
    admin = make_user(role=Role.NATIONAL_ADMIN)
    assert visible_services(admin) == records


def test_inactive_user_sees_nothing(two_communes):
    ServiceRecordFactory(person__residence_commune=two_communes[0])
    staff = make_user(
        role=Role.PROVINCIAL_STAFF, province=two_communes[0].province, is_active=False
    )
    assert visible_services(staff) == set()


def test_current_province_staff_read_legacy_predecessor_records(db):
    legacy = ProvinceFactory(valid_from=None, valid_to=LEGACY_END)
    current = ProvinceFactory(valid_from=REFORM)
    ProvinceLineage.objects.create(
        predecessor=legacy, successor=current, kind=ChangeKind.MERGE, effective_on=REFORM
    )
    old = ServiceRecordFactory(person__residence_commune__province=legacy)
    staff = make_user(role=Role.PROVINCIAL_STAFF, province=current)
    assert visible_services(staff) == {old.pk}


@pytest.mark.parametrize(("partial", "visible"), [(False, True), (True, False)])
def test_commune_cadre_reads_wholly_merged_predecessors_only(db, partial, visible):
    province = ProvinceFactory()
    old = CommuneFactory(province=province, valid_from=None, valid_to=LEGACY_END)
    new = CommuneFactory(province=province)
    CommuneLineage.objects.create(
        predecessor=old, successor=new, kind=ChangeKind.MERGE, effective_on=REFORM, partial=partial
    )
    record = ServiceRecordFactory(person__residence_commune=old)
    cadre = make_user(role=Role.COMMUNE_CADRE, commune=new)
    assert (record.pk in visible_services(cadre)) is visible


def test_scope_is_built_once_per_user_object(two_communes, django_assert_num_queries):
    staff = make_user(role=Role.PROVINCIAL_STAFF, province=two_communes[0].province)
    first = staff.area_scope
    with django_assert_num_queries(0):
        assert staff.area_scope is first


def test_scope_follows_a_change_of_area(two_communes):
    own, other = two_communes
    cadre = make_user(role=Role.COMMUNE_CADRE, commune=own)
    assert cadre.area_scope.commune_ids == {own.pk}
    cadre.commune = other
    assert cadre.area_scope.commune_ids == {other.pk}


def test_anonymous_visitor_sees_nothing(two_communes):
    ServiceRecordFactory(commune=two_communes[0])
    assert visible_services(AnonymousUser()) == set()


@dataclass
class FakeArea:
    """A report area as `AreaScope.contains_area` reads it (reports.areas.Area's fields)."""

    level: str
    pk: int | None = None
    province_pk: int | None = None
    commune_pk: int | None = None


def areas(commune) -> dict[str, FakeArea]:
    province = commune.province_id
    return {
        "nation": FakeArea("nation"),
        "province": FakeArea("province", province, province),
        "commune": FakeArea("commune", commune.pk, province, commune.pk),
        "unit": FakeArea("unit", 1, province, commune.pk),
        "reserve unit": FakeArea("unit", 2, province, None),
    }


CONTAINS = {
    Role.NATIONAL_ADMIN: {"nation", "province", "commune", "unit", "reserve unit"},
    Role.PROVINCIAL_STAFF: {"province", "commune", "unit", "reserve unit"},
    Role.COMMUNE_CADRE: {"commune", "unit"},
}


@pytest.mark.parametrize("role", list(CONTAINS))
def test_scope_contains_the_areas_of_the_role(two_communes, role):
    own, _other = two_communes
    user = make_user(role=role, province=own.province, commune=own)
    found = {name for name, area in areas(own).items() if user.area_scope.contains_area(area)}
    assert found == CONTAINS[role]


def test_scope_contains_no_area_of_another_province(two_communes):
    staff = make_user(role=Role.PROVINCIAL_STAFF, province=two_communes[0].province)
    elsewhere = CommuneFactory()
    assert not any(staff.area_scope.contains_area(a) for a in areas(elsewhere).values())
