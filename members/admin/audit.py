"""Admin for the log of who read which person (DOMAIN.md §8).

The log is evidence, so it is read-only for everyone, superusers included: rows are written by
`members.services.audit.person_reads_log` alone. Rows are scoped through their person, so a
provincial officer sees the reads of their province's people, and the reads of a deleted person
(person NULL) are seen by the national administrator alone. Commune cadres hold no view
permission on it (`accounts.roles`): who read whom is itself confidential.
"""

from django.contrib import admin

from config.scoped_admin import ScopedAdminMixin
from members.models import PersonReadLog

from .base import ReadOnlyAdminMixin


@admin.register(PersonReadLog)
class PersonReadLogAdmin(ReadOnlyAdminMixin, ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("person", "reader", "read_at", "purpose")
    list_filter = ("purpose", "read_at")
    search_fields = ("person__full_name", "person__national_id", "reader__username")
    list_select_related = ("person", "reader")
    fields = ("person", "reader", "read_at", "purpose")
    readonly_fields = ("read_at",)
    # The log grows with every page shown; counting all of it on each page would be slow.
    show_full_result_count = False
