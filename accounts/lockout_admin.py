"""django-axes' records of sign-in attempts in the admin, guarded like the project's own admins.

Axes' admin classes as they are (no add view; deleting an attempt lifts its lockout), with the
project's refusal of absurd query strings. Only the superuser (the national administrator)
holds their permissions: no role's group does (`accounts.roles` lists the project's apps).
Registered here because AXES_ENABLE_ADMIN is off; `accounts.admin` imports this module.
"""

from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin

from config.admin_input import BadInputAdminMixin


@admin.register(AccessAttempt)
class GuardedAccessAttemptAdmin(BadInputAdminMixin, AccessAttemptAdmin):
    pass


@admin.register(AccessFailureLog)
class GuardedAccessFailureLogAdmin(BadInputAdminMixin, AccessFailureLogAdmin):
    pass


@admin.register(AccessLog)
class GuardedAccessLogAdmin(BadInputAdminMixin, AccessLogAdmin):
    pass
