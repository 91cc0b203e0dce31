"""Which rows of the members app a user may see, and the party status of people on a day.

Every `visible_to` is built from `accounts.scope.scope_for(user).q(...)` alone, so access is
decided in one place and fails closed (DOMAIN.md §8).
"""

import datetime
from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models import Case, Exists, OuterRef, Q, Subquery, Value, When
from django.utils.translation import gettext_lazy as _

from accounts.scope import scope_for

if TYPE_CHECKING:
    from accounts.models import User


class PartyStatus(models.TextChoices):
    FULL = "full", _("full member")
    PROBATIONARY = "probationary", _("probationary member")
    NONE = "none", _("not a party member")


def _party_on(person_ref: str, on: datetime.date) -> models.QuerySet:
    """Party records of the person at `person_ref` that make them a member on `on`."""
    from members.models import PartyRecord

    return PartyRecord.objects.filter(
        Q(exit_on__isnull=True) | Q(exit_on__gt=on),
        person_id=OuterRef(person_ref),
        admitted_on__lte=on,
    )


def party_status_on(on: datetime.date, person_ref: str = "pk") -> Case:
    """Return the party status (full, probationary, none) on `on` as an SQL expression.

    Full membership dates from the end of probation (`full_member_on`), even when it was
    approved later; a member without that date on `on` is still probationary.
    """
    members = _party_on(person_ref, on)
    return Case(
        When(Exists(members.filter(full_member_on__lte=on)), then=Value(PartyStatus.FULL)),
        When(Exists(members), then=Value(PartyStatus.PROBATIONARY)),
        default=Value(PartyStatus.NONE),
        output_field=models.CharField(),
    )


def covering(on: datetime.date) -> Q:
    """Rows dated `start`..`end` (both inclusive, open end) that cover `on`."""
    return Q(start__lte=on) & (Q(end__isnull=True) | Q(end__gte=on))


class PersonQuerySet(models.QuerySet):
    def visible_to(self, user: "User") -> "PersonQuerySet":
        """Keep the people whose residence, or any service record, lies in the user's area."""
        scope = scope_for(user)
        # An everything-scope is an empty Q, and an empty Q OR'ed with EXISTS would mean the
        # EXISTS alone: people without service records would vanish from the national view.
        if scope.everything:
            return self.all()
        services = self.model._meta.get_field("services").related_model
        served = services.objects.filter(scope.q(commune="commune"), person_id=OuterRef("pk"))
        return self.filter(scope.q(commune="residence_commune") | Exists(served))

    def with_party_status(self, on: datetime.date) -> "PersonQuerySet":
        return self.annotate(party_status=party_status_on(on))

    def with_current_force(self, on: datetime.date) -> "PersonQuerySet":
        services = self.model._meta.get_field("services").related_model
        current = services.objects.filter(covering(on), person_id=OuterRef("pk"))
        return self.annotate(current_force=Subquery(current.order_by("-start").values("force")[:1]))

    def serving_on(self, on: datetime.date, force: str) -> "PersonQuerySet":
        services = self.model._meta.get_field("services").related_model
        serving = services.objects.filter(covering(on), person_id=OuterRef("pk"), force=force)
        return self.filter(Exists(serving))


class ServiceRecordQuerySet(models.QuerySet):
    def visible_to(self, user: "User") -> "ServiceRecordQuerySet":
        return self.filter(scope_for(user).q(commune="commune"))

    def covering(self, on: datetime.date) -> "ServiceRecordQuerySet":
        return self.filter(covering(on))


class CommandPostQuerySet(models.QuerySet):
    def visible_to(self, user: "User") -> "CommandPostQuerySet":
        return self.filter(scope_for(user).q(commune="command__commune"))


class ByPersonQuerySet(models.QuerySet):
    """Rows about one person (party records, read logs): visible with the person."""

    def visible_to(self, user: "User") -> Any:
        people = self.model._meta.get_field("person").related_model
        return self.filter(person__in=people.objects.visible_to(user).values("pk"))


class AdmissionCaseQuerySet(models.QuerySet):
    def visible_to(self, user: "User") -> "AdmissionCaseQuerySet":
        return self.filter(scope_for(user).q(commune="commune"))


class AdmissionStepQuerySet(models.QuerySet):
    def visible_to(self, user: "User") -> "AdmissionStepQuerySet":
        return self.filter(scope_for(user).q(commune="case__commune"))
