"""Admin for party records and members' yearly ratings; their pages log a read of the person."""

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from config.scoped_admin import ScopedAdminMixin
from members.models import MemberRating, PartyRecord

from .base import PersonReadLogMixin


@admin.register(PartyRecord)
class PartyRecordAdmin(PersonReadLogMixin, ScopedAdminMixin, admin.ModelAdmin):
    list_display = (
        "person",
        "admitted_on",
        "decision_number",
        "full_member_on",
        "card_number",
        "military_cell",
        "exit_on",
        "exit_kind",
    )
    list_filter = (
        "exit_kind",
        ("full_member_on", admin.EmptyFieldListFilter),
        ("military_cell", admin.EmptyFieldListFilter),
        "person__residence_commune__province",
    )
    search_fields = (
        "person__full_name",
        "person__national_id",
        "card_number",
        "decision_number",
    )
    autocomplete_fields = ("person", "military_cell")
    list_select_related = ("person", "military_cell")
    date_hierarchy = "admitted_on"
    read_purpose = "admin_partyrecord"

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        # A record is named after its person, also in autocomplete answers.
        return super().get_queryset(request).select_related("person")


@admin.register(MemberRating)
class MemberRatingAdmin(PersonReadLogMixin, ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("person", "year", "rating")
    list_filter = ("year", "rating")
    search_fields = ("person__full_name", "person__national_id")
    autocomplete_fields = ("person",)
    list_select_related = ("person",)
    read_purpose = "admin_memberrating"
