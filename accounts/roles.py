"""What each role may do: the permissions of the group named after the role, as data.

`accounts.backends.RoleBackend` gives a user the permissions of the group named after their
role. This module is the one place those permissions are declared; `role_groups_sync` (the
`sync_roles` command, run by `make setup` after `migrate`) gives each group exactly this set.
Which rows a user reaches is decided by the area scope (`accounts.scope`), not here.

- national_admin: no area; a superuser who may do everything, the Django admin included; the
  only role that reads the audit trail (`read_audit`: the change history and the read log of
  every area), which no `view:` spec grants.
- provincial_staff: one province; reads everything in it (people read only), registers and
  edits directives and targets, reads aggregate reports.
- commune_cadre: one commune; reads units, people and targets, enters and edits people, their
  force service, command posts, party records and admission cases and steps, villages, their
  party-member counts and population figures; deletes nothing; reads aggregate reports.
- aggregate_client: one province; reads aggregate reports and indicator values only, never a
  person's record (for REST clients and BI tools).

A spec is a codename (`add_directive`), `view:<app label>` (every view permission of that app)
or `view:*` / `*` (every view permission / every permission of the apps in `APPS`); a spec
prefixed with `-` takes away what it names from the specs before it. Migration
`accounts.0003_role_groups` holds a frozen copy taken when the groups were first created.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.apps import apps as global_apps
from django.db import transaction

APPS = ("accounts", "units", "members", "targets")
PEOPLE = ("person", "servicerecord", "commandpost", "partyrecord", "admissioncase", "admissionstep")

ROLE_PERMISSIONS: dict[str, list[str]] = {
    # The national administrator is a superuser; the group is kept for completeness.
    "national_admin": ["*"],
    "provincial_staff": [
        "view:*",
        "add_directive",
        "change_directive",
        "delete_directive",
        "add_target",
        "change_target",
        "delete_target",
        "view_aggregates",
    ],
    "commune_cadre": [
        "view:units",
        "view:members",
        # Who read whom is itself confidential: the read log is the province's to check.
        "-view_personreadlog",
        "view:targets",
        *(f"{action}_{model}" for model in PEOPLE for action in ("add", "change")),
        "add_village",
        "change_village",
        "add_communepopulation",
        "change_communepopulation",
        "add_villagepartycount",
        "change_villagepartycount",
        "view_aggregates",
    ],
    "aggregate_client": ["view_aggregates"],
}

# The level of area each role works in: the official code given for it has this many digits.
ROLE_AREA_LEVEL: dict[str, str | None] = {
    "national_admin": None,
    "provincial_staff": "province",
    "commune_cadre": "commune",
    "aggregate_client": "province",
}
AREA_CODE_DIGITS = {"province": 2, "commune": 5}


class RolePermissionError(Exception):
    """A spec of `ROLE_PERMISSIONS` names no permission: a typo or a model that is gone."""

    def __init__(self, role: str, spec: str) -> None:
        super().__init__(f"{role}: no permission of {', '.join(APPS)} matches {spec!r}")
        self.role = role
        self.spec = spec


@dataclass(frozen=True)
class GroupSync:
    """What syncing one role group changed."""

    name: str
    created: bool
    added: int
    removed: int
    total: int


def role_groups_sync(
    *, apps: Any = None, spec: Mapping[str, Sequence[str]] = ROLE_PERMISSIONS
) -> list[GroupSync]:
    """Create each role group and give it exactly the permissions of `spec`; idempotent.

    Every spec is resolved before anything is written, so an unknown one raises
    `RolePermissionError` and leaves the groups as they were. `apps` is the app registry
    to use (a migration's historical one); by default the running project's.
    """
    apps = apps or global_apps
    wanted = {
        role: role_permission_ids(apps=apps, role=role, specs=specs) for role, specs in spec.items()
    }
    group_model = apps.get_model("auth", "Group")
    changes = []
    with transaction.atomic():
        for role, ids in wanted.items():
            group, created = group_model.objects.get_or_create(name=role)
            held = set(group.permissions.values_list("pk", flat=True))
            group.permissions.set(ids)
            changes.append(GroupSync(role, created, len(ids - held), len(held - ids), len(ids)))
    return changes


def role_permission_ids(*, apps: Any, role: str, specs: Sequence[str]) -> set[int]:
    """Return the ids of the permissions `specs` name, in order; raise if one names none."""
    ours = apps.get_model("auth", "Permission").objects.filter(content_type__app_label__in=APPS)
    ids: set[int] = set()
    for item in specs:
        matched = set(_select(ours, item.removeprefix("-")).values_list("pk", flat=True))
        if not matched:
            raise RolePermissionError(role, item)
        ids = ids - matched if item.startswith("-") else ids | matched
    return ids


def _select(ours: Any, spec: str) -> Any:
    if spec == "*":
        return ours
    if spec.startswith("view:"):
        app = spec.removeprefix("view:")
        views = ours.filter(codename__startswith="view_")
        return views if app == "*" else views.filter(content_type__app_label=app)
    return ours.filter(codename=spec)
