"""Who reads the audit: the national administrator alone, by role and by scope."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from simple_history.models import registered_models

from accounts.models import Role, User
from accounts.roles import role_groups_sync
from audit.registry import check_every_history_is_audited
from members.models import MemberRating, PersonReadLog
from members.services.audit import person_reads_log
from tests.audit.support import CHANGES, READS
from tests.conftest import client_for
from tests.members.factories import PersonFactory

pytestmark = pytest.mark.django_db


def roles_holding(codename: str) -> set[str]:
    return set(Group.objects.filter(permissions__codename=codename).values_list("name", flat=True))


def test_only_the_national_admin_role_holds_the_audit_permission():
    role_groups_sync()

    assert roles_holding("read_audit") == {Role.NATIONAL_ADMIN}


def test_menu_offers_the_audit_to_the_national_admin_only(admin_client, province_officer):
    link = f'href="{CHANGES}"'

    national = admin_client.get(reverse("home")).content.decode()
    provincial = client_for(province_officer).get(reverse("home")).content.decode()

    assert (link in national, link in provincial) == (True, False)


def test_the_audit_menu_entry_is_current_on_the_read_log_too(admin_client):
    page = admin_client.get(READS).content.decode()

    assert f'href="{CHANGES}" aria-current="page"' in page


def test_a_provincial_reader_given_the_permission_still_sees_no_row(province_officer):
    province_officer.user_permissions.add(Permission.objects.get(codename="read_audit"))
    person = PersonFactory(residence_commune__province=province_officer.province)
    person_reads_log(reader=province_officer, person_ids=[person.pk], purpose="detail")
    client = client_for(User.objects.get(pk=province_officer.pk))

    changes, reads = client.get(CHANGES), client.get(READS)

    assert (changes.status_code, reads.status_code) == (200, 200)
    assert (changes.context["rows"], reads.context["rows"]) == ([], [])
    assert PersonReadLog.objects.count() == 1


def test_every_model_with_history_is_in_the_audit():
    assert check_every_history_is_audited() == []


def test_a_model_with_history_left_out_of_the_audit_fails_the_check(monkeypatch):
    monkeypatch.setitem(registered_models, "members_memberrating", MemberRating)

    [error] = check_every_history_is_audited()

    assert (error.id, "members.MemberRating" in error.msg) == ("audit.E001", True)
