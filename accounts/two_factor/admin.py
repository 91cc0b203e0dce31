"""Two-step sign-in devices in the admin: the national administrator's reset after a lost phone.

Listed, shown and deleted (deleting resets the user, who enrols again at their next sign-in),
never added or changed here: a device is enrolled by its owner alone, and its secret is never
shown. Only the superuser holds these permissions (no role's group does: `accounts.roles`
lists the project's apps), and the list is empty for anyone else (`ScopedAdminMixin` fails
closed on a model without an area). A national administrator cannot delete their own device:
two-step sign-in is required of them, as on their own page. Registered in place of
django-otp's admin, which shows the secret and adds devices; `accounts.admin` imports this.
"""

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.two_factor.services import two_factor_required, two_factor_reset
from config.scoped_admin import ScopedAdminMixin

SHOWN = (
    "user",
    "name",
    "confirmed",
    "created_at",
    "last_used_at",
    "throttling_failure_count",
    "throttling_failure_timestamp",
)


class TOTPDeviceAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("user", "confirmed", "created_at", "last_used_at", "throttling_failure_count")
    list_filter = ("confirmed",)
    list_select_related = ("user",)
    search_fields = ("user__username", "user__first_name", "user__last_name")
    fields = SHOWN
    readonly_fields = SHOWN
    # One device at a time, through the reset below: no bulk deletion.
    actions = None

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: TOTPDevice | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: TOTPDevice | None = None) -> bool:
        own = obj is not None and obj.user_id == request.user.pk
        if own and two_factor_required(request.user):
            return False
        return super().has_delete_permission(request, obj)

    def delete_model(self, request: HttpRequest, obj: TOTPDevice) -> None:
        two_factor_reset(user=obj.user)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        for device in queryset.select_related("user"):
            two_factor_reset(user=device.user)


if admin.site.is_registered(TOTPDevice):
    admin.site.unregister(TOTPDevice)
admin.site.register(TOTPDevice, TOTPDeviceAdmin)
