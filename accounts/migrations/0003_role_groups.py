"""One group per role with the permissions of that role, so a fresh install is usable.

`accounts.backends.RoleBackend` gives each user the permissions of the group named after their
role; an administrator can tune a group in the admin. Rows (which communes) are decided by the
area scope, not here: these are the codenames (what a role may do).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

APPS = ("accounts", "units", "members", "targets")
PEOPLE = ("person", "servicerecord", "commandpost", "partyrecord", "admissioncase", "admissionstep")

ROLE_PERMISSIONS = {
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
        "view:targets",
        *(f"{action}_{model}" for model in PEOPLE for action in ("add", "change")),
        "add_village",
        "change_village",
        "add_communepopulation",
        "change_communepopulation",
        "view_aggregates",
    ],
    "aggregate_client": ["view_aggregates"],
}


def _select(permission_model, spec):
    ours = permission_model.objects.filter(content_type__app_label__in=APPS)
    if spec == "*":
        return list(ours)
    if spec.startswith("view:"):
        app = spec[len("view:") :]
        views = ours.filter(codename__startswith="view_")
        return list(views if app == "*" else views.filter(content_type__app_label=app))
    return list(ours.filter(codename=spec))


def create_role_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    for role, specs in ROLE_PERMISSIONS.items():
        group, _created = group_model.objects.get_or_create(name=role)
        group.permissions.set([p for spec in specs for p in _select(permission_model, spec)])


def remove_role_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLE_PERMISSIONS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_view_aggregates_permission"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("members", "0004_history_and_read_log"),
        ("targets", "0002_history"),
        ("units", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_role_groups, remove_role_groups)]
