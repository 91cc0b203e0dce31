"""Directive and target pages: list, detail, register, edit, supersede, delete (DOMAIN.md §7).

Thin views over `targets.selectors` and `targets.services`. Access follows
`config.access.requires`: reading needs `targets.view_directive`; writing also needs the add_,
change_ or delete_ codename of the row (provincial staff and national administrators hold
them, commune cadres only read, the aggregate-only client holds none and gets 403). A
directive the user reads but may not edit (a nation-wide one for provincial staff, one of the
province for a cadre) and any other directive outside the user's area answer 404 on the write
pages, exactly as a missing one; so does a target of one.
"""

import copy
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Model, Prefetch, ProtectedError, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from config.access import requires
from units.querysets import interval_covers

from . import selectors, services
from .areas import area_code
from .display import bound_text, deadline_text, indicator_label
from .forms import DirectiveForm, InForceForm, ServiceModelForm, TargetForm
from .models import Directive, Target
from .querysets import AREA_FIELDS

VIEW = "targets.view_directive"
PAGE_SIZE = 50
TEMPLATES = "targets/"


def in_force_on(directives: QuerySet[Directive], form: InForceForm) -> QuerySet[Directive]:
    """Keep the directives in force on the form's day, all of them without a valid one."""
    day = form.cleaned_data.get("in_force_on") if form.is_valid() else None
    if day is None:
        return directives
    return directives.filter(interval_covers(day, start="effective_from", end="effective_to"))


def with_successors(request: HttpRequest, directives: QuerySet[Directive]) -> QuerySet[Directive]:
    """Attach `successors`: the directives superseding each one that the reader may read."""
    readable = selectors.directive_list(actor=request.user).order_by("effective_from")
    return directives.prefetch_related(
        Prefetch("superseded_by", queryset=readable, to_attr="successors")
    )


@requires(VIEW)
def directive_list_view(request: HttpRequest) -> HttpResponse:
    form = InForceForm(request.GET)
    directives = in_force_on(selectors.directive_list(actor=request.user), form)
    page = Paginator(with_successors(request, directives), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {"form": form, "page": page}
    return render(request, TEMPLATES + "directive_list.html", context)


@requires(VIEW)
def directive_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    directive = selectors.directive_get(actor=request.user, pk=pk)
    readable = selectors.directive_list(actor=request.user)
    successors = readable.filter(supersedes=directive).order_by("effective_from")
    targets = selectors.target_list(actor=request.user, directive=directive)
    rows = [
        {
            "target": target,
            "indicator": indicator_label(target.indicator),
            "bound": bound_text(target),
            "deadline": deadline_text(target),
        }
        for target in targets
    ]
    editable = selectors.directives_editable(actor=request.user).filter(pk=directive.pk).exists()
    context = {
        "directive": directive,
        "successors": successors,
        "rows": rows,
        "editable": editable,
    }
    return render(request, TEMPLATES + "directive_detail.html", context)


def editable_directive(request: HttpRequest, pk: int) -> Directive:
    """Return the directive `pk` if the user may edit it; 404 alike if missing or out of reach."""
    directives = selectors.directives_editable(actor=request.user).select_related(*AREA_FIELDS)
    return get_object_or_404(directives, pk=pk)


def editable_target(request: HttpRequest, pk: int) -> Target:
    """Return the target `pk` if the user may edit it; 404 alike if missing or out of reach."""
    targets = selectors.targets_editable(actor=request.user)
    related = ("directive", *AREA_FIELDS, *(f"directive__{name}" for name in AREA_FIELDS))
    return get_object_or_404(targets.select_related(*related), pk=pk)


def saved_through(request: HttpRequest, form: ServiceModelForm, save: Callable[[], Model]) -> Any:
    """Run `save` on a valid POSTed form; show its refusal on the form. Return the row or None."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        return save()
    except ValidationError as error:
        form.show_refusal(error)
        return None


@requires(VIEW, "targets.add_directive")
def directive_create_view(request: HttpRequest) -> HttpResponse:
    form = DirectiveForm(request.POST or None, instance=Directive())
    saved = saved_through(
        request,
        form,
        lambda: services.directive_create(actor=request.user, directive=form.instance),
    )
    if saved is not None:
        messages.success(request, _("The directive is registered."))
        return redirect("targets:directive_detail", pk=saved.pk)
    context = {"form": form, "title": _("Register a directive")}
    return render(request, TEMPLATES + "directive_form.html", context)


@requires(VIEW, "targets.change_directive")
def directive_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    directive = editable_directive(request, pk)
    title = _("Edit directive %(number)s") % {"number": directive.number}
    form = DirectiveForm(request.POST or None, instance=directive)
    saved = saved_through(
        request,
        form,
        lambda: services.directive_update(actor=request.user, directive=form.instance),
    )
    if saved is not None:
        messages.success(request, _("The directive is saved."))
        return redirect("targets:directive_detail", pk=saved.pk)
    context = {"form": form, "title": title, "directive": directive}
    return render(request, TEMPLATES + "directive_form.html", context)


@requires(VIEW, "targets.add_directive", "targets.change_directive")
def directive_supersede_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Register a new directive that supersedes `pk`, which then ends the day before it starts."""
    old = editable_directive(request, pk)
    initial = {"kind": old.kind, "issuer": old.issuer, "area": area_code(old)}
    form = DirectiveForm(request.POST or None, instance=Directive(), initial=initial)
    # The service ends `old` in memory before it may refuse the new one: give it a copy.
    saved = saved_through(
        request,
        form,
        lambda: services.directive_supersede(
            actor=request.user, old=copy.copy(old), new=form.instance
        ),
    )
    if saved is not None:
        message = _("The new directive supersedes %(number)s.") % {"number": old.number}
        messages.success(request, message)
        return redirect("targets:directive_detail", pk=saved.pk)
    title = _("Supersede directive %(number)s") % {"number": old.number}
    context = {"form": form, "title": title, "directive": old, "superseding": True}
    return render(request, TEMPLATES + "directive_form.html", context)


@requires(VIEW, "targets.delete_directive")
def directive_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    directive = editable_directive(request, pk)
    error = None
    if request.method == "POST":
        try:
            services.directive_delete(actor=request.user, directive=directive)
        except ProtectedError:
            error = _("Another directive supersedes this one: change or delete that one first.")
        else:
            messages.success(request, _("The directive is deleted."))
            return redirect("targets:directive_list")
    context = {"directive": directive, "error": error}
    return render(request, TEMPLATES + "directive_confirm_delete.html", context)


@requires(VIEW, "targets.add_target")
def target_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    directive = editable_directive(request, pk)
    form = TargetForm(request.POST or None, instance=Target(directive=directive))
    saved = saved_through(
        request, form, lambda: services.target_create(actor=request.user, target=form.instance)
    )
    if saved is not None:
        messages.success(request, _("The target is saved."))
        return redirect("targets:directive_detail", pk=directive.pk)
    context = {"form": form, "directive": directive, "title": _("Add a target")}
    return render(request, TEMPLATES + "target_form.html", context)


@requires(VIEW, "targets.change_target")
def target_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    target = editable_target(request, pk)
    form = TargetForm(request.POST or None, instance=target)
    saved = saved_through(
        request, form, lambda: services.target_update(actor=request.user, target=form.instance)
    )
    if saved is not None:
        messages.success(request, _("The target is saved."))
        return redirect("targets:directive_detail", pk=target.directive_id)
    context = {"form": form, "directive": target.directive, "title": _("Edit target")}
    return render(request, TEMPLATES + "target_form.html", context)


@requires(VIEW, "targets.delete_target")
def target_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    target = editable_target(request, pk)
    if request.method == "POST":
        services.target_delete(actor=request.user, target=target)
        messages.success(request, _("The target is deleted."))
        return redirect("targets:directive_detail", pk=target.directive_id)
    context = {"target": target, "indicator": indicator_label(target.indicator)}
    context |= {"bound": bound_text(target), "deadline": deadline_text(target)}
    return render(request, TEMPLATES + "target_confirm_delete.html", context)
