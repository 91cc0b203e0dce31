"""Role groups: `sync_roles` gives each group exactly the permissions of `accounts.roles`."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import CommandError, call_command

from accounts import roles
from accounts.models import Role
from accounts.roles import RolePermissionError, role_groups_sync


def codenames(role: str) -> set[str]:
    return set(Group.objects.get(name=role).permissions.values_list("codename", flat=True))


def held(role: str) -> set[int]:
    return set(Group.objects.get(name=role).permissions.values_list("pk", flat=True))


def test_every_role_has_permissions_and_an_area_level():
    assert set(roles.ROLE_PERMISSIONS) == set(Role.values) == set(roles.ROLE_AREA_LEVEL)


def test_sync_roles_restores_a_tampered_group(db):
    call_command("sync_roles")
    synced = held("provincial_staff")
    group = Group.objects.get(name="provincial_staff")
    group.permissions.remove(Permission.objects.get(codename="add_directive"))
    group.permissions.add(Permission.objects.get(codename="delete_person"))
    call_command("sync_roles")
    assert held("provincial_staff") == synced


def test_sync_roles_recreates_a_deleted_group(db):
    call_command("sync_roles")
    synced = held("commune_cadre")
    Group.objects.filter(name="commune_cadre").delete()
    call_command("sync_roles")
    assert held("commune_cadre") == synced


def test_provincial_staff_write_directives_and_targets_but_not_people(db):
    role_groups_sync()
    granted = codenames("provincial_staff")
    assert {"add_directive", "change_target", "view_person", "view_aggregates"} <= granted
    assert not {"add_person", "change_person", "delete_person"} & granted


def test_commune_cadres_enter_people_but_delete_nothing(db):
    role_groups_sync()
    granted = codenames("commune_cadre")
    assert {"add_person", "change_admissionstep", "change_communepopulation"} <= granted
    assert not {name for name in granted if name.startswith("delete_")}


def test_aggregate_clients_read_aggregates_only(db):
    role_groups_sync()
    assert codenames("aggregate_client") == {"view_aggregates"}


def test_second_sync_changes_nothing(db):
    role_groups_sync()
    assert all(not (c.created or c.added or c.removed) for c in role_groups_sync())


def test_unknown_codename_fails_and_changes_no_group(db):
    role_groups_sync()
    spec = {"provincial_staff": ["view:*"], "aggregate_client": ["fly_to_the_moon"]}
    with pytest.raises(RolePermissionError) as failure:
        role_groups_sync(spec=spec)
    assert (failure.value.role, failure.value.spec) == ("aggregate_client", "fly_to_the_moon")
    # The valid spec before it would have taken directives from provincial staff.
    assert "add_directive" in codenames("provincial_staff")


def test_sync_roles_command_names_the_unknown_codename(db, monkeypatch):
    monkeypatch.setitem(roles.ROLE_PERMISSIONS, "aggregate_client", ["fly_to_the_moon"])
    with pytest.raises(CommandError, match=r"aggregate_client.*fly_to_the_moon"):
        call_command("sync_roles")
