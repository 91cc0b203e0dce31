"""Admin for people, with their service records, command posts and party records inline.

Every change and history page here logs a read of its person (`PersonReadLogMixin`).
"""

from django.contrib import admin

from config.scoped_admin import ScopedAdminMixin
from members.forms.service_records import SERVICE_RECORD_FIELDS, ServiceRecordInlineFormSet
from members.models import CommandPost, MemberRating, PartyRecord, Person, ServiceRecord

from .base import PersonReadLogMixin


class ServiceRecordInline(ScopedAdminMixin, admin.TabularInline):
    model = ServiceRecord
    formset = ServiceRecordInlineFormSet
    fields = SERVICE_RECORD_FIELDS
    autocomplete_fields = ("commune", "village", "unit")
    extra = 0


class CommandPostInline(ScopedAdminMixin, admin.TabularInline):
    model = CommandPost
    fields = ("command", "position", "holder_kind", "village", "start", "end", "in_party_committee")
    autocomplete_fields = ("command", "village")
    extra = 0


class PartyRecordInline(ScopedAdminMixin, admin.TabularInline):
    model = PartyRecord
    fields = (
        "admitted_on",
        "decision_number",
        "ceremony_on",
        "full_member_on",
        "card_number",
        "military_cell",
        "exit_on",
        "exit_kind",
    )
    autocomplete_fields = ("military_cell",)
    extra = 0


class MemberRatingInline(ScopedAdminMixin, admin.TabularInline):
    model = MemberRating
    fields = ("year", "rating")
    extra = 0


@admin.register(Person)
class PersonAdmin(PersonReadLogMixin, ScopedAdminMixin, admin.ModelAdmin):
    list_display = (
        "full_name",
        "birth_date",
        "sex",
        "national_id",
        "residence_commune",
        "military_training",
    )
    list_filter = (
        "sex",
        "military_training",
        "general_education",
        "residence_commune__province",
    )
    search_fields = ("full_name", "national_id", "residence_commune__name")
    autocomplete_fields = ("residence_commune", "residence_village")
    list_select_related = ("residence_commune",)
    inlines = (ServiceRecordInline, CommandPostInline, PartyRecordInline, MemberRatingInline)
    show_full_result_count = False
    # The change and history pages log a read ("admin", "admin_history"); the list does not:
    # it shows names and a few columns to find someone, not their record.
    read_purpose = "admin"

    def read_person_id(self, obj: Person) -> int | None:
        return obj.pk


@admin.register(ServiceRecord)
class ServiceRecordAdmin(PersonReadLogMixin, ScopedAdminMixin, admin.ModelAdmin):
    list_display = (
        "person",
        "force",
        "category",
        "is_core",
        "commune",
        "unit",
        "start",
        "end",
        "end_reason",
    )
    list_filter = ("force", "category", "is_core", "end_reason", "commune__province")
    search_fields = (
        "person__full_name",
        "person__national_id",
        "commune__name",
        "commune__code",
        "unit__name",
    )
    autocomplete_fields = ("person", "commune", "village", "unit")
    list_select_related = ("person", "commune", "unit")
    date_hierarchy = "start"
    show_full_result_count = False
    read_purpose = "admin_servicerecord"


@admin.register(CommandPost)
class CommandPostAdmin(PersonReadLogMixin, ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("person", "position", "command", "start", "end", "in_party_committee")
    list_filter = ("position", "holder_kind", "in_party_committee", "command__commune__province")
    search_fields = (
        "person__full_name",
        "person__national_id",
        "command__commune__name",
        "command__commune__code",
    )
    autocomplete_fields = ("person", "command", "village")
    list_select_related = ("person", "command__commune")
    read_purpose = "admin_commandpost"
