"""Admin for directives and the targets they set, scoped to the user's area.

Lists, change and delete pages read through `visible_to`, so a row outside the area answers as
a missing one. Every save and delete goes through `targets.services`; the forms run the same
area checks first, so a refusal shows beside its field and nothing is written half-way.
"""

import copy
from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from config.scoped_admin import ScopedAdminMixin

from .models import Directive, Target
from .querysets import AREA_FIELDS
from .selectors import directives_editable
from .services import (
    directive_check,
    directive_create,
    directive_delete,
    directive_update,
    target_check,
    target_create,
    target_delete,
    target_update,
)


class AreaCheckedForm(forms.ModelForm):
    """Run the service's area check on the row as it would be saved, and show its refusal.

    `actor` is set on the class the admin builds for each request.
    """

    actor: Any = None
    checked_fields: tuple[str, ...] = AREA_FIELDS

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        # A field already refused (say, a province outside the area) says enough.
        if any(self.has_error(name) for name in self.checked_fields):
            return cleaned
        candidate = copy.copy(self.instance)
        for name in self.checked_fields:
            if name in cleaned:
                setattr(candidate, name, cleaned[name])
        try:
            self.area_check(candidate)
        except ValidationError as error:
            self.show(error)
        return cleaned

    def area_check(self, candidate: Any) -> None:
        raise NotImplementedError

    def show(self, error: ValidationError) -> None:
        """Put each message beside its field, or above the form for a field not shown."""
        for name, messages in error.error_dict.items():
            shown = name in self.fields and not self.fields[name].widget.is_hidden
            self.add_error(name if shown else None, messages)


class DirectiveForm(AreaCheckedForm):
    checked_fields = (*AREA_FIELDS, "supersedes")

    def area_check(self, candidate: Directive) -> None:
        directive_check(actor=self.actor, directive=candidate)


class TargetForm(AreaCheckedForm):
    checked_fields = (*AREA_FIELDS, "directive")

    def area_check(self, candidate: Target) -> None:
        target_check(actor=self.actor, target=candidate)


class AreaDisplayMixin:
    @admin.display(description=_("area"))
    def area_display(self, obj: Directive | Target) -> str | None:
        # An empty area means the whole nation for a directive, the directive's area for a target.
        return str(obj.area) if obj.area else None


class ActorFormMixin:
    """Build the admin's form class for the request's user, who the area checks run for."""

    def get_form(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        form = super().get_form(request, *args, **kwargs)  # type: ignore[misc]
        return type(form.__name__, (form,), {"actor": request.user})


class TargetInline(ScopedAdminMixin, admin.TabularInline):
    model = Target
    form = TargetForm
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

    def get_formset(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> Any:
        formset = super().get_formset(request, obj, **kwargs)
        # The factory built this form class for this request alone.
        formset.form.actor = request.user
        return formset


@admin.register(Directive)
class DirectiveAdmin(AreaDisplayMixin, ActorFormMixin, ScopedAdminMixin, admin.ModelAdmin):
    form = DirectiveForm
    list_display = (
        "number",
        "kind",
        "issuer",
        "issued_on",
        "title",
        "area_display",
        "effective_from",
    )
    list_filter = (
        "kind",
        ("province", admin.RelatedOnlyFieldListFilter),
        ("effective_to", admin.EmptyFieldListFilter),
        "issued_on",
    )
    search_fields = ("number", "title", "issuer")
    autocomplete_fields = (*AREA_FIELDS, "supersedes")
    list_select_related = AREA_FIELDS
    inlines = (TargetInline,)
    date_hierarchy = "issued_on"

    def save_model(self, request: HttpRequest, obj: Directive, form: Any, change: bool) -> None:
        save = directive_update if change else directive_create
        save(actor=request.user, directive=obj)

    def delete_model(self, request: HttpRequest, obj: Directive) -> None:
        directive_delete(actor=request.user, directive=obj)

    @transaction.atomic
    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Directive]) -> None:
        for directive in queryset:
            directive_delete(actor=request.user, directive=directive)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        """Save the targets of the inline one by one through the services."""
        formset.save(commit=False)
        for target in formset.deleted_objects:
            target_delete(actor=request.user, target=target)
        for target, _changed in formset.changed_objects:
            target_update(actor=request.user, target=target)
        for target in formset.new_objects:
            target_create(actor=request.user, target=target)
        formset.save_m2m()


@admin.register(Target)
class TargetAdmin(AreaDisplayMixin, ActorFormMixin, ScopedAdminMixin, admin.ModelAdmin):
    form = TargetForm
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
    list_filter = (
        "indicator",
        "bound",
        "each_commune",
        "deadline_year",
        ("directive__province", admin.RelatedOnlyFieldListFilter),
    )
    search_fields = ("directive__number", "directive__title")
    autocomplete_fields = ("directive", *AREA_FIELDS)
    list_select_related = ("directive", *AREA_FIELDS)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Target]:
        # A target in the area set by a directive outside it is read, not changed, by the area.
        editable = directives_editable(actor=request.user)
        return super().get_queryset(request).filter(directive__in=editable)

    def save_model(self, request: HttpRequest, obj: Target, form: Any, change: bool) -> None:
        save = target_update if change else target_create
        save(actor=request.user, target=obj)

    def delete_model(self, request: HttpRequest, obj: Target) -> None:
        target_delete(actor=request.user, target=obj)

    @transaction.atomic
    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Target]) -> None:
        for target in queryset:
            target_delete(actor=request.user, target=target)
