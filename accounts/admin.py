"""Admin for users: Django's own user admin plus the role and area that decide access."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from rest_framework.authtoken.admin import TokenProxy

from config.scoped_admin import ScopedAdminMixin

from .models import User

PRODUCT_NAME = _("Party development in militia, self-defence and reserve forces")

admin.site.site_header = PRODUCT_NAME
admin.site.site_title = PRODUCT_NAME

ROLE_AND_AREA = (_("Role and area"), {"fields": ("role", "province", "commune")})


@admin.register(User)
class UserAdmin(ScopedAdminMixin, DjangoUserAdmin):
    fieldsets = (*DjangoUserAdmin.fieldsets, ROLE_AND_AREA)
    add_fieldsets = (*DjangoUserAdmin.add_fieldsets, ROLE_AND_AREA)
    list_display = (
        "username",
        "first_name",
        "last_name",
        "role",
        "province",
        "commune",
        "is_staff",
        "is_active",
    )
    list_filter = (
        "role",
        ("province", admin.RelatedOnlyFieldListFilter),
        "is_staff",
        "is_superuser",
        "is_active",
        "groups",
    )
    search_fields = (*DjangoUserAdmin.search_fields, "commune__name", "province__name")
    autocomplete_fields = ("province", "commune")
    list_select_related = ("province", "commune")


# The token admin lists every key in clear: tokens are issued and revoked by `issue_token`
# and the API alone, so no page ever shows another user's key.
admin.site.unregister(TokenProxy)

# Sign-in protection (issue 13): django-axes' attempts, for the national administrator.
from accounts import lockout_admin  # noqa: E402, F401

# Two-step sign-in (issue 13): the devices, for the national administrator's reset.
from accounts.two_factor import admin as two_factor_admin  # noqa: E402, F401
