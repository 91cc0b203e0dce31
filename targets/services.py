"""Writes of directives and targets: each in one transaction, and only inside the actor's area.

The area is checked twice on every write: the row as stored (for an update or delete) and the
row as it will be. A refusal is a `ValidationError` keyed by the field at fault, with a `code`:
`out_of_area` for an area outside the actor's scope, `target_outside_directive` for a target
whose area is not inside its directive's. Whether the actor may add, change or delete at all
(the permission codenames) is checked by the views and the admin.

`directive_check` and `target_check` are the area rules alone, so that a form can show a
refusal beside its field before anything is written; the services call them again.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from accounts.models import User
from units.scope import AreaScope, scope_of

from .areas import area_contains, area_field, area_lies_in
from .models import Directive, Target
from .querysets import NO_AREA

ONE_DAY = datetime.timedelta(days=1)


def refusal(field: str, message: str, code: str, **params: str) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code, params=params or None)})


def directive_check(*, actor: User, directive: Directive) -> None:
    """Refuse `directive` unless it lies in the actor's area, as stored and as edited.

    A directive with no area governs the whole nation: only a national administrator sets one.
    What it supersedes must lie in the area too, and its stored targets inside its new area.
    """
    scope = scope_of(actor)
    field = area_field(directive) or "province"
    _check_stored_directive(scope, directive, field)
    _check_area_in(scope, directive, field)
    if directive.pk and directive.supersedes_id == directive.pk:
        message = gettext("A directive cannot supersede itself.")
        raise refusal("supersedes", message, "supersedes_itself")
    if directive.supersedes_id and not area_lies_in(scope, directive.supersedes):
        message = gettext("The directive it supersedes is outside your area.")
        raise refusal("supersedes", message, "out_of_area")
    if directive.pk:
        _check_stored_targets_inside(directive, field)


def _check_stored_directive(scope: AreaScope, directive: Directive, field: str) -> None:
    """Refuse a saved directive whose stored row is outside the scope (or is gone)."""
    if directive.pk and not Directive.objects.within(scope).filter(pk=directive.pk).exists():
        raise refusal(field, gettext("This directive is outside your area."), "out_of_area")


def _check_area_in(scope: AreaScope, holder: Directive | Target, field: str) -> None:
    """Refuse the area of `holder` (as edited) outside the scope; no area is the nation."""
    if area_lies_in(scope, holder):
        return
    if holder.area is None:
        message = gettext("Only a national administrator can set a directive for the whole nation.")
        raise refusal(field, message, "out_of_area")
    message = gettext("%(area)s is outside your area.")
    raise refusal(field, message, "out_of_area", area=str(holder.area))


def _check_stored_targets_inside(directive: Directive, field: str) -> None:
    """Refuse a new area that would leave a stored target of the directive outside it."""
    targets = Target.objects.filter(directive_id=directive.pk).exclude(NO_AREA)
    if any(
        not area_contains(directive, target)
        for target in targets.select_related("district", "commune")
    ):
        message = gettext(
            "Some targets of this directive lie outside this area; change their areas first."
        )
        raise refusal(field, message, "target_outside_directive")


def target_check(*, actor: User, target: Target) -> None:
    """Refuse `target` unless it and its directive lie in the actor's area, as stored and edited.

    A target's own area must lie inside its directive's; with no area of its own it is set for
    the directive's area.
    """
    scope = scope_of(actor)
    field = area_field(target)
    _check_stored_target(scope, target, field or "directive")
    _check_directive_reachable(scope, target.directive)
    if not field:
        return
    _check_area_in(scope, target, field)
    if not area_contains(target.directive, target):
        message = gettext("The area of a target must lie inside its directive's area (%(area)s).")
        area = str(target.directive.area or gettext("the whole nation"))
        raise refusal(field, message, "target_outside_directive", area=area)


def _check_stored_target(scope: AreaScope, target: Target, field: str) -> None:
    """Refuse a saved target whose stored row, or its directive, is outside the scope."""
    editable = Target.objects.editable_within(scope)
    if target.pk and not editable.filter(pk=target.pk).exists():
        raise refusal(field, gettext("This target is outside your area."), "out_of_area")


def _check_directive_reachable(scope: AreaScope, directive: Directive) -> None:
    """Refuse a target of a directive outside the scope, as stored or as being edited."""
    _check_stored_directive(scope, directive, "directive")
    if not area_lies_in(scope, directive):
        message = gettext("This directive is outside your area.")
        raise refusal("directive", message, "out_of_area")


@transaction.atomic
def directive_create(*, actor: User, directive: Directive) -> Directive:
    """Register the unsaved `directive` in the actor's area."""
    return _directive_save(actor, directive)


@transaction.atomic
def directive_update(*, actor: User, directive: Directive) -> Directive:
    """Save the edited `directive`; both its stored and its new area must be in the actor's."""
    return _directive_save(actor, directive)


def _directive_save(actor: User, directive: Directive) -> Directive:
    directive.full_clean()
    directive_check(actor=actor, directive=directive)
    directive._history_user = actor  # type: ignore[attr-defined]
    directive.save()
    return directive


@transaction.atomic
def directive_supersede(*, actor: User, old: Directive, new: Directive) -> Directive:
    """Make `new` (saved or not) supersede `old`, which ends the day before `new` comes in force.

    An earlier end of `old` is kept: a directive already out of force stays so.
    """
    directive_check(actor=actor, directive=old)
    if new.effective_from <= old.effective_from:
        message = gettext(
            "A directive can only supersede one that came into force before it (%(day)s)."
        )
        day = old.effective_from.strftime("%d/%m/%Y")
        raise refusal("effective_from", message, "supersedes_later", day=day)
    last_day = new.effective_from - ONE_DAY
    if old.effective_to is None or old.effective_to > last_day:
        old.effective_to = last_day
    _directive_save(actor, old)
    new.supersedes = old
    return _directive_save(actor, new)


@transaction.atomic
def directive_delete(*, actor: User, directive: Directive) -> None:
    """Delete `directive` (as stored in the actor's area) with its targets."""
    _check_stored_directive(scope_of(actor), directive, area_field(directive) or "province")
    directive._history_user = actor  # type: ignore[attr-defined]
    directive.delete()


@transaction.atomic
def target_create(*, actor: User, target: Target) -> Target:
    """Register the unsaved `target` of a directive in the actor's area."""
    return _target_save(actor, target)


@transaction.atomic
def target_update(*, actor: User, target: Target) -> Target:
    """Save the edited `target`; both its stored and its new area must be in the actor's."""
    return _target_save(actor, target)


def _target_save(actor: User, target: Target) -> Target:
    target.full_clean()
    target_check(actor=actor, target=target)
    target._history_user = actor  # type: ignore[attr-defined]
    target.save()
    return target


@transaction.atomic
def target_delete(*, actor: User, target: Target) -> None:
    """Delete `target` (as stored in the actor's area)."""
    _check_stored_target(scope_of(actor), target, area_field(target) or "directive")
    target._history_user = actor  # type: ignore[attr-defined]
    target.delete()
