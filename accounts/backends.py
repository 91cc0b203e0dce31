"""Permissions follow the user's role: the group named after the role holds them."""

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission
from django.db.models import Q, QuerySet


class RoleBackend(ModelBackend):
    """Grant a user the permissions of their own groups and of the group named after their role.

    The role is the one fact an administrator sets; the group of that name says what the role
    may do, as declared in `accounts.roles` and written by `sync_roles`.
    """

    def _get_group_permissions(self, user_obj) -> QuerySet[Permission]:
        by_role = Q(group__name=user_obj.role) if user_obj.role else Q(pk__in=[])
        return Permission.objects.filter(Q(group__user=user_obj) | by_role).distinct()
