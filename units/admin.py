"""Admin for the geography of both eras, force units, commune commands and military cells.

Communes number about 13,000 once real data is loaded, so every foreign key to a unit is an
autocomplete field and no list filter offers communes (provinces, at about a hundred, are fine).
"""

import datetime

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from config.admin_input import BadInputAdminMixin
from config.scoped_admin import ScopedAdminMixin

from .models import (
    REFORM_DATE,
    CellCommitteePeriod,
    CellRating,
    Commune,
    CommuneCommand,
    CommuneLineage,
    CommunePopulation,
    District,
    ForceUnit,
    MilitaryPartyCell,
    Province,
    ProvinceLineage,
    Village,
    VillagePartyCount,
)


class ValidityEraFilter(admin.SimpleListFilter):
    """Split units by era: the 1 July 2025 reform reused codes, so a code alone is ambiguous."""

    title = _("validity era")
    parameter_name = "era"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list:
        return [
            ("legacy", _("before the 2025 reform")),
            ("current", _("valid today")),
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() == "legacy":
            return queryset.valid_on(REFORM_DATE - datetime.timedelta(days=1))
        if self.value() == "current":
            return queryset.valid_on(timezone.localdate())
        return queryset


class DatedUnitAdmin(BadInputAdminMixin, admin.ModelAdmin):
    list_display = ("code", "name", "kind", "valid_from", "valid_to")
    list_filter = ("kind", ValidityEraFilter)
    search_fields = ("code", "name")
    ordering = ("code", "valid_from")


@admin.register(Province)
class ProvinceAdmin(DatedUnitAdmin):
    pass


@admin.register(District)
class DistrictAdmin(DatedUnitAdmin):
    list_display = ("code", "name", "kind", "province", "valid_from", "valid_to")
    list_filter = ("kind", ValidityEraFilter, "province")
    search_fields = ("code", "name", "province__name")
    autocomplete_fields = ("province",)
    list_select_related = ("province",)


class VillageInline(ScopedAdminMixin, admin.TabularInline):
    model = Village
    fields = ("name", "kind", "valid_from", "valid_to")
    extra = 0
    show_change_link = True


class CommunePopulationInline(ScopedAdminMixin, admin.TabularInline):
    model = CommunePopulation
    fields = ("year", "population")
    extra = 0


@admin.register(Commune)
class CommuneAdmin(ScopedAdminMixin, DatedUnitAdmin):
    list_display = ("code", "name", "kind", "province", "district", "valid_from", "valid_to")
    list_filter = ("kind", ValidityEraFilter, "province")
    search_fields = ("code", "name", "province__name", "district__name")
    autocomplete_fields = ("province", "district")
    list_select_related = ("province", "district")
    inlines = (VillageInline, CommunePopulationInline)
    list_per_page = 50
    # Counting all ~13,000 rows on every filtered page buys nothing.
    show_full_result_count = False


@admin.register(Village)
class VillageAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("name", "kind", "commune", "valid_from", "valid_to")
    list_filter = ("kind", "commune__province")
    search_fields = ("name", "commune__name", "commune__code")
    autocomplete_fields = ("commune",)
    list_select_related = ("commune",)
    show_full_result_count = False

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        # The village's name includes its commune's, also in autocomplete answers.
        return super().get_queryset(request).select_related("commune")


@admin.register(VillagePartyCount)
class VillagePartyCountAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("village", "counted_on", "members", "source")
    list_filter = ("source", "village__commune__province")
    search_fields = ("village__name", "village__commune__name", "village__commune__code")
    autocomplete_fields = ("village",)
    list_select_related = ("village__commune",)
    date_hierarchy = "counted_on"


@admin.register(CommunePopulation)
class CommunePopulationAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("commune", "year", "population")
    list_filter = ("year", "commune__province")
    search_fields = ("commune__name", "commune__code")
    autocomplete_fields = ("commune",)
    list_select_related = ("commune",)


class LineageAdmin(BadInputAdminMixin, admin.ModelAdmin):
    list_display = ("predecessor", "successor", "kind", "effective_on", "partial")
    list_filter = ("kind", "partial", "effective_on")
    search_fields = (
        "predecessor__name",
        "predecessor__code",
        "successor__name",
        "successor__code",
    )
    autocomplete_fields = ("predecessor", "successor")
    list_select_related = ("predecessor", "successor")


@admin.register(ProvinceLineage)
class ProvinceLineageAdmin(LineageAdmin):
    pass


@admin.register(CommuneLineage)
class CommuneLineageAdmin(LineageAdmin):
    list_display = (*LineageAdmin.list_display, "is_default_successor")


@admin.register(ForceUnit)
class ForceUnitAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("name", "force", "category", "echelon", "province", "commune", "valid_to")
    list_filter = ("force", "category", "echelon", ValidityEraFilter, "province")
    search_fields = ("name", "host_organisation", "commune__name", "province__name")
    autocomplete_fields = ("province", "commune", "village")
    list_select_related = ("province", "commune")


@admin.register(CommuneCommand)
class CommuneCommandAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("commune", "province", "established_on")
    list_filter = ("commune__province",)
    search_fields = ("commune__name", "commune__code")
    autocomplete_fields = ("commune",)
    list_select_related = ("commune__province",)

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        # The command is named after its commune, also in autocomplete answers.
        return super().get_queryset(request).select_related("commune")

    @admin.display(description=_("province"), ordering="commune__province__name")
    def province(self, command: CommuneCommand) -> Province:
        return command.commune.province


class CellCommitteePeriodInline(ScopedAdminMixin, admin.TabularInline):
    model = CellCommitteePeriod
    fields = ("start", "end")
    extra = 0


class CellRatingInline(ScopedAdminMixin, admin.TabularInline):
    model = CellRating
    fields = ("year", "rating")
    extra = 0


@admin.register(MilitaryPartyCell)
class MilitaryPartyCellAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("name", "commune", "established_on", "dissolved_on")
    list_filter = ("commune__province", ("dissolved_on", admin.EmptyFieldListFilter))
    search_fields = ("name", "commune__name", "commune__code")
    autocomplete_fields = ("commune",)
    list_select_related = ("commune",)
    inlines = (CellCommitteePeriodInline, CellRatingInline)


@admin.register(CellCommitteePeriod)
class CellCommitteePeriodAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("cell", "start", "end")
    list_filter = ("cell__commune__province", ("end", admin.EmptyFieldListFilter))
    search_fields = ("cell__name", "cell__commune__name")
    autocomplete_fields = ("cell",)
    list_select_related = ("cell",)


@admin.register(CellRating)
class CellRatingAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("cell", "year", "rating")
    list_filter = ("year", "rating", "cell__commune__province")
    search_fields = ("cell__name", "cell__commune__name")
    autocomplete_fields = ("cell",)
    list_select_related = ("cell",)
