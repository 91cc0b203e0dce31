"""Admin for directives and the targets they set."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Directive, Target

AREA_FIELDS = ("province", "district", "commune")


class AreaDisplayMixin:
    @admin.display(description=_("area"))
    def area_display(self, obj: Directive | Target) -> str | None:
        # An empty area means the whole nation for a directive, the directive's area for a target.
        return str(obj.area) if obj.area else None


class TargetInline(admin.TabularInline):
    model = Target
    fields = (
        "indicator",
        *AREA_FIELDS,
        "each_commune",
        "bound",
        "lower",
        "upper",
        "deadline_year",
        "deadline_date",
    )
    autocomplete_fields = AREA_FIELDS
    extra = 0


@admin.register(Directive)
class DirectiveAdmin(AreaDisplayMixin, admin.ModelAdmin):
    list_display = ("number", "issuer", "issued_on", "title", "area_display", "effective_from")
    list_filter = ("province", ("effective_to", admin.EmptyFieldListFilter), "issued_on")
    search_fields = ("number", "title", "issuer")
    autocomplete_fields = (*AREA_FIELDS, "supersedes")
    list_select_related = AREA_FIELDS
    inlines = (TargetInline,)
    date_hierarchy = "issued_on"


@admin.register(Target)
class TargetAdmin(AreaDisplayMixin, admin.ModelAdmin):
    list_display = (
        "directive",
        "indicator",
        "area_display",
        "each_commune",
        "bound",
        "lower",
        "upper",
        "deadline_year",
        "deadline_date",
    )
    list_filter = ("indicator", "bound", "each_commune", "deadline_year", "directive__province")
    search_fields = ("directive__number", "directive__title")
    autocomplete_fields = ("directive", *AREA_FIELDS)
    list_select_related = ("directive", *AREA_FIELDS)
