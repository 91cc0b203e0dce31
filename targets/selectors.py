"""Reads of directives and targets, always for an acting user.

Reading and editing reach different rows. A user reads the directives that govern their area:
those of the area itself, the nation-wide ones and those of the areas that contain it (a
commune cadre reads their province's and district's directives), since they work under them.
A user edits only the directives that lie in their area (`directives_editable`); whether they
may edit at all is the permission's business. A user with no area reads nothing.
"""

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from accounts.models import User
from units.scope import scope_of

from .models import Directive, Target
from .querysets import AREA_FIELDS


def directive_list(*, actor: User) -> QuerySet[Directive]:
    """Return the directives that govern the actor's area: its own, above it and nation-wide."""
    return Directive.objects.governing(scope_of(actor)).select_related(*AREA_FIELDS)


def directive_get(*, actor: User, pk: Any) -> Directive:
    """Return the directive `pk` if the actor may read it; 404 alike if missing or not readable."""
    try:
        return directive_list(actor=actor).get(pk=pk)
    except (Directive.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def directives_editable(*, actor: User) -> QuerySet[Directive]:
    """Return the directives lying in the actor's area: all for a national administrator.

    A commune cadre's area holds their commune's directives, but the role has no permission to
    change one.
    """
    return Directive.objects.visible_to(actor)


def target_list(*, actor: User, directive: Directive | None = None) -> QuerySet[Target]:
    """Return the targets that govern the actor's area, of `directive` alone when given.

    A target governs where its area does (its own, else its directive's), and only when its
    directive governs there too.
    """
    scope = scope_of(actor)
    targets = Target.objects.governing(scope).filter(
        directive__in=Directive.objects.governing(scope)
    )
    if directive is not None:
        targets = targets.filter(directive=directive)
    return targets.select_related("directive", *AREA_FIELDS)


def targets_editable(*, actor: User) -> QuerySet[Target]:
    """Return the targets lying in the actor's area whose directive lies in it too."""
    return Target.objects.editable_within(scope_of(actor))
